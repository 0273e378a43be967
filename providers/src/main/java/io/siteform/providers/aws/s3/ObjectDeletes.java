package io.siteform.providers.aws.s3;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/** DeleteObjects in batches of 1,000, the most one request takes. */
final class ObjectDeletes {
  static final int BATCH = 1000;

  private ObjectDeletes() {}

  /** Deletes {@code ids}; on a versioned bucket an id without a version adds a delete marker. */
  static void delete(S3Client s3, Address address, Operation op, String bucket, List<ObjectIdentifier> ids) {
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<ObjectIdentifier> batch = ids.subList(from, Math.min(from + BATCH, ids.size()));
      DeleteObjectsResponse r = AwsFailures.call(address, op,
          () -> s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true))));
      if (r.hasErrors() && !r.errors().isEmpty()) {
        String first = r.errors().stream().limit(5)
            .map(e -> e.key() + " (" + e.code() + ": " + e.message() + ")")
            .collect(Collectors.joining(", "));
        throw new ProviderException(address.toString(), op, "S3 did not delete " + r.errors().size()
            + " object(s) from " + bucket + ": " + first + "; fix the cause and apply again");
      }
    }
  }

  /**
   * Deletes every version and delete marker of the keys {@code mine} accepts, so that the bucket
   * can be deleted; a missing bucket is fine.
   *
   * @return how many versions and markers were deleted
   */
  static int purge(S3Client s3, Address address, String bucket, Predicate<String> mine) {
    List<ObjectIdentifier> ids = new ArrayList<>();
    try {
      for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket))) {
        page.versions().stream().filter(v -> mine.test(v.key()))
            .forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
        page.deleteMarkers().stream().filter(m -> mine.test(m.key()))
            .forEach(m -> ids.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
      }
    } catch (SdkException e) {
      if (is(e, "NoSuchBucket")) return 0;
      throw AwsFailures.wrap(address, Operation.DELETE, e);
    }
    delete(s3, address, Operation.DELETE, bucket, ids);
    return ids.size();
  }
}
