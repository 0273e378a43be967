package io.siteform.providers.aws.s3;

import static io.siteform.providers.aws.AwsFailures.is;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * The one lifecycle rule siteform keeps on a bucket: abort multipart uploads nobody completed
 * (an apply killed mid-upload leaves parts that S3 stores and bills but never lists as objects).
 *
 * <p>PutBucketLifecycleConfiguration replaces the bucket's whole configuration, so siteform
 * reads it first and changes only the rule with its own ID, {@value #RULE_ID}; rules anyone
 * else wrote are put back as they were (S3 API reference, PutBucketLifecycleConfiguration:
 * "replaces an existing lifecycle configuration"). A rule of another ID that also aborts uploads
 * is the user's and left alone.
 */
final class UploadsLifecycle {
  static final String ATTRIBUTE = "abort_incomplete_uploads_days";
  static final String RULE_ID = "siteform-abort-incomplete-uploads";

  private UploadsLifecycle() {}

  /**
   * The days of siteform's enabled rule, or 0 if the bucket has none. A failure is thrown as AWS
   * answered it, as by the bucket's other reads: the caller's wait for a bucket S3 does not see
   * yet must recognise its NoSuchBucket.
   */
  static int read(S3Client s3, String bucket) {
    GetBucketLifecycleConfigurationResponse current = current(s3, bucket);
    return (current == null ? List.<LifecycleRule>of() : current.rules()).stream()
        .filter(r -> RULE_ID.equals(r.id()) && r.status() == ExpirationStatus.ENABLED)
        .filter(r -> r.abortIncompleteMultipartUpload() != null
            && r.abortIncompleteMultipartUpload().daysAfterInitiation() != null)
        .map(r -> r.abortIncompleteMultipartUpload().daysAfterInitiation())
        .findFirst()
        .orElse(0);
  }

  /** Sets siteform's rule to {@code days} (0 removes it), keeping every other rule. */
  static void put(S3Client s3, String bucket, int days) {
    GetBucketLifecycleConfigurationResponse current = current(s3, bucket);
    List<LifecycleRule> rules = new ArrayList<>();
    if (current != null) {
      current.rules().stream().filter(r -> !RULE_ID.equals(r.id())).forEach(rules::add);
    }
    if (days > 0) {
      rules.add(LifecycleRule.builder()
          .id(RULE_ID)
          .status(ExpirationStatus.ENABLED)
          .filter(f -> f.prefix(""))
          .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(days))
          .build());
    }
    if (rules.isEmpty()) {
      if (current != null) s3.deleteBucketLifecycle(b -> b.bucket(bucket));
      return;
    }
    s3.putBucketLifecycleConfiguration(b -> {
      b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules));
      if (current != null && current.transitionDefaultMinimumObjectSize() != null) {
        b.transitionDefaultMinimumObjectSize(current.transitionDefaultMinimumObjectSize());
      }
    });
  }

  /** The bucket's lifecycle configuration, or null if it has none. */
  private static GetBucketLifecycleConfigurationResponse current(S3Client s3, String bucket) {
    try {
      return s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket));
    } catch (SdkException e) {
      if (is(e, "NoSuchLifecycleConfiguration")) return null;
      throw e;
    }
  }
}
