package io.siteform.providers.aws.s3;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;

/** S3's spellings of regions, and where a bucket is. */
final class S3Regions {
  private S3Regions() {}

  /**
   * The region GetBucketLocation means: an empty constraint is us-east-1 and the legacy "EU" is
   * eu-west-1 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html).
   */
  static String fromLocationConstraint(String constraint) {
    if (constraint == null || constraint.isEmpty() || "null".equals(constraint)) return "us-east-1";
    if ("EU".equals(constraint)) return "eu-west-1";
    return constraint;
  }

  /**
   * The region {@code bucket} is in, {@code expected} if GetBucketLocation says so. Any other answer
   * becomes advice to the user ("a bucket cannot move: change the spec's region"), so it is first
   * confirmed by HeadBucket's {@code x-amz-bucket-region}: an answer that came back empty or
   * garbled reads as "no constraint", which would otherwise say us-east-1.
   *
   * @throws ProviderException without advice when the two answers disagree
   */
  static String of(S3Client s3, Address address, Operation op, String bucket, String expected) {
    String located = fromLocationConstraint(s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString());
    if (located.equals(expected)) return located;
    Optional<String> head = headRegion(s3, bucket);
    if (head.isPresent() && head.get().equals(located)) return located;
    if (head.isPresent() && head.get().equals(expected)) return expected;
    throw new ProviderException(address.toString(), op, "S3's answers on bucket " + bucket + "'s region disagree"
        + " (GetBucketLocation: " + located + ", HeadBucket: " + head.orElse("none") + "); run again");
  }

  /** HeadBucket's {@code x-amz-bucket-region}; S3 names it on the 301 for a bucket elsewhere too. */
  private static Optional<String> headRegion(S3Client s3, String bucket) {
    try {
      return Optional.ofNullable(s3.headBucket(b -> b.bucket(bucket)).bucketRegion());
    } catch (AwsServiceException e) {
      if (e.statusCode() == 404) throw e;
      return e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? Optional.empty()
          : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
    }
  }
}
