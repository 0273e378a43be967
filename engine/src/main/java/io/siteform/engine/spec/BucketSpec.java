package io.siteform.engine.spec;

import java.util.Objects;

/** {@code primary:} or one entry of {@code replicas:}: a bucket name and its region. */
public record BucketSpec(String region, String bucket) {
  public BucketSpec {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(bucket, "bucket");
  }
}
