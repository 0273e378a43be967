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
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** The Terraform habits after an apply: state, output, show, drift for CI, graph. */
@ExtendWith(MotoExtension.class)
class WorkflowIT {
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
  void stateOutputDriftAndGraphAfterAnApply() throws Exception {
    assertThat(cli.run("output").out()).contains("nothing has been applied yet");
    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);

    var list = cli.run("state", "list");
    assertThat(list.exit()).isEqualTo(0);
    assertThat(list.out().lines()).contains("s3_bucket.primary", "cloudfront_distribution.site").hasSize(8);
    assertThat(cli.run("state", "show", "s3_bucket.primary").out())
        .contains("resource \"s3_bucket\" \"primary\" {", "bucket", "\"ticket-service-ui-jane-doe\"", "versioning");
    var missing = cli.run("state", "show", "s3_bucket.nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("s3_bucket.nope is not in state", "s3_bucket.primary");

    String id;
    try (AwsClients aws = moto.newClients()) {
      id = aws.cloudFront().listDistributions(b -> {}).distributionList().items().get(0).id();
    }
    assertThat(cli.run("output", "distribution_id").out().strip()).isEqualTo(id);
    assertThat(cli.run("output", "--json").out()).contains("\"distribution_id\" : {", "\"value\" : \"" + id + "\"",
        "\"primary_bucket\"", "\"region\" : \"eu-west-1\"", "\"value\" : \"https://", "\"type\" : \"string\"");
    assertThat(cli.run("output").out()).contains("distribution_id = \"" + id + "\"", "primary_bucket = {");
    assertThat(cli.run("output", "nothing").exit()).isEqualTo(1);
    assertThat(cli.run("show").out()).contains("# cloudfront_distribution.site:", "# iam_role.replication:");
    assertThat(cli.run("show", "--json").out()).contains("\"lineage\"");

    assertThat(cli.run("drift").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      aws.s3("eu-west-1").putBucketVersioning(b -> b.bucket("ticket-service-ui-jane-doe")
          .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    }
    var md = cli.run("drift", "--format", "markdown");
    assertThat(md.exit()).isEqualTo(2);
    assertThat(md.out()).contains("| `s3_bucket.primary` | `versioning` | `Enabled` | `Suspended` |");
    var json = cli.run("drift", "--format", "json");
    assertThat(json.exit()).isEqualTo(2);
    assertThat(json.out()).contains("\"attribute\" : \"versioning\"", "\"drifted\" : 1");
    assertThat(cli.run("plan", "--refresh-only").out()).contains("Objects have changed outside of siteform");

    var rm = cli.run("state", "rm", "s3_bucket_policy.primary");
    assertThat(rm.exit()).isEqualTo(0);
    assertThat(rm.out()).contains("still exists in AWS");
    assertThat(cli.run("state", "list").out()).doesNotContain("s3_bucket_policy.primary");
    assertThat(cli.run("plan").out()).contains("# s3_bucket_policy.primary will be created");

    var dot = cli.run("graph");
    assertThat(dot.out()).contains("digraph", "\"s3_bucket.primary\" -> \"s3_replication.primary\"");
    var svg = cli.run("graph", "--format", "svg");
    if (onPath("dot")) {
      assertThat(svg.exit()).isEqualTo(0);
      assertThat(svg.out()).contains("<svg");
    } else {
      assertThat(svg.exit()).isEqualTo(1);
      assertThat(svg.err()).contains("needs Graphviz's `dot`", "--format dot");
    }
  }

  @Test
  void aSavedPlanAppliesExactlyAndAStaleOneIsRefused() throws Exception {
    Path plan = dir.resolve("tfplan.json");
    var saved = cli.run("plan", "--out", plan.toString());
    assertThat(saved.exit()).as(saved.err()).isEqualTo(0);
    assertThat(saved.out()).contains("Saved the plan to", "siteform apply " + plan);
    assertThat(Files.readString(plan)).contains("\"resource_changes\"", "\"siteform_plan\"");
    assertThat(Files.getPosixFilePermissions(plan)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    assertThat(cli.run("show", plan.toString()).out()).contains("Plan: 8 to add, 0 to change, 0 to destroy.");
    assertThat(cli.run("show", "--json", plan.toString()).out()).contains("\"resource_changes\"");
    // The spec changes after the plan was saved: the plan no longer says what apply would do.
    String original = Files.readString(spec);
    Files.writeString(spec, original.replace("tags: {project: ticket-service}", "tags: {project: tickets}"));
    var staleSpec = cli.run("apply", plan.toString());
    assertThat(staleSpec.exit()).isEqualTo(1);
    assertThat(staleSpec.err()).contains("is stale", "or its variables changed");
    assertThat(dir.resolve("siteform.state.json")).doesNotExist();
    Files.writeString(spec, original);

    var applied = cli.run("apply", plan.toString());
    assertThat(applied.exit()).as(applied.out() + applied.err()).isEqualTo(0);
    assertThat(applied.out()).contains("Apply complete! Resources: 8 added");
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);

    var again = cli.run("apply", plan.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("is stale: the state changed since it was made (serial 0, now");
    assertThat(cli.run("plan", "--offline", "--out", plan.toString()).exit()).isEqualTo(1);
  }

  /** CI plans in one job's checkout and applies in another's: the plan travels, a changed file does not. */
  @Test
  void aSavedPlanMadeInOneCheckoutAppliesInAnother() throws Exception {
    Path a = Files.createDirectories(dir.resolve("job1/checkout"));
    Path b = dir.resolve("job2/s");
    Files.writeString(a.resolve("siteform.yaml"), CliTest.SPEC + "content:\n  source: site/dist/\n");
    Path dist = Files.createDirectories(a.resolve("site/dist"));
    Files.writeString(dist.resolve("index.html"), "<h1>tickets</h1>");
    // The plan is the first job's artifact, handed to the second.
    Path plan = dir.resolve("ci.tfplan");
    var saved = new MotoCli(a, moto).run("plan", "--out", plan.toString());
    assertThat(saved.exit()).as(saved.err()).isEqualTo(0);
    assertThat(Files.readString(plan)).doesNotContain(a.toString()).contains("\"$path\" : \"site/dist\"");
    copyTree(a, b);
    deleteTree(dir.resolve("job1"));

    // A file changed in the second checkout: refused, nothing done.
    Files.writeString(b.resolve("site/dist/index.html"), "<h1>edited</h1>");
    MotoCli second = new MotoCli(b, moto);
    var changed = second.run("apply", plan.toString());
    assertThat(changed.exit()).isEqualTo(1);
    assertThat(changed.err()).contains("is stale: what it read changed since it was made (the site's files");
    assertThat(b.resolve("siteform.state.json")).doesNotExist();

    Files.writeString(b.resolve("site/dist/index.html"), "<h1>tickets</h1>");
    var applied = second.run("apply", plan.toString());
    assertThat(applied.exit()).as(applied.out() + applied.err()).isEqualTo(0);
    assertThat(applied.out()).contains("Apply complete!");
    assertThat(second.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(aws.s3("eu-west-1").getObjectAsBytes(o -> o.bucket("ticket-service-ui-jane-doe").key("index.html"))
          .asUtf8String()).isEqualTo("<h1>tickets</h1>");
    }
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(target);
        else Files.copy(f, target);
      }
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var files = Files.walk(root)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

  @Test
  void destroyingBucketsThatHoldObjectsNeedsForceDeleteContent() throws Exception {
    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      var s3 = aws.s3("eu-west-1");
      s3.putObject(b -> b.bucket("ticket-service-ui-jane-doe").key("index.html"),
          software.amazon.awssdk.core.sync.RequestBody.fromString("v1"));
      s3.putObject(b -> b.bucket("ticket-service-ui-jane-doe").key("index.html"),
          software.amazon.awssdk.core.sync.RequestBody.fromString("v2"));
      s3.deleteObject(b -> b.bucket("ticket-service-ui-jane-doe").key("index.html"));
    }
    var refused = cli.run("destroy", "--auto-approve");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("would delete buckets that still hold objects",
        "s3_bucket.primary: bucket ticket-service-ui-jane-doe in eu-west-1 holds 2 object versions and 1 delete marker",
        "--force-delete-content", "Nothing was changed");
    assertThat(cli.run("state", "list").out().lines()).hasSize(8);

    var forced = cli.run("destroy", "--auto-approve", "--force-delete-content");
    assertThat(forced.exit()).as(forced.out() + forced.err()).isEqualTo(0);
    assertThat(forced.out()).contains("these will be emptied", "Destroy complete! Resources: 8 destroyed.");
    try (AwsClients aws = moto.newClients()) {
      assertThat(aws.s3("eu-west-1").listBuckets().buckets()).isEmpty();
    }
  }

  @Test
  void stateSharedInS3WorksLikeTheLocalFile() throws Exception {
    try (AwsClients aws = moto.newClients()) {
      aws.s3("eu-west-1").createBucket(b -> b.bucket("team-state")
          .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
      aws.s3("eu-west-1").putBucketVersioning(b -> b.bucket("team-state")
          .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }
    Files.writeString(spec, CliTest.SPEC + """
        backend: {type: s3, bucket: team-state, key: sites/tickets.json, region: eu-west-1}
        """);
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    assertThat(dir.resolve("siteform.state.json")).doesNotExist();
    try (AwsClients aws = moto.newClients()) {
      String state = aws.s3("eu-west-1").getObjectAsBytes(b -> b.bucket("team-state").key("sites/tickets.json")).asUtf8String();
      assertThat(state).contains("\"cloudfront_distribution.site\"");
      assertThat(aws.s3("eu-west-1").listObjectsV2(b -> b.bucket("team-state")).contents())
          .extracting(o -> o.key()).containsExactly("sites/tickets.json");
      aws.s3("eu-west-1").putObject(b -> b.bucket("team-state").key("sites/tickets.json.lock"),
          software.amazon.awssdk.core.sync.RequestBody.fromString("{\"who\":\"ci@runner\",\"operation\":\"apply\"}"));
    }
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    var locked = cli.run("apply", "--auto-approve");
    assertThat(locked.exit()).isEqualTo(1);
    assertThat(locked.err()).contains("the state is locked by ci@runner for apply", "aws s3 rm s3://team-state/sites/tickets.json.lock");
  }

  @Test
  void targetLimitsPlanAndApplyToTheResourceAndWhatItNeeds() throws Exception {
    var plan = cli.run("plan", "--target", "s3_replication.primary");
    assertThat(plan.exit()).isEqualTo(0);
    assertThat(plan.out()).contains("Plan: 4 to add").doesNotContain("cloudfront_distribution.site will");
    assertThat(plan.err()).contains("resource targeting is in effect");
    var apply = cli.run("apply", "--auto-approve", "--target", "s3_replication.primary");
    assertThat(apply.exit()).as(apply.err()).isEqualTo(0);
    assertThat(cli.run("state", "list").out().lines()).containsExactlyInAnyOrder(
        "iam_role.replication", "s3_bucket.primary", "s3_bucket.replica_ap_southeast_1", "s3_replication.primary");
    var unknown = cli.run("plan", "--target", "s3_bucket.nope");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("--target s3_bucket.nope is not in this plan");
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) return true;
    }
    return false;
  }
}
