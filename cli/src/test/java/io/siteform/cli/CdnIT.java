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
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;

/**
 * The CloudFront half of the seed through the CLI against moto: exact plans for a changed price
 * class and a renamed primary bucket, the legacy OAI variant, and what a bucket policy admits.
 */
@ExtendWith(MotoExtension.class)
class CdnIT {
  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;
  Path spec;

  @BeforeEach
  void setUp(MotoServer moto) {
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    spec = cli.spec;
  }


  private void write(String cdn) throws Exception {
    Files.writeString(spec, CliTest.SPEC + cdn);
  }

  private DistributionConfig distribution(AwsClients aws) {
    String id = aws.cloudFront().listDistributions(b -> {}).distributionList().items().get(0).id();
    return aws.cloudFront().getDistributionConfig(b -> b.id(id)).distributionConfig();
  }

  @Test
  void priceClassChangesInPlaceAndTheNextPlanIsEmpty() throws Exception {
    write("""
        cdn:
          price_class: PriceClass_100
          spa_fallback: true
        """);
    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);
    String id;
    try (AwsClients aws = moto.newClients()) {
      DistributionConfig c = distribution(aws);
      assertThat(c.defaultCacheBehavior().targetOriginId()).isEqualTo(c.originGroups().items().get(0).id());
      assertThat(c.originGroups().items().get(0).members().items()).extracting(m -> m.originId())
          .containsExactly("primary", "replica");
      assertThat(c.origins().items()).allSatisfy(o -> assertThat(o.originAccessControlId()).isNotBlank());
      assertThat(c.customErrorResponses().items()).extracting(e -> e.errorCode()).containsExactlyInAnyOrder(403, 404);
      id = aws.cloudFront().listDistributions(b -> {}).distributionList().items().get(0).id();
      String policy = aws.s3("ap-southeast-1").getBucketPolicy(b -> b.bucket("ticket-service-ui-singapore-jane-doe")).policy();
      assertThat(policy).contains("cloudfront.amazonaws.com", "s3:ListBucket", "s3:GetObject",
          "arn:aws:cloudfront::", "distribution/" + id).doesNotContain("\"*\"");
    }
    write("""
        cdn:
          price_class: PriceClass_All
          spa_fallback: true
        """);
    var plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.err()).isEqualTo(2);
    assertThat(plan.out()).contains("# cloudfront_distribution.site will be updated in-place",
        "~ price_class = \"PriceClass_100\" -> \"PriceClass_All\"",
        "Plan: 0 to add, 1 to change, 0 to destroy.");
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.err()).isEqualTo(0);
    assertThat(apply.out()).contains("cloudfront_distribution.site: Modifications complete", "[id=" + id + "]");
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(distribution(aws).priceClassAsString()).isEqualTo("PriceClass_All");
    }
    assertThat(cli.run("destroy", "--auto-approve").exit()).isEqualTo(0);
  }

  @Test
  void renamingThePrimaryBucketReplacesOnlyWhatMust() throws Exception {
    write("");
    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);
    var plan = cli.run("--var", "owner=joe", "plan");
    assertThat(plan.exit()).as(plan.err()).isEqualTo(0);
    assertThat(plan.out()).contains(
        "# s3_bucket.primary must be replaced", "# s3_replication.primary must be replaced",
        "# s3_bucket_policy.primary must be replaced", "# cloudfront_distribution.site will be updated in-place",
        "# iam_role.replication will be updated in-place")
        .doesNotContain("# cloudfront_origin_access.site", "# cloudfront_distribution.site must be replaced");
  }

  @Test
  void legacyOriginAccessIdentityIsTheOnlyPrincipalOfBothPolicies() throws Exception {
    write("""
        cdn:
          origin_access: oai
        """);
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.err()).isEqualTo(0);
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      String oai = aws.cloudFront().listCloudFrontOriginAccessIdentities(b -> {})
          .cloudFrontOriginAccessIdentityList().items().get(0).id();
      assertThat(distribution(aws).origins().items()).allSatisfy(o ->
          assertThat(o.s3OriginConfig().originAccessIdentity()).isEqualTo("origin-access-identity/cloudfront/" + oai));
      for (String[] b : new String[][] {{"eu-west-1", "ticket-service-ui-jane-doe"},
          {"ap-southeast-1", "ticket-service-ui-singapore-jane-doe"}}) {
        assertThat(aws.s3(b[0]).getBucketPolicy(r -> r.bucket(b[1])).policy())
            .contains("CloudFront Origin Access Identity " + oai).doesNotContain("cloudfront.amazonaws.com");
      }
    }
    var verify = cli.run("verify");
    assertThat(verify.exit()).as(verify.out()).isEqualTo(0);
    var destroy = cli.run("destroy", "--auto-approve");
    assertThat(destroy.exit()).as(destroy.err()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(aws.cloudFront().listCloudFrontOriginAccessIdentities(b -> {})
          .cloudFrontOriginAccessIdentityList().quantity()).isZero();
    }
  }

  @Test
  void switchingOriginAccessBothWaysAttachesTheNewOneBeforeDeletingTheOld() throws Exception {
    write("");
    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);
    for (String kind : new String[] {"oai", "oac"}) {
      write("cdn:\n  origin_access: " + kind + "\n");
      var plan = cli.run("plan");
      assertThat(plan.exit()).as(plan.err()).isEqualTo(0);
      assertThat(plan.out()).contains("+/- resource \"cloudfront_origin_access\" \"site\"",
          "# cloudfront_distribution.site will be updated in-place");
      var apply = cli.run("apply", "--auto-approve");
      assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
      // The old one is deleted last: CloudFront refuses to delete one a distribution still uses.
      String out = apply.out();
      assertThat(out.indexOf("cloudfront_distribution.site: Modifications complete"))
          .isPositive().isLessThan(out.indexOf("cloudfront_origin_access.site: Destruction complete"));
      var again = cli.run("plan", "--detailed-exitcode");
      assertThat(again.exit()).as(again.out() + again.err()).isEqualTo(0);
      assertThat(again.out()).contains("No changes.");
      try (AwsClients aws = moto.newClients()) {
        int oais = aws.cloudFront().listCloudFrontOriginAccessIdentities(b -> {})
            .cloudFrontOriginAccessIdentityList().quantity();
        int oacs = aws.cloudFront().listOriginAccessControls(b -> {}).originAccessControlList().quantity();
        assertThat(oais).isEqualTo(kind.equals("oai") ? 1 : 0);
        assertThat(oacs).isEqualTo(kind.equals("oac") ? 1 : 0);
      }
      var verify = cli.run("verify");
      assertThat(verify.exit()).as(verify.out()).isEqualTo(0);
    }
    assertThat(cli.run("destroy", "--auto-approve").exit()).isEqualTo(0);
  }
}
