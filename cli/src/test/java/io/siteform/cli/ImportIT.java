package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** Adopting what someone built by hand following the seed: after import, plan shows only real differences. */
@ExtendWith(MotoExtension.class)
class ImportIT {
  @TempDir Path dir;
  final CliRunner cli = new CliRunner();
  MotoServer moto;
  Path spec;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    spec = dir.resolve("siteform.yaml");
    Files.writeString(spec, CliTest.SPEC);
  }

  CliRunner.Run sf(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "-f";
    all[1] = spec.toString();
    all[2] = "--endpoint-url";
    all[3] = moto.endpoint().toString();
    all[4] = "--no-color";
    System.arraycopy(args, 0, all, 5, args.length);
    return cli.run(all);
  }

  @Test
  void bucketsMadeByHandAreAdoptedNotRecreated() throws Exception {
    try (AwsClients aws = moto.newClients()) {
      // The seed's steps 1 and 2, by hand: versioned buckets, nothing else.
      for (String[] b : new String[][] {{"eu-west-1", "ticket-service-ui-jane-doe"},
          {"ap-southeast-1", "ticket-service-ui-singapore-jane-doe"}}) {
        aws.s3(b[0]).createBucket(r -> r.bucket(b[1])
            .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(b[0]))));
        aws.s3(b[0]).putBucketVersioning(r -> r.bucket(b[1])
            .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
      }
    }
    var wrong = sf("import", "s3_bucket.primary", "no-such-bucket-here");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("no s3_bucket with id no-such-bucket-here");
    var notInSpec = sf("import", "s3_bucket.replica_us_west_2", "x");
    assertThat(notInSpec.exit()).isEqualTo(1);
    assertThat(notInSpec.err()).contains("is not an address this spec has", "s3_bucket.primary");

    assertThat(sf("import", "s3_bucket.primary", "ticket-service-ui-jane-doe").exit()).isEqualTo(0);
    var second = sf("import", "s3_bucket.replica_ap_southeast_1", "ticket-service-ui-singapore-jane-doe");
    assertThat(second.exit()).as(second.err()).isEqualTo(0);
    assertThat(sf("import", "s3_bucket.primary", "ticket-service-ui-jane-doe").err()).contains("already in state");

    var plan = sf("plan");
    assertThat(plan.out()).contains("# s3_bucket.primary will be updated in-place", "tags")
        .doesNotContain("# s3_bucket.primary will be created", "# s3_bucket.primary must be replaced");
    var apply = sf("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    assertThat(apply.out()).contains("Resources: 6 added, 2 changed, 0 destroyed.");
    assertThat(sf("plan", "--detailed-exitcode").exit()).isEqualTo(0);
  }
}
