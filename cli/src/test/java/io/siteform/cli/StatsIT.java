package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --stats} and {@code SITEFORM_TRACE=1} (issue 14.1): the phase breakdown on stderr, with
 * each refreshed resource, each apply step and the parts of a publish, and AWS requests per
 * service that add up to what the run did. Times are printed, never asserted.
 */
@ExtendWith(MotoExtension.class)
class StatsIT {
  private static final Pattern TOTAL = Pattern.compile("AWS requests: (\\d+)");
  private static final Pattern PER_RESOURCE =
      Pattern.compile("AWS requests: (\\d+) .*per resource in state \\((\\d+)\\)");
  private static final Pattern S3 = Pattern.compile("AWS requests: \\d+ \\(.*\\bS3 (\\d+)");

  @TempDir Path dir;
  MotoCli cli;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    cli = new MotoCli(dir, moto).write(CliTest.SPEC + """
        content: {source: dist/, delete: true, invalidate: changed}
        """);
    Path dist = Files.createDirectories(dir.resolve("dist"));
    for (int i = 0; i < 6; i++) Files.writeString(dist.resolve("page" + i + ".html"), "<p>" + i + "</p>");
  }

  @Test
  void applyAndPlanPrintWhereTheTimeWent() throws Exception {
    var apply = cli.run("apply", "--auto-approve", "--stats");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    String err = apply.err();
    assertThat(err).contains("Stats: ", "spec load", "state read", "data sources", "data.local_files.site", "diff",
        "apply", "s3_bucket.primary (create)", "site_content.site (create)", "uploads", "replica copy",
        "replica wait", "AWS requests: ");
    // Every step's state write, one row: how long they took together, and how many there were.
    assertThat(err).containsPattern("\n  state write +\\d+\\.\\d{3}s +at \\d+\\.\\d{3}-\\d+\\.\\d{3}s +\\d+ times\n");
    // The statistics stay off stdout, where the plan goes.
    assertThat(apply.out()).doesNotContain("Stats:", "AWS requests");
    // Six PutObject calls at least, and the buckets' own configuration calls.
    assertThat(count(S3, err)).isGreaterThanOrEqualTo(6 + 2);
    assertThat(count(TOTAL, err)).isGreaterThan(count(S3, err));

    // A no-change plan: each resource in state refreshed, as many requests as reads at least.
    var plan = cli.env("SITEFORM_TRACE", "1").run("plan", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.out() + plan.err()).isEqualTo(0);
    assertThat(plan.err()).contains("  refresh ", "    s3_bucket.primary ", "    site_content.site ",
        "    iam_role.replication ", "per resource in state").doesNotContain("state write");
    long resources = plan.err().lines().filter(l -> l.startsWith("    ") && !l.startsWith("    data.")).count();
    assertThat(resources).isGreaterThanOrEqualTo(6);
    assertThat(count(TOTAL, plan.err())).isGreaterThanOrEqualTo(resources);
    assertThat(plan.err()).doesNotContain("apply ");
  }

  /**
   * Issue 14.4: a no-change plan of the three-region site with a domain asks AWS at most twice per
   * managed resource, data sources included: reads that several resources need (the primary's
   * listing, a certificate, the records of one name) are made once. A read added to a provider
   * fails this test; that is the point: share it or say why it must cost more.
   */
  @Test
  void noChangePlanOfThreeRegionsAndADomainAsksAtMostTwicePerResource(MotoServer moto) throws Exception {
    try (var aws = moto.newClients()) {
      aws.route53().createHostedZone(b -> b.name("example.com").callerReference("stats-" + System.nanoTime()));
    }
    cli.write(CliTest.SPEC + """
          - region: us-west-2
            bucket: ticket-service-ui-oregon-${var.owner}
        content: {source: dist/, delete: true, invalidate: changed}
        domain:
          names: [www.example.com]
          hosted_zone: example.com
          certificate: {validation: dns}
          records: [A, AAAA]
        """);
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);

    var plan = cli.run("plan", "--detailed-exitcode", "--stats");
    assertThat(plan.exit()).as(plan.out() + plan.err()).isEqualTo(0);
    Matcher m = PER_RESOURCE.matcher(plan.err());
    assertThat(m.find()).as(plan.err()).isTrue();
    long requests = Long.parseLong(m.group(1));
    long resources = Long.parseLong(m.group(2));
    // Every type of the site is in state: the buckets, role, replication, policies, access, the
    // distribution, certificate and its validation, records, content, removal and invalidation.
    assertThat(resources).as(plan.err()).isGreaterThanOrEqualTo(16);
    assertThat(requests).as("requests of the no-change plan, for %d resources:%n%s", resources, plan.err())
        .isLessThanOrEqualTo(2 * resources);
  }

  @Test
  void offlineMakesNoRequestAndWithoutTheFlagNothingIsPrinted() {
    var offline = cli.run("plan", "--offline", "--stats");
    assertThat(offline.exit()).as(offline.err()).isEqualTo(0);
    assertThat(offline.err()).contains("data.local_files.site", "AWS requests: 0");
    var quiet = cli.run("plan", "--offline");
    assertThat(quiet.err()).doesNotContain("Stats:", "AWS requests");
  }

  private static long count(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as("%s in:%n%s", p, text).isTrue();
    return Long.parseLong(m.group(1));
  }
}
