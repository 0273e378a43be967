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
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyType;

/**
 * Security headers, routing and a redirect through the CLI against moto: applied, planned with
 * no changes after, switched (spa to pretty_urls, the site's own headers to the managed policy,
 * which deletes its own after the distribution lets go), and destroyed without leftovers.
 */
@ExtendWith(MotoExtension.class)
class EdgeIT {
  private static final String MANAGED = "67f7725c-6f97-4210-82d7-5512b31e9d03";
  private static final String FUNCTION = "siteform-ticket-service-ui-viewer-request";

  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    Path dist = Files.createDirectories(dir.resolve("dist"));
    Files.writeString(dist.resolve("index.html"), "<h1>tickets</h1>");
    Files.writeString(dist.resolve("new.html"), "<p>moved here</p>");
  }

  private void write(String routing, String headers) throws Exception {
    cli.write(CliTest.SPEC + """
        content:
          source: dist/
          redirects: {"/old.html": "/new.html"}
        cdn:
          routing: %s
          security_headers: %s
        """.formatted(routing, headers));
  }

  private static DefaultCacheBehavior behaviour(AwsClients aws) {
    String id = aws.cloudFront().listDistributions(b -> {}).distributionList().items().get(0).id();
    return aws.cloudFront().getDistributionConfig(b -> b.id(id)).distributionConfig().defaultCacheBehavior();
  }

  private static int customPolicies(AwsClients aws) {
    return aws.cloudFront().listResponseHeadersPolicies(b -> b.type(ResponseHeadersPolicyType.CUSTOM))
        .responseHeadersPolicyList().quantity();
  }

  @Test
  void headersRoutingAndARedirectApplySwitchAndDestroy() throws Exception {
    write("spa", "{hsts: {max_age: 63072000, include_subdomains: true}, frame_options: DENY,"
        + " content_security_policy: \"default-src 'self'\", custom_headers: {Permissions-Policy: \"camera=()\"}}");
    var plan = cli.run("plan");
    assertThat(plan.exit()).as(plan.err()).isEqualTo(0);
    assertThat(plan.out()).contains("# cloudfront_function.site will be created",
        "# cloudfront_response_headers_policy.site will be created", "+ code    = <<-EOT", "var ROUTING = \"spa\";",
        "\"/old.html\": \"/new.html\"", "+ frame_options           = \"DENY\"");
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    var again = cli.run("plan", "--detailed-exitcode");
    assertThat(again.exit()).as(again.out() + again.err()).isEqualTo(0);
    assertThat(again.out()).contains("No changes.");

    String policyId;
    try (AwsClients aws = moto.newClients()) {
      DefaultCacheBehavior b = behaviour(aws);
      policyId = b.responseHeadersPolicyId();
      assertThat(policyId).isNotBlank().isNotEqualTo(MANAGED);
      var policy = aws.cloudFront().getResponseHeadersPolicyConfig(r -> r.id(policyId)).responseHeadersPolicyConfig();
      assertThat(policy.securityHeadersConfig().strictTransportSecurity().accessControlMaxAgeSec()).isEqualTo(63072000);
      assertThat(policy.customHeadersConfig().items()).singleElement()
          .satisfies(h -> assertThat(h.header()).isEqualTo("Permissions-Policy"));
      assertThat(b.functionAssociations().items()).singleElement().satisfies(f -> {
        assertThat(f.eventTypeAsString()).isEqualTo("viewer-request");
        assertThat(f.functionARN()).endsWith(":function/" + FUNCTION);
      });
      String live = aws.cloudFront().getFunction(r -> r.name(FUNCTION).stage(FunctionStage.LIVE)).functionCode().asUtf8String();
      assertThat(live).contains("var ROUTING = \"spa\";", "\"/old.html\": \"/new.html\"");
      // routing rewrites requests: no custom error responses hide the origin's errors from failover
      String id = aws.cloudFront().listDistributions(r -> {}).distributionList().items().get(0).id();
      assertThat(aws.cloudFront().getDistributionConfig(r -> r.id(id)).distributionConfig().customErrorResponses().quantity())
          .isZero();
    }

    write("pretty_urls", "managed");
    var switched = cli.run("plan");
    assertThat(switched.exit()).as(switched.err()).isEqualTo(0);
    assertThat(switched.out()).contains("# cloudfront_function.site will be updated in-place",
        "- var ROUTING = \"spa\";", "+ var ROUTING = \"pretty_urls\";",
        "~ response_headers_policy_id = \"" + policyId + "\" -> \"" + MANAGED + "\"",
        "# cloudfront_response_headers_policy.site will be destroyed", "Plan: 0 to add, 2 to change, 1 to destroy.");
    var applySwitch = cli.run("apply", "--auto-approve");
    assertThat(applySwitch.exit()).as(applySwitch.out() + applySwitch.err()).isEqualTo(0);
    String out = applySwitch.out();
    assertThat(out.indexOf("cloudfront_distribution.site: Modifications complete")).isPositive()
        .isLessThan(out.indexOf("cloudfront_response_headers_policy.site: Destruction complete"));
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(behaviour(aws).responseHeadersPolicyId()).isEqualTo(MANAGED);
      assertThat(customPolicies(aws)).isZero();
      assertThat(aws.cloudFront().getFunction(r -> r.name(FUNCTION).stage(FunctionStage.LIVE)).functionCode().asUtf8String())
          .contains("var ROUTING = \"pretty_urls\";");
    }

    var destroy = cli.run("destroy", "--auto-approve", "--force-delete-content");
    assertThat(destroy.exit()).as(destroy.out() + destroy.err()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(aws.cloudFront().listFunctions(r -> {}).functionList().quantity()).isZero();
      assertThat(customPolicies(aws)).isZero();
    }
  }

  @Test
  void removingRoutingAndRedirectsDeletesTheFunctionAfterTheDistributionLetsGo() throws Exception {
    write("spa", "none");
    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(behaviour(aws).responseHeadersPolicyId()).isNullOrEmpty();
    }
    cli.write(CliTest.SPEC + "content: {source: dist/}\n");
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    assertThat(apply.out().indexOf("cloudfront_distribution.site: Modifications complete")).isPositive()
        .isLessThan(apply.out().indexOf("cloudfront_function.site: Destruction complete"));
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(behaviour(aws).functionAssociations().quantity()).isZero();
      assertThat(behaviour(aws).responseHeadersPolicyId()).isEqualTo(MANAGED);
      assertThat(aws.cloudFront().listFunctions(r -> {}).functionList().quantity()).isZero();
    }
    assertThat(cli.run("destroy", "--auto-approve", "--force-delete-content").exit()).isEqualTo(0);
  }
}
