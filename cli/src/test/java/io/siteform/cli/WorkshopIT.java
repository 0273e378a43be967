package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * The walking skeleton end to end against moto: the seed's steps 1-3 planned, applied,
 * re-planned as "No changes.", drifted by hand, repaired, and destroyed, all through the CLI.
 */
@ExtendWith(MotoExtension.class)
class WorkshopIT {
  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;
  Path spec;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    spec = cli.spec;
    Files.writeString(spec, CliTest.SPEC + """
        replication:
          delete_markers: true
        """);
  }


  @Test
  void applyReplanDriftRepairDestroy() throws Exception {
    // The seed's whole CloudFront half: OAC, distribution with an origin group, bucket policies.
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.err()).isEqualTo(0);
    assertThat(apply.out()).contains("Plan: 8 to add, 0 to change, 0 to destroy.",
        "s3_replication.primary: Creation complete", "cloudfront_distribution.site: Creation complete", "Apply complete! Resources: 8 added, 0 changed, 0 destroyed.",
        "Outputs:", "distribution_id = \"", "site_url = \"https://");
    Path state = dir.resolve("siteform.state.json");
    assertThat(Files.getPosixFilePermissions(state)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(state)).contains("\"s3_replication.primary\"", "arn:aws:iam::")
        .doesNotContain("testing");

    var again = cli.run("plan", "--detailed-exitcode");
    assertThat(again.exit()).as(again.out() + again.err()).isEqualTo(0);
    assertThat(again.out()).contains("No changes.");

    try (AwsClients aws = moto.newClients()) {
      aws.s3("ap-southeast-1").putBucketVersioning(b -> b.bucket("ticket-service-ui-singapore-jane-doe")
          .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    }
    var drift = cli.run("plan", "--detailed-exitcode");
    assertThat(drift.exit()).isEqualTo(2);
    assertThat(drift.out()).contains("Objects have changed outside of siteform",
        "~ versioning = \"Enabled\" -> \"Suspended\"", "~ versioning = \"Suspended\" -> \"Enabled\"",
        "Plan: 0 to add, 1 to change, 0 to destroy.");

    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);

    var json = cli.run("plan", "--json");
    assertThat(json.out()).contains("\"actions\" : [ \"no-op\" ]").doesNotContain("\"create\"");

    var destroy = cli.run("destroy", "--auto-approve");
    assertThat(destroy.exit()).as(destroy.err()).isEqualTo(0);
    assertThat(destroy.out()).contains("Destroy complete! Resources: 8 destroyed.");
    try (AwsClients aws = moto.newClients()) {
      assertThat(aws.s3("eu-west-1").listBuckets().buckets()).isEmpty();
      assertThat(aws.iam().listRoles().roles()).isEmpty();
      assertThat(aws.cloudFront().listDistributions(b -> {}).distributionList().quantity()).isZero();
      assertThat(aws.cloudFront().listOriginAccessControls(b -> {}).originAccessControlList().quantity()).isZero();
    }
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(2);
  }

  @Test
  void aSecondApplyWhileTheLockIsHeldIsRefused() throws Exception {
    // A live holder: another siteform waiting at its prompt, in its own process.
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LockThenWait.class.getName(), dir.resolve("siteform.yaml").toString())
        .redirectErrorStream(true).start();
    try {
      var line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
      assertThat(line).isEqualTo("locked");
      var r = cli.run("apply", "--auto-approve");
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err()).contains("the state is locked by", "(pid " + holder.pid() + ") for apply",
          "that run is still going");
      try (AwsClients aws = moto.newClients()) {
        assertThat(aws.s3("eu-west-1").listBuckets().buckets()).isEmpty();
      }
    } finally {
      holder.destroyForcibly();
      holder.waitFor();
    }
  }
}
