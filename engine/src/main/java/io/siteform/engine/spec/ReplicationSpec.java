package io.siteform.engine.spec;

import java.util.Objects;

/**
 * {@code replication:}. {@code deleteMarkers} defaults to false, so deletes in the primary do not
 * empty the replicas; {@code prefix} defaults to "" (everything).
 */
public record ReplicationSpec(boolean deleteMarkers, String prefix) {
  public ReplicationSpec {
    Objects.requireNonNull(prefix, "prefix");
  }

  public static ReplicationSpec defaults() {
    return new ReplicationSpec(false, "");
  }
}
