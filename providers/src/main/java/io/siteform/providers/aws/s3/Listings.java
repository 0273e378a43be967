package io.siteform.providers.aws.s3;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.providers.aws.RunReads;
import io.siteform.providers.aws.s3.BucketObjects.Listed;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket listings of one run, shared by the content providers so that a run lists each bucket
 * once: the refresh of {@code site_content} and of {@code site_content_removal} read the primary
 * with one ListObjectsV2 between them, the publish that follows reuses it, and the removal after
 * the publish starts from the keys the publish left in the primary and in each replica. A saved
 * plan applied in another run lists again. See {@link RunReads} for when a listing is not reused.
 */
final class Listings {
  /** Who takes a listing: each at most once per listing. */
  enum Use {
    CONTENT_READ, REMOVAL_READ, PUBLISH, REMOVAL
  }

  private final RunReads<Use, Optional<Map<String, Listed>>> reads = new RunReads<>(Use.class);

  /** {@code bucket}'s keys for {@code use}; empty if there is no such bucket. */
  Optional<Map<String, Listed>> get(Use use, S3Client s3, Address address, Operation op, String region, String bucket) {
    return get(use, s3, address, op, region, bucket, java.util.List.of());
  }

  /**
   * {@code bucket}'s keys for {@code use}, listed in parallel ranges split by {@code expected} (the
   * keys the state says it holds) when this use is the one that lists.
   */
  Optional<Map<String, Listed>> get(Use use, S3Client s3, Address address, Operation op, String region, String bucket,
      java.util.Collection<String> expected) {
    return reads.get(use, region + "/" + bucket, () -> BucketObjects.list(s3, address, op, bucket, expected));
  }

  /** What {@code bucket} holds after this run changed it, for {@code use} only. */
  void keep(String region, String bucket, Map<String, Listed> listing, Use use) {
    reads.keep(region + "/" + bucket, Optional.of(listing), use);
  }
}
