package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI without AWS: parsing, validation, offline plans, refusals. Nothing here makes a request. */
class CliTest {
  @TempDir Path dir;
  final CliRunner cli = new CliRunner();

  static final String SPEC = """
      version: 1
      variables:
        owner: {default: jane-doe}
      site:
        name: ticket-service-ui
        tags: {project: ticket-service}
      primary:
        region: eu-west-1
        bucket: ticket-service-ui-${var.owner}
      replicas:
        - region: ap-southeast-1
          bucket: ticket-service-ui-singapore-${var.owner}
      """;

  Path spec(String text) throws IOException {
    Path f = dir.resolve("siteform.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void anOfflinePlanCannotReadStateKeptInS3() throws IOException {
    var r = cli.run("-f", spec(SPEC + "backend: {type: s3, bucket: team-state, key: site.json, region: eu-west-1}\n").toString(),
        "--endpoint-url", "http://127.0.0.1:9", "plan", "--offline");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("--offline makes no AWS request", "backend: s3");
  }

  @Test
  void validateAcceptsTheSpec() throws IOException {
    var r = cli.run("-f", spec(SPEC).toString(), "validate");
    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out()).contains("is valid: 8 resources for site ticket-service-ui");
  }

  @Test
  void optionsWorkAfterTheCommandToo() throws IOException {
    var r = cli.run("validate", "-f", spec(SPEC).toString(), "--var", "owner=joe");
    assertThat(r.exit()).isEqualTo(0);
  }

  @Test
  void aBadSpecPrintsEveryErrorWithItsPlaceAndTouchesNothing() throws IOException {
    Path f = spec(SPEC.replace("region: eu-west-1", "region: eu-west-99").replace("bucket: ticket-service-ui-${", "bucekt: x${"));
    var r = cli.run("-f", f.toString(), "--endpoint-url", "http://127.0.0.1:9", "plan");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).containsPattern("siteform.yaml:8:\\d+: .*eu-west-99")
        .contains("siteform.yaml:9:3: ").contains("did you mean 'bucket'")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void offlinePlanNeedsNoAwsAndShowsEveryResource() throws IOException {
    var r = cli.run("-f", spec(SPEC).toString(), "--var", "owner=joe", "plan", "--offline", "--no-color");
    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out()).contains("# s3_bucket.primary will be created", "\"ticket-service-ui-joe\"",
        "role_arn = (known after apply)", "Plan: 8 to add, 0 to change, 0 to destroy.");
    var detailed = cli.run("-f", dir.resolve("siteform.yaml").toString(), "plan", "--offline", "--detailed-exitcode");
    assertThat(detailed.exit()).isEqualTo(2);
  }

  @Test
  void offlineJsonPlanHasTheContractShape() throws IOException {
    var r = cli.run("-f", spec(SPEC).toString(), "plan", "--offline", "--json");
    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out()).startsWith("{").contains("\"format_version\"", "\"resource_changes\"", "\"resource_drift\"",
        "\"after_unknown\"", "\"summary\"");
  }

  @Test
  void variablesComeFromTheEnvironment() throws IOException {
    cli.env.put("SITEFORM_VAR_owner", "envy");
    var r = cli.run("-f", spec(SPEC).toString(), "plan", "--offline");
    assertThat(r.out()).contains("\"ticket-service-ui-envy\"");
  }

  @Test
  void applyWithoutATerminalIsRefusedUnlessAutoApproved() throws IOException {
    // The endpoint refuses connections: refresh of an empty state makes no call, so the plan is
    // printed, then apply stops at the confirmation before touching AWS.
    var r = cli.run("-f", spec(SPEC).toString(), "--endpoint-url", "http://127.0.0.1:9", "apply");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("Plan: 8 to add");
    assertThat(r.err()).contains("--auto-approve");
    assertThat(dir.resolve("siteform.state.json")).doesNotExist();
  }

  @Test
  void aPersonWhoDoesNotSayYesChangesNothing() throws IOException {
    cli.interactive = true;
    cli.input = "no\n";
    var r = cli.run("-f", spec(SPEC).toString(), "--endpoint-url", "http://127.0.0.1:9", "--no-color", "apply");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("Only 'yes' will be accepted");
    assertThat(r.err()).contains("cancelled");
    assertThat(dir.resolve("siteform.state.json")).doesNotExist();
  }

  @Test
  void badFlagsExitOneWithAHint() throws IOException {
    var r = cli.run("-f", spec(SPEC).toString(), "plan", "--detailed-exit-code");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("Unknown option", "--detailed-exitcode", "siteform plan --help");
  }

  @Test
  void aMissingSpecFileIsAClearError() {
    var r = cli.run("-f", dir.resolve("nope.yaml").toString(), "validate");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("nope.yaml").doesNotContain("Exception");
  }

  @Test
  void anUnreachableEndpointIsAnErrorNotAStackTrace() throws IOException {
    Path f = spec(SPEC);
    Files.writeString(dir.resolve("siteform.state.json"), """
        {"version":1,"serial":1,"lineage":"4a7e9a54-0000-4000-8000-000000000000","resources":[
        {"address":"s3_bucket.primary","type":"s3_bucket","region":"eu-west-1","id":"ticket-service-ui-jane-doe",
         "attributes":{"bucket":"ticket-service-ui-jane-doe"},"dependencies":[]}]}
        """);
    var r = cli.run("-f", f.toString(), "--endpoint-url", "http://127.0.0.1:9", "plan");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("s3_bucket.primary").doesNotContain("\tat ");
  }
}
