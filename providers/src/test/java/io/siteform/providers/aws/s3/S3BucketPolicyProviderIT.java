package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.state.Values;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class S3BucketPolicyProviderIT {
  private static final Address ADDRESS = new Address("s3_bucket_policy", "primary");
  private static final String REGION = "eu-west-1";
  private static final String BUCKET = "ticket-service-ui-jane-doe";
  private static final String DISTRIBUTION = "arn:aws:cloudfront::123456789012:distribution/E1ABCDEF234567";

  private final AwsClients clients;
  private final S3BucketPolicyProvider provider;

  S3BucketPolicyProviderIT(MotoServer moto) {
    this.clients = moto.newClients();
    this.provider = new S3BucketPolicyProvider(clients, Waits.DEFAULTS);
  }

  @BeforeEach
  void bucket() {
    clients.s3(REGION).createBucket(b -> b.bucket(BUCKET).createBucketConfiguration(c -> c.locationConstraint(REGION)));
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  /** The statement the expander writes for an OAC: only this distribution may read. */
  static Map<String, Object> oacPolicy(String bucket, String distributionArn) {
    return Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
        "Sid", "AllowCloudFrontRead",
        "Effect", "Allow",
        "Principal", Map.of("Service", "cloudfront.amazonaws.com"),
        "Action", List.of("s3:GetObject", "s3:ListBucket"),
        "Resource", List.of("arn:aws:s3:::" + bucket, "arn:aws:s3:::" + bucket + "/*"),
        "Condition", Map.of("StringEquals", Map.of("AWS:SourceArn", distributionArn)))));
  }

  private Optional<LiveResource> read() {
    return provider.read(new ReadRequest(ADDRESS, REGION, BUCKET, Map.of()));
  }

  @Test
  void lifecycle() {
    Map<String, Object> desired = Map.of("bucket", BUCKET, "policy", oacPolicy(BUCKET, DISTRIBUTION));

    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, desired, Progress.NONE));

    assertThat(created.id()).isEqualTo(BUCKET);
    assertThat(created.attributes()).isEqualTo(Values.copyMap(desired));
    LiveResource read = read().orElseThrow();
    assertThat(read).isEqualTo(created);

    Map<String, Object> changed = Map.of("bucket", BUCKET,
        "policy", oacPolicy(BUCKET, "arn:aws:cloudfront::123456789012:distribution/E9NEWDIST00000"));
    LiveResource updated = provider.update(
        new UpdateRequest(ADDRESS, REGION, BUCKET, read.attributes(), changed, Progress.NONE));
    assertThat(updated.attributes()).isEqualTo(Values.copyMap(changed));

    // drift: someone deletes the policy by hand
    clients.s3(REGION).deleteBucketPolicy(b -> b.bucket(BUCKET));
    assertThat(read()).isEmpty();

    provider.create(new CreateRequest(ADDRESS, REGION, changed, Progress.NONE));
    provider.delete(new DeleteRequest(ADDRESS, REGION, BUCKET, changed, Progress.NONE));
    assertThat(read()).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, REGION, BUCKET, changed, Progress.NONE));
  }

  /** IAM's grammar allows a string for a one-element list and vice versa: neither is drift. */
  @Test
  void readSpellsThePolicyAsTheExpanderDoes() {
    String oai = "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL";
    clients.s3(REGION).putBucketPolicy(b -> b.bucket(BUCKET).policy("""
        {"Version": "2012-10-17", "Statement": {
          "Effect": "Allow",
          "Principal": {"AWS": ["%s"]},
          "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::%s/*",
          "Condition": {"StringEquals": {"AWS:SourceArn": ["%s"]}}}}
        """.formatted(oai, BUCKET, DISTRIBUTION)));

    assertThat(read().orElseThrow().attributes().get("policy")).isEqualTo(Values.copy(Map.of(
        "Version", "2012-10-17", "Statement", List.of(Map.of(
            "Effect", "Allow",
            "Principal", Map.of("AWS", oai),
            "Action", List.of("s3:GetObject"),
            "Resource", List.of("arn:aws:s3:::" + BUCKET + "/*"),
            "Condition", Map.of("StringEquals", Map.of("AWS:SourceArn", DISTRIBUTION)))))));
  }

  @Test
  void missingPolicyOrBucketReadsEmpty() {
    assertThat(read()).isEmpty();
    assertThat(provider.read(new ReadRequest(ADDRESS, REGION, "no-such-bucket", Map.of()))).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, REGION, "no-such-bucket", Map.of(), Progress.NONE));
    provider.delete(new DeleteRequest(ADDRESS, REGION, BUCKET, Map.of(), Progress.NONE));
  }
}
