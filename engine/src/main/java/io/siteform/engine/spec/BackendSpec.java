package io.siteform.engine.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code backend:} where state lives. {@code local} (default): {@code path}, resolved against the
 * spec's folder, default {@code siteform.state.json}. {@code s3}: {@code bucket}, {@code key},
 * {@code region}.
 */
public record BackendSpec(
    Type type, String path, Optional<String> bucket, Optional<String> key, Optional<String> region) {
  public BackendSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(region, "region");
  }

  public static BackendSpec localDefault() {
    return new BackendSpec(Type.LOCAL, "siteform.state.json", Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** {@code backend.type}. */
  public enum Type {
    LOCAL,
    S3
  }
}
