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
    var wrong = cli.run("import", "s3_bucket.primary", "no-such-bucket-here");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("no s3_bucket with id no-such-bucket-here");
    var notInSpec = cli.run("import", "s3_bucket.replica_us_west_2", "x");
    assertThat(notInSpec.exit()).isEqualTo(1);
    assertThat(notInSpec.err()).contains("is not an address this spec has", "s3_bucket.primary");

    assertThat(cli.run("import", "s3_bucket.primary", "ticket-service-ui-jane-doe").exit()).isEqualTo(0);
    var second = cli.run("import", "s3_bucket.replica_ap_southeast_1", "ticket-service-ui-singapore-jane-doe");
    assertThat(second.exit()).as(second.err()).isEqualTo(0);
    assertThat(cli.run("import", "s3_bucket.primary", "ticket-service-ui-jane-doe").err()).contains("already in state");

    var plan = cli.run("plan");
    assertThat(plan.out()).contains("# s3_bucket.primary will be updated in-place", "tags")
        .doesNotContain("# s3_bucket.primary will be created", "# s3_bucket.primary must be replaced");
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    assertThat(apply.out()).contains("Resources: 6 added, 2 changed, 0 destroyed.");
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
  }

  @Test
  void theRoleDistributionCertificateAndRecordsAreAdoptedByTheirIds() throws Exception {
    String zone;
    try (AwsClients aws = moto.newClients()) {
      zone = aws.route53().createHostedZone(b -> b.name("example.com").callerReference("import-it"))
          .hostedZone().id().replace("/hostedzone/", "");
    }
    Files.writeString(spec, CliTest.SPEC + """
        domain:
          names: [www.example.com]
          hosted_zone: example.com
          certificate: {validation: dns}
        """);
    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);
    java.util.Map<String, String> ids = new java.util.LinkedHashMap<>();
    for (String address : new String[] {"iam_role.replication", "cloudfront_distribution.site",
        "acm_certificate.site", "route53_record.a_www_example_com", "cloudfront_origin_access.site"}) {
      String shown = cli.run("state", "show", address).out();
      ids.put(address, shown.lines().filter(l -> l.strip().startsWith("id ")).findFirst().orElseThrow()
          .replaceAll(".*= \"(.*)\"", "$1"));
      assertThat(cli.run("state", "rm", address).exit()).isEqualTo(0);
    }
    // Forgotten, as if made by hand: the plan would make them again, and refuses the record in the way.
    var forgotten = cli.run("plan");
    assertThat(forgotten.exit()).isEqualTo(1);
    assertThat(forgotten.out()).contains("# cloudfront_distribution.site will be created", "This plan cannot be applied");
    assertThat(ids.get("route53_record.a_www_example_com")).isEqualTo(zone + "_www.example.com_A");

    ids.forEach((address, id) -> {
      var r = cli.run("import", address, id);
      assertThat(r.exit()).as(address + ": " + r.err()).isEqualTo(0);
    });
    var adopted = cli.run("plan", "--detailed-exitcode");
    assertThat(adopted.exit()).as(adopted.out()).isEqualTo(0);
  }
}
