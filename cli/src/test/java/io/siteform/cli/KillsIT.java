package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import io.siteform.state.StateCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * siteform killed for real: a child process running apply or destroy gets SIGKILL at a stage
 * chosen by the line it has just printed (buckets being created, the distribution deploying,
 * the certificate validating, content uploading, the distribution being destroyed), or SIGTERM,
 * or two SIGINTs during the CloudFront wait. The state it leaves is always readable, and the next
 * plain apply converges on exactly one of each object with a clean plan after.
 */
@ExtendWith(MotoExtension.class)
class KillsIT {
  private static final Duration STAGE = Duration.ofSeconds(60);

  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    try (AwsClients aws = moto.newClients()) {
      aws.route53().createHostedZone(b -> b.name("example.com").callerReference("kills-" + System.nanoTime()));
    }
    Path dist = Files.createDirectories(dir.resolve("dist"));
    Files.writeString(dist.resolve("index.html"), "<h1>tickets</h1>");
    // Enough files that the upload is still going when the kill lands.
    Path assets = Files.createDirectories(dist.resolve("assets"));
    for (int i = 0; i < 150; i++) Files.writeString(assets.resolve("a" + i + ".js"), "console.log(" + i + ");");
    cli.write(CliTest.SPEC + """
        content:
          source: dist/
        domain:
          names: [www.example.com]
          hosted_zone: example.com
          certificate: {validation: dns}
        """);
  }

  @Test
  void sigkillWhileTheBucketsAreCreated() throws Exception {
    killApplyAt("s3_bucket.primary: Creating...");
    convergesWithOneOfEach();
  }

  @Test
  void sigkillDuringTheDistributionsDeployWaitResumesTheWait() throws Exception {
    moto.progressAfter("cloudfront::distribution", 5);
    killApplyAt("cloudfront_distribution.site: Still creating...");
    State left = state();
    // Its id was recorded before the wait.
    assertThat(left.find("cloudfront_distribution.site")).hasValueSatisfying(d -> assertThat(d.id()).isNotEmpty());
    var plan = cli.run("plan");
    if (plan.out().contains("status is InProgress")) {
      assertThat(plan.out()).contains("# cloudfront_distribution.site will be updated in-place", "apply waits for it");
    }
    convergesWithOneOfEach();
  }

  @Test
  void sigkillWhileTheCertificateIsValidated() throws Exception {
    killApplyAt("acm_certificate_validation.site: Creating...");
    convergesWithOneOfEach();
  }

  @Test
  void sigkillWhileTheContentUploads() throws Exception {
    killApplyAt("site_content.site: Creating...");
    convergesWithOneOfEach();
  }

  @Test
  void thePlanAfterAPublishKilledPartWayCountsWhatItUploaded() throws Exception {
    assertThat(cli.run("apply", "--auto-approve").exit()).isZero();
    Path pages = Files.createDirectories(dir.resolve("dist/pages"));
    int added = 1500;
    for (int i = 0; i < added; i++) Files.writeString(pages.resolve("p" + i + ".html"), "<p>page " + i + "</p>");
    int before = 151;
    int held;
    try (AwsClients aws = moto.newClients();
        ChildRun run = ChildRun.start(cli.spec, moto.endpoint().toString(), "apply", "--auto-approve")) {
      assertThat(run.awaitLine("site_content.site: Modifying...", STAGE)).as(run.output()).isTrue();
      // Killed once the publish has recorded what it is writing and has written a good part of it.
      long deadline = System.nanoTime() + STAGE.toNanos();
      while (!(Files.readString(dir.resolve("siteform.state.json")).contains("\"pending\"")
          && keys(aws) >= before + 200)) {
        assertThat(System.nanoTime()).as(run.output()).isLessThan(deadline);
        Thread.sleep(20);
      }
      run.signal("KILL");
      assertThat(run.exit(STAGE)).isEqualTo(137);
      // What the endpoint had received before the kill it still answers: counted once that is done.
      int now = keys(aws);
      do {
        held = now;
        Thread.sleep(500);
        now = keys(aws);
      } while (now != held);
      held -= before;
    }
    assertThat(held).as("the kill came before the publish ended").isLessThan(added);
    var plan = cli.run("plan");
    assertThat(plan.exit()).as(plan.err()).isZero();
    // Exactly what is missing, and nothing the killed run uploaded listed as a stray to delete.
    assertThat(plan.out()).contains("+ " + (added - held) + " to upload, not in the bucket",
        (before + held) + " unchanged", "an earlier apply was interrupted while it changed this")
        .doesNotContain("changed outside of siteform", "- \"pages/", "strays");
    convergesWithOneOfEach();
    assertThat(state().releases().get(state().releases().size() - 1).files()).hasSize(before + added);
  }

  private static int keys(AwsClients aws) {
    return aws.s3("eu-west-1").listObjectsV2Paginator(b -> b.bucket("ticket-service-ui-jane-doe")).contents()
        .stream().mapToInt(o -> 1).sum();
  }

  @Test
  void sigkillWhileTheDistributionIsDestroyed() throws Exception {
    assertThat(cli.run("apply", "--auto-approve").exit()).isZero();
    moto.progressAfter("cloudfront::distribution", 3);
    try (ChildRun run = ChildRun.start(cli.spec, moto.endpoint().toString(), "destroy", "--auto-approve",
        "--force-delete-content")) {
      assertThat(run.awaitLine("cloudfront_distribution.site: Destroying...", STAGE)).as(run.output()).isTrue();
      run.signal("KILL");
      assertThat(run.exit(STAGE)).isEqualTo(137);
    }
    assertReadable();
    convergesWithOneOfEach();
  }

  @Test
  void sigtermDuringTheCloudFrontWaitStopsRecordsReleasesAndExitsOne() throws Exception {
    moto.progressAfter("cloudfront::distribution", 6);
    try (ChildRun run = ChildRun.start(cli.spec, moto.endpoint().toString(), "apply", "--auto-approve")) {
      assertThat(run.awaitLine("cloudfront_distribution.site: Still creating...", STAGE)).as(run.output()).isTrue();
      run.signal("TERM");
      assertThat(run.exit(STAGE)).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("SIGTERM received. Stopping: nothing new starts",
          "cloudfront_distribution.site: Creation complete", "Apply interrupted: ", "not started.");
    }
    assertThat(dir.resolve("siteform.state.json.lock")).doesNotExist();
    assertThat(state().find("cloudfront_distribution.site"))
        .hasValueSatisfying(d -> assertThat(d.id()).isNotEmpty());
    convergesWithOneOfEach();
  }

  @Test
  void aDoubleCtrlCDuringTheCloudFrontWaitExitsWithTheDistributionIdInState() throws Exception {
    moto.progressAfter("cloudfront::distribution", 120);
    long start = System.nanoTime();
    try (ChildRun run = ChildRun.start(cli.spec, moto.endpoint().toString(), "apply", "--auto-approve")) {
      assertThat(run.awaitLine("cloudfront_distribution.site: Still creating...", STAGE)).as(run.output()).isTrue();
      run.signal("INT");
      assertThat(run.awaitLine("Interrupt received.", STAGE)).as(run.output()).isTrue();
      run.signal("INT");
      assertThat(run.exit(STAGE)).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("Interrupt received again.");
    }
    // Long before CloudFront would have finished.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(100));
    assertThat(dir.resolve("siteform.state.json.lock")).doesNotExist();
    assertThat(state().find("cloudfront_distribution.site"))
        .hasValueSatisfying(d -> assertThat(d.id()).isNotEmpty());
    moto.progressAfter("cloudfront::distribution", 0);
    convergesWithOneOfEach();
  }

  private void killApplyAt(String line) throws Exception {
    try (ChildRun run = ChildRun.start(cli.spec, moto.endpoint().toString(), "apply", "--auto-approve")) {
      assertThat(run.awaitLine(line, STAGE)).as(run.output()).isTrue();
      run.signal("KILL");
      assertThat(run.exit(STAGE)).isEqualTo(137);
    }
    assertReadable();
  }

  /** The state a kill left is one siteform reads: `state list` works and shows creates in flight. */
  private void assertReadable() throws Exception {
    var list = cli.run("state", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    state();
  }

  private State state() throws Exception {
    Path file = dir.resolve("siteform.state.json");
    return Files.exists(file) ? new StateCodec().fromJson(Files.readString(file), file.toString())
        : new State(State.FORMAT_VERSION, 0, "none", List.of());
  }

  private void convergesWithOneOfEach() throws Exception {
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
    var plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
    assertThat(state().resources()).noneMatch(ResourceState::isCreating);
    try (AwsClients aws = moto.newClients()) {
      assertThat(aws.s3("eu-west-1").listBuckets().buckets()).hasSize(2);
      assertThat(aws.iam().listRoles().roles()).hasSize(1);
      assertThat(aws.cloudFront().listDistributions(b -> {}).distributionList().quantity()).isEqualTo(1);
      assertThat(aws.cloudFront().listOriginAccessControls(b -> {}).originAccessControlList().quantity()).isEqualTo(1);
      assertThat(aws.acm().listCertificates(b -> {}).certificateSummaryList()).hasSize(1);
      String zone = aws.route53().listHostedZones().hostedZones().get(0).id();
      List<ResourceRecordSet> records = aws.route53().listResourceRecordSets(b -> b.hostedZoneId(zone))
          .resourceRecordSets();
      assertThat(records).filteredOn(r -> r.name().startsWith("www.example.com")).extracting(r -> r.typeAsString())
          .containsExactlyInAnyOrder("A", "AAAA");
      assertThat(records).filteredOn(r -> r.typeAsString().equals("CNAME")).hasSize(1);
    }
  }
}
