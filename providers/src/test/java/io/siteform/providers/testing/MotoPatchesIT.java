package io.siteform.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.providers.aws.AwsClients;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Each patch in moto/patches is needed and works: the patched server behaves as the AWS API
 * reference says; a launcher started {@code --without} that patch does not.
 */
@ExtendWith(MotoExtension.class)
class MotoPatchesIT {
  private static final String REGION = "eu-west-1";
  private static final String ROLE = "arn:aws:iam::123456789012:role/crr";

  private final MotoServer patched;

  MotoPatchesIT(MotoServer patched) {
    this.patched = patched;
  }

  /** Runs {@code check} against the patched server, then against one without {@code patch}. */
  private void onBoth(String patch, Consumer<S3Client> holds, Consumer<S3Client> fails) {
    patched.provePatch(patch, c -> holds.accept(c.s3(REGION)), c -> fails.accept(c.s3(REGION)));
  }

  private static void versionedBucket(S3Client s3, String name) {
    s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint(REGION)));
    s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status("Enabled")));
  }

  private static ReplicationRule putAndReadBack(S3Client s3, Consumer<ReplicationRule.Builder> rule) {
    versionedBucket(s3, "src");
    s3.putBucketReplication(b -> b.bucket("src").replicationConfiguration(c -> c.role(ROLE).rules(r -> {
      r.id("r1").priority(1).status("Enabled").destination(d -> d.bucket("arn:aws:s3:::dst"));
      rule.accept(r);
    })));
    return s3.getBucketReplication(b -> b.bucket("src")).replicationConfiguration().rules().get(0);
  }

  /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteMarkerReplication.html */
  @Test
  void deleteMarkerReplicationReadsBackAsPut() {
    Consumer<ReplicationRule.Builder> enabled =
        r -> r.filter(f -> f.prefix("")).deleteMarkerReplication(m -> m.status("Enabled"));
    onBoth("s3_replication_delete_marker",
        s3 -> assertThat(putAndReadBack(s3, enabled).deleteMarkerReplication().statusAsString()).isEqualTo("Enabled"),
        s3 -> assertThat(putAndReadBack(s3, enabled).deleteMarkerReplication().statusAsString()).isEqualTo("Disabled"));
  }

  /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ReplicationRuleFilter.html */
  @Test
  void filterPrefixReadsBackAsPut() {
    Consumer<ReplicationRule.Builder> assets =
        r -> r.filter(f -> f.prefix("assets/")).deleteMarkerReplication(m -> m.status("Disabled"));
    onBoth("s3_replication_filter",
        s3 -> assertThat(putAndReadBack(s3, assets).filter().prefix()).isEqualTo("assets/"),
        s3 -> assertThat(putAndReadBack(s3, assets).filter().prefix()).isEmpty());
  }

  /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html */
  @Test
  void everyBucketHasSseS3ByDefault() {
    onBoth("s3_default_encryption",
        s3 -> {
          s3.createBucket(b -> b.bucket("plain").createBucketConfiguration(c -> c.locationConstraint(REGION)));
          assertThat(s3.getBucketEncryption(b -> b.bucket("plain")).serverSideEncryptionConfiguration().rules())
              .singleElement()
              .satisfies(r -> assertThat(r.applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("AES256"));
        },
        s3 -> {
          s3.createBucket(b -> b.bucket("plain").createBucketConfiguration(c -> c.locationConstraint(REGION)));
          assertThatThrownBy(() -> s3.getBucketEncryption(b -> b.bucket("plain")))
              .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                  .isEqualTo("ServerSideEncryptionConfigurationNotFoundError"));
        });
  }

  @Test
  void launcherRefusesAnUnknownPatchName() {
    assertThatThrownBy(() -> MotoServer.start("--without", "no_such_patch"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown patch no_such_patch");
  }
}
