package io.siteform.providers.aws.s3;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.providers.aws.AwsFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Multipart uploads begun and never completed: their parts are stored and billed but are no
 * object. Uploads aborts its own when it fails, and each publish aborts those an earlier run
 * left (killed mid-upload) on the site's keys, under the state lock, so none is another run's
 * (S3 API reference: ListMultipartUploads, AbortMultipartUpload). The buckets' lifecycle rule
 * ({@link UploadsLifecycle}) catches the rest after a day.
 */
final class IncompleteUploads {
  private IncompleteUploads() {}

  /**
   * Aborts every incomplete multipart upload in {@code bucket} whose key {@code keys} accepts.
   *
   * @return how many were aborted
   */
  static int abort(S3Client s3, Address address, Operation op, String bucket, Predicate<String> keys) {
    List<MultipartUpload> stale = new ArrayList<>();
    try {
      s3.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads().forEach(u -> {
        if (keys.test(u.key())) stale.add(u);
      });
    } catch (SdkException e) {
      if (is(e, "NoSuchBucket")) return 0;
      throw AwsFailures.wrap(address, op, e);
    }
    for (MultipartUpload u : stale) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
      } catch (SdkException e) {
        // Completed or aborted meanwhile (the SDK aborts a part upload that failed): gone is the point.
        if (!is(e, "NoSuchUpload", "404")) throw AwsFailures.wrap(address, op, e);
      }
    }
    return stale.size();
  }
}
