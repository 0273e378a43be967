package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's cost estimate against moto: the distribution's earlier invalidations this month are
 * read from CloudFront (ListInvalidations, GetInvalidation) and counted with this apply's paths;
 * offline they are not; the replicated bytes and the PUTs are the files this apply writes.
 */
@ExtendWith(MotoExtension.class)
class CostEstimateIT {
  @TempDir Path dir;

  @Test
  void earlierInvalidationsOfThisMonthAreCountedWithThisApplysPaths(MotoServer moto) throws Exception {
    MotoCli cli = new MotoCli(dir, moto);
    Path dist = Files.createDirectories(dir.resolve("dist"));
    Files.writeString(cli.spec, CliTest.SPEC + """
        content:
          source: dist/
          invalidate: changed
        """);
    Files.writeString(dist.resolve("index.html"), "<h1>tickets</h1>");
    Files.writeString(dist.resolve("about.html"), "<p>about</p>");

    var first = cli.run("plan");
    assertThat(first.out()).contains(
        "CloudFront invalidation paths: 1 by this apply, none earlier (a new distribution) = 1 of the 1,000 free a month: $0.00",
        "Replicated to ap-southeast-1: 2 objects, 28 B: under $0.01",
        "S3 PUT/COPY requests: 2 to the primary + 2 by replication = 4: under $0.01");
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);

    // Two invalidations made by hand this month, besides the apply's "/*".
    try (AwsClients aws = moto.newClients()) {
      String id = aws.cloudFront().listDistributions(b -> {}).distributionList().items().get(0).id();
      for (List<String> paths : List.of(List.of("/a.html", "/b.html"), List.of("/c.html", "/d/*", "/e.html"))) {
        aws.cloudFront().createInvalidation(b -> b.distributionId(id).invalidationBatch(i -> i
            .callerReference("by-hand-" + paths.size()).paths(p -> p.quantity(paths.size()).items(paths))));
      }
    }
    Files.writeString(dist.resolve("about.html"), "<p>about us</p>");
    String month = YearMonth.now(ZoneOffset.UTC).toString();

    var plan = cli.run("plan");
    assertThat(plan.exit()).as(plan.err()).isEqualTo(0);
    assertThat(plan.out()).contains(
        "CloudFront invalidation paths: 1 by this apply + 6 earlier in " + month + " (UTC, 3 invalidations) = 7 of the 1,000 free a month: $0.00",
        "paths only: the free paths are per AWS account, across all its distributions",
        "Replicated to ap-southeast-1: 1 object, 15 B: under $0.01",
        "S3 PUT/COPY requests: 1 to the primary + 1 by replication = 2: under $0.01");

    JsonNode json = new ObjectMapper().readTree(cli.run("plan", "--json").out());
    JsonNode inv = json.at("/cost_estimate/invalidation_paths");
    assertThat(inv.get("this_apply").asLong()).isEqualTo(1);
    assertThat(inv.get("earlier_this_month").asLong()).isEqualTo(6);
    assertThat(inv.get("earlier_invalidations").asInt()).isEqualTo(3);
    assertThat(inv.get("month").asText()).isEqualTo(month);
    assertThat(json.at("/cost_estimate/replication/0/bytes").asLong()).isEqualTo(15);
    assertThat(json.at("/cost_estimate/put_requests/total").asLong()).isEqualTo(2);

    var offline = cli.run("plan", "--offline");
    assertThat(offline.out()).contains("CloudFront invalidation paths: 1 by this apply, earlier ones this month not counted (offline)");

    var again = cli.run("apply", "--auto-approve");
    assertThat(again.exit()).as(again.out() + again.err()).isEqualTo(0);
    var none = cli.run("plan");
    assertThat(none.out()).as("nothing to publish: no estimate").doesNotContain("Cost estimate");
  }
}
