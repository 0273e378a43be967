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
import software.amazon.awssdk.core.sync.RequestBody;

/** {@code siteform verify} against moto: a healthy site passes; hand-made breakage is named with its fix. */
@ExtendWith(MotoExtension.class)
class VerifyIT {
  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;
  Path spec;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    spec = cli.spec;
    Files.writeString(spec, CliTest.SPEC);
  }


  @Test
  void findsAMissingReplicaObjectAndAPolicyRemovedByHand() throws Exception {
    var before = cli.run("verify");
    assertThat(before.exit()).isEqualTo(1);
    assertThat(before.out()).contains("cloudfront_distribution.site: no distribution has been created");

    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);
    var healthy = cli.run("verify");
    assertThat(healthy.exit()).as(healthy.out()).isEqualTo(0);
    assertThat(healthy.out()).contains("Verified.");

    try (AwsClients aws = moto.newClients()) {
      // Written while replication is off, as in the seed's warning: S3 never replicates it.
      aws.s3("eu-west-1").deleteBucketReplication(b -> b.bucket("ticket-service-ui-jane-doe"));
      aws.s3("eu-west-1").putObject(b -> b.bucket("ticket-service-ui-jane-doe").key("index.html"),
          RequestBody.fromString("<h1>tickets</h1>"));
      aws.s3("ap-southeast-1").deleteBucketPolicy(b -> b.bucket("ticket-service-ui-singapore-jane-doe"));
      aws.s3("ap-southeast-1").putObject(b -> b.bucket("ticket-service-ui-singapore-jane-doe").key("old.html"),
          RequestBody.fromString("<h1>removed long ago</h1>"));
    }
    var broken = cli.run("verify");
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.out()).contains(
        "s3_replication.primary: bucket ticket-service-ui-jane-doe has no replication configuration",
        "s3_bucket.replica_ap_southeast_1: replica ticket-service-ui-singapore-jane-doe does not hold what the primary serves: 1 missing (index.html)",
        "s3_bucket_policy.replica_ap_southeast_1: bucket ticket-service-ui-singapore-jane-doe has no policy",
        "s3_bucket.replica_ap_southeast_1: replica ticket-service-ui-singapore-jane-doe holds 1 object(s) the primary does not (old.html)",
        "failover fails", "Fix: run `siteform apply`", "4 findings.");

    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);
    var repaired = cli.run("verify");
    assertThat(repaired.out()).doesNotContain("s3_bucket_policy", "s3_replication").contains("1 missing (index.html)", "old.html", "2 findings.");
  }

  /**
   * The security headers and the routing function detached from the default behaviour by hand:
   * the site still serves, without its headers and routes, and verify names both.
   */
  @Test
  void findsTheHeadersPolicyAndTheFunctionDetachedFromTheDefaultBehaviour() throws Exception {
    Files.writeString(spec, CliTest.SPEC + """
        cdn:
          routing: spa
          security_headers: managed
        """);
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    var healthy = cli.run("verify");
    assertThat(healthy.exit()).as(healthy.out()).isEqualTo(0);

    String functionArn;
    try (AwsClients aws = moto.newClients()) {
      var cf = aws.cloudFront();
      String id = cf.listDistributions(b -> {}).distributionList().items().get(0).id();
      var current = cf.getDistributionConfig(b -> b.id(id));
      var config = current.distributionConfig();
      functionArn = config.defaultCacheBehavior().functionAssociations().items().get(0).functionARN();
      var detached = config.toBuilder().defaultCacheBehavior(config.defaultCacheBehavior().toBuilder()
          .responseHeadersPolicyId(null).functionAssociations(f -> f.quantity(0).items(java.util.List.of())).build()).build();
      cf.updateDistribution(b -> b.id(id).ifMatch(current.eTag()).distributionConfig(detached));
    }
    var broken = cli.run("verify");
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.out()).contains(
        "has no response headers policy, not 67f7725c-6f97-4210-82d7-5512b31e9d03, so viewers do not get the security headers",
        "does not run function " + functionArn + " on viewer-request, so the routing and redirects of the spec do not happen",
        "run `siteform apply` to attach it again", "2 findings.");

    var repaired = cli.run("apply", "--auto-approve");
    assertThat(repaired.exit()).as(repaired.out() + repaired.err()).isEqualTo(0);
    var again = cli.run("verify");
    assertThat(again.exit()).as(again.out()).isEqualTo(0);
  }
}
