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

  /** With nothing applied there is nothing to compare AWS with: no claim that it matches. */
  @Test
  void driftAndRefreshOnlyWithNothingAppliedSaySo() throws IOException {
    Path f = spec(SPEC);
    var drift = cli.run("-f", f.toString(), "--endpoint-url", "http://127.0.0.1:9", "drift", "--no-color");
    assertThat(drift.exit()).isEqualTo(0);
    assertThat(drift.out()).isEqualTo("Nothing is applied yet: no drift to detect.\n").doesNotContain("matches");
    var plan = cli.run("-f", f.toString(), "plan", "--refresh-only", "--offline", "--no-color");
    assertThat(plan.out()).contains("Nothing is applied yet: no drift to detect.").doesNotContain("No changes");
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
    assertThat(r.err()).contains("unknown option '--detailed-exit-code'", "--detailed-exitcode", "siteform plan --help");
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

  /** A state of site {@code site} beside the spec: one bucket, one create in flight. */
  Path stateOf(String site) throws IOException {
    return Files.writeString(dir.resolve("siteform.state.json"), """
        {
          "version": 2,
          "serial": 5,
          "lineage": "0b6f3d9e-1111-4c8e-a0f5-3b7d2e1c9a80",
          "site": "%s",
          "resources": [
            {
              "address": "cloudfront_distribution.site",
              "type": "cloudfront_distribution",
              "region": "us-east-1",
              "status": "creating",
              "attributes": {
                "caller_reference": "siteform-%s-7"
              },
              "dependencies": []
            },
            {
              "address": "s3_bucket.primary",
              "type": "s3_bucket",
              "region": "eu-west-1",
              "id": "their-bucket",
              "attributes": {
                "bucket": "their-bucket"
              },
              "dependencies": []
            }
          ]
        }
        """.formatted(site, site));
  }

  @Test
  void anotherSitesStateIsRefusedByPlanApplyAndDestroyBeforeAnyAwsCall() throws IOException {
    Path f = spec(SPEC);
    Path state = stateOf("billing-ui");
    byte[] before = Files.readAllBytes(state);
    // Nothing listens on port 9: a request would fail as "could not reach", not as this refusal.
    String[][] commands = {
        {"plan"}, {"plan", "--offline"}, {"apply", "--auto-approve"},
        {"destroy", "--auto-approve", "--force-delete-content"}, {"drift"}};
    for (String[] command : commands) {
      String[] args = new String[command.length + 4];
      args[0] = "-f";
      args[1] = f.toString();
      args[2] = "--endpoint-url";
      args[3] = "http://127.0.0.1:9";
      System.arraycopy(command, 0, args, 4, command.length);
      var r = cli.run(args);
      assertThat(r.exit()).as(String.join(" ", command)).isEqualTo(1);
      assertThat(r.err()).as(String.join(" ", command))
          .contains("Error: " + state + ": this state belongs to site billing-ui; this spec is site ticket-service-ui."
              + " Nothing was changed.")
          .contains("run: siteform --reassign-state -f " + f + " --endpoint-url http://127.0.0.1:9 " + String.join(" ", command))
          .doesNotContain("reach");
      assertThat(Files.readAllBytes(state)).isEqualTo(before);
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("siteform.yaml", "siteform.state.json");
      }
    }
  }

  @Test
  void reassignStateLetsThisSpecTakeTheStateOver() throws IOException {
    Path f = spec(SPEC);
    stateOf("billing-ui");

    var r = cli.run("-f", f.toString(), "plan", "--offline", "--reassign-state", "--no-color");

    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("# s3_bucket.primary must be replaced");
  }

  @Test
  void aStateFromBeforeSitesWereRecordedBelongsToTheSiteItsObjectsAreTaggedWith() throws IOException {
    Path f = spec(SPEC);
    Files.writeString(dir.resolve("siteform.state.json"), """
        {"version": 1, "serial": 1, "lineage": "l", "resources": [{"address": "s3_bucket.primary",
         "type": "s3_bucket", "region": "eu-west-1", "id": "b",
         "attributes": {"bucket": "b", "tags": {"siteform:site": "billing-ui"}}, "dependencies": []}]}
        """);

    var r = cli.run("-f", f.toString(), "plan", "--offline");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("this state belongs to site billing-ui; this spec is site ticket-service-ui");
  }

  @Test
  void aCreateInFlightIsListedShownAndRemovable() throws IOException {
    Path f = spec(SPEC);
    stateOf("ticket-service-ui");

    var list = cli.run("-f", f.toString(), "state", "list");
    assertThat(list.exit()).isEqualTo(0);
    assertThat(list.out()).isEqualTo("cloudfront_distribution.site (creating)\ns3_bucket.primary\n");

    var show = cli.run("-f", f.toString(), "state", "show", "cloudfront_distribution.site", "--no-color");
    assertThat(show.exit()).isEqualTo(0);
    assertThat(show.out()).contains("# cloudfront_distribution.site: (creating: a create was started",
        "caller_reference = \"siteform-ticket-service-ui-7\"", "status           = \"creating\"");

    var plan = cli.run("-f", f.toString(), "plan", "--offline", "--no-color");
    assertThat(plan.out()).contains("# cloudfront_distribution.site will be created (resuming an interrupted create,"
        + " token siteform-ticket-service-ui-7)");

    var rm = cli.run("-f", f.toString(), "state", "rm", "cloudfront_distribution.site");
    assertThat(rm.exit()).isEqualTo(0);
    assertThat(rm.out()).contains("a create that AWS never confirmed (caller_reference siteform-ticket-service-ui-7)");
    assertThat(cli.run("-f", f.toString(), "state", "list").out()).isEqualTo("s3_bucket.primary\n");
  }

  @Test
  void aLockFileAKilledRunLeftIsTakenOverWithOneLine() throws IOException {
    Path f = spec(SPEC);
    stateOf("ticket-service-ui");
    Files.writeString(dir.resolve("siteform.state.json.lock"), """
        {"id": "lock-1", "who": "jane@laptop", "operation": "apply", "pid": 4242, "created": "2026-11-29T04:00:00Z"}
        """);

    var r = cli.run("-f", f.toString(), "state", "rm", "s3_bucket.primary");

    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.err()).isEqualTo("Warning: " + dir.resolve("siteform.state.json") + ": took over the lock left by"
        + " jane@laptop (pid 4242) for apply since 2026-11-29T04:00:00Z: that run is no longer running (its process"
        + " released the OS lock when it ended)\n");
    assertThat(dir.resolve("siteform.state.json.lock")).doesNotExist();
  }

  @Test
  void forceUnlockOfALocalLockSaysItIsReleasedByItself() throws IOException {
    Path f = spec(SPEC);
    Files.writeString(dir.resolve("siteform.state.json.lock"), """
        {"id": "lock-1", "who": "jane@laptop", "operation": "apply", "pid": 4242, "created": "2026-11-29T04:00:00Z"}
        """);

    var wrong = cli.run("-f", f.toString(), "force-unlock", "lock-2");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("lock-2 is not the id of this state's lock");

    var r = cli.run("-f", f.toString(), "force-unlock", "lock-1");
    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out()).contains("Lock lock-1 on " + dir.resolve("siteform.state.json") + " cleared; it was held by"
        + " jane@laptop (pid 4242) for apply since 2026-11-29T04:00:00Z.", "released by itself when its holder exits");

    var none = cli.run("-f", f.toString(), "force-unlock", "lock-1");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err()).contains("the state is not locked");
  }

  @Test
  void ctrlCAtThePromptReleasesTheLock() throws Exception {
    Path f = spec(SPEC);
    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LockThenWait.class.getName(), f.toString())
        .redirectErrorStream(true).start();
    try {
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(run.getInputStream()));
      assertThat(out.readLine()).isEqualTo("locked");
      assertThat(dir.resolve("siteform.state.json.lock")).exists();

      new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();

      assertThat(run.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(dir.resolve("siteform.state.json.lock")).as("released on the way out").doesNotExist();
    } finally {
      run.destroyForcibly();
    }
  }
}
