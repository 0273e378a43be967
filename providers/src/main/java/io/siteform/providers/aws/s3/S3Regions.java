package io.siteform.providers.aws.s3;

/** S3's spellings of regions. */
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
}
