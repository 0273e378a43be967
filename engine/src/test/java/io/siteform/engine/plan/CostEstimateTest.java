package io.siteform.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siteform.engine.event.EngineListener;
import io.siteform.engine.operation.PlanOperation;
import io.siteform.engine.operation.PlanRequest;
import io.siteform.engine.planfile.PlanFile;
import io.siteform.engine.render.PlanJsonRenderer;
import io.siteform.engine.render.PlanTextRenderer;
import io.siteform.engine.render.Style;
import io.siteform.engine.resource.Expander;
import io.siteform.engine.spec.Spec;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan's cost estimate: what it counts, against the free paths, offline, and what it leaves out. */
class CostEstimateTest {
  private final Harness h = new Harness();

  private Plan publishedThenEdited() throws Exception {
    h.cloud.localFiles.put("index.html", "i1");
    h.cloud.localFiles.put("app.js", "a1");
    h.apply(Fixtures.withContent(true));
    h.cloud.localFiles.put("app.js", "a2");
    h.cloud.localSizes.put("app.js", 3L * AwsPrices.BYTES_PER_GB);
    h.cloud.localFiles.put("about.html", "b1");
    return h.plan(Fixtures.withContent(true));
  }

  @Test
  void countsThisApplysPathsOnTopOfTheEarlierOnesAgainstTheFreeThousand() throws Exception {
    h.cloud.earlierInvalidations = new long[] {40, 998};
    Plan plan = publishedThenEdited();
    CostEstimate e = plan.costEstimate().orElseThrow();
    // "/about.html" and "/app.js": the paths the provider will send
    assertThat(e.invalidationPaths()).isEqualTo(2);
    assertThat(e.earlier()).isInstanceOf(EarlierInvalidations.Counted.class);
    assertThat(e.pathsThisMonth()).isEqualTo(1000);
    assertThat(e.billablePaths()).isZero();
    assertThat(h.cloud.calls).anyMatch(c -> c.startsWith("read data.cloudfront_invalidations.site "));

    h.cloud.earlierInvalidations = new long[] {41, 999};
    e = h.plan(Fixtures.withContent(true)).costEstimate().orElseThrow();
    assertThat(e.billablePaths()).isEqualTo(1);
    assertThat(e.invalidationCost()).isEqualByComparingTo("0.005");

    h.cloud.earlierInvalidations = new long[] {90, 5000};
    e = h.plan(Fixtures.withContent(true)).costEstimate().orElseThrow();
    assertThat(e.billablePaths()).as("the free ones are used up: every path is billed").isEqualTo(2);
  }

  @Test
  void theEarlierInvalidationsAreReadBesideTheRefreshWhenTheHashedFilesSayThePlanInvalidates() throws Exception {
    h.cloud.localFiles.put("index.html", "i1");
    h.apply(Fixtures.withContent(true));
    h.cloud.localFiles.put("index.html", "i2");
    h.cloud.earlierInvalidations = new long[] {2, 7};
    java.util.concurrent.atomic.AtomicBoolean duringRefresh = new java.util.concurrent.atomic.AtomicBoolean();
    h.cloud.beforeRead = what -> {
      if (!what.equals("read " + Expander.DISTRIBUTION)) return;
      // Held until the invalidations were read: they would be read only after this refresh ends if not beside it.
      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < until) {
        if (invalidationReads() > 0) {
          duringRefresh.set(true);
          return;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
    };
    Plan plan = h.plan(Fixtures.withContent(true));
    assertThat(duringRefresh).as("read while the distribution's refresh was still running").isTrue();
    assertThat(invalidationReads()).as("read once, not again after the diff").isEqualTo(1);
    assertThat(plan.earlierInvalidations()).isInstanceOf(EarlierInvalidations.Counted.class);
    assertThat(plan.earlierInvalidations().knownPaths()).isEqualTo(7);
  }

  private long invalidationReads() {
    synchronized (h.cloud.calls) {
      return h.cloud.calls.stream().filter(c -> c.startsWith("read data.cloudfront_invalidations.site ")).count();
    }
  }

  @Test
  void replicationBytesAndRequestsArePerReplicaOfWhatThePrimaryGets() throws Exception {
    Plan plan = publishedThenEdited();
    CostEstimate e = plan.costEstimate().orElseThrow();
    assertThat(e.primaryWrites()).isEqualTo(2);
    assertThat(e.primaryBytes()).isEqualTo(3L * AwsPrices.BYTES_PER_GB + 1024);
    assertThat(e.replication()).singleElement().satisfies(r -> {
      assertThat(r.region()).isEqualTo("ap-southeast-1");
      assertThat(r.objects()).isEqualTo(2);
      assertThat(r.bytes()).isEqualTo(e.primaryBytes());
      assertThat(r.transferCost()).isGreaterThan(new BigDecimal("0.06")).isLessThan(new BigDecimal("0.0601"));
    });
    assertThat(e.requests()).isEqualTo(4);
    assertThat(e.requestCost()).isEqualByComparingTo("0.00002");
    String text = new PlanTextRenderer(Style.PLAIN).render(plan);
    assertThat(text).contains("  Replicated to ap-southeast-1: 2 objects, 3.0 GiB: $0.06\n",
        "  S3 PUT/COPY requests: 2 to the primary + 2 by replication = 4: under $0.01\n",
        "  Estimated total: $0.06 (storage and serving not included)\n",
        "https://aws.amazon.com/s3/pricing/", "https://aws.amazon.com/cloudfront/pricing/",
        "list prices read " + AwsPrices.READ);
    assertThat(text.indexOf("Cost estimate:")).as("after the plan's summary").isGreaterThan(text.indexOf("Plan: "));
  }

  @Test
  void offlineTheEarlierInvalidationsAreNotCountedAndNothingIsRead() throws Exception {
    publishedThenEdited();
    Spec spec = Fixtures.withContent(true);
    Expander x = new Expander();
    h.cloud.calls.clear();
    Plan plan = new PlanOperation(h.providers, h.cloud.dataSources(),
        new PlanRequest(x.expand(spec), x.data(spec), h.state(), true, false, 1, Set.of()), EngineListener.NONE).call().plan();
    assertThat(h.cloud.calls).noneMatch(c -> c.contains("cloudfront_invalidations"));
    assertThat(plan.earlierInvalidations()).isEqualTo(new EarlierInvalidations.NotCounted("offline"));
    assertThat(new PlanTextRenderer(Style.PLAIN).render(plan)).contains(
        "CloudFront invalidation paths: 2 by this apply, earlier ones this month not counted (offline), 1,000 free a month: at least $0.00\n",
        "Estimated total: at least $0.06");
    JsonNode json = new ObjectMapper().readTree(new PlanJsonRenderer().render(plan));
    assertThat(json.at("/cost_estimate/invalidation_paths/earlier_this_month").isNull()).isTrue();
    assertThat(json.at("/cost_estimate/invalidation_paths/earlier_not_counted").asText()).isEqualTo("offline");
  }

  /** A role without cloudfront:ListInvalidations still plans: the earlier paths are not counted, and it says why. */
  @Test
  void aRefusedReadLeavesTheEarlierOnesUncountedAndThePlanGoesOn() throws Exception {
    h.cloud.localFiles.put("index.html", "i1");
    h.apply(Fixtures.withContent(true));
    h.cloud.localFiles.put("index.html", "i2");
    h.cloud.earlierInvalidations = null;
    Plan plan = h.plan(Fixtures.withContent(true));
    assertThat(plan.earlierInvalidations()).isInstanceOf(EarlierInvalidations.NotCounted.class);
    assertThat(new PlanTextRenderer(Style.PLAIN).render(plan)).contains("CloudFront invalidation paths: 2 by this apply,"
        + " earlier ones this month not counted (CloudFront did not list them: cloudfront_invalidations.site: read:"
        + " User is not authorized to perform cloudfront:ListInvalidations (AccessDenied, request id REQ1)), 1,000 free a month: at least $0.00");
  }

  @Test
  void aPlanThatPublishesNothingHasNoEstimateAndReadsNoInvalidations() throws Exception {
    h.cloud.localFiles.put("index.html", "i1");
    h.apply(Fixtures.withContent(true));
    h.cloud.calls.clear();
    Plan plan = h.plan(Fixtures.withContent(true));
    assertThat(plan.costEstimate()).isEmpty();
    assertThat(h.cloud.calls).noneMatch(c -> c.contains("cloudfront_invalidations"));
    assertThat(new PlanTextRenderer(Style.PLAIN).render(plan)).doesNotContain("Cost estimate");
    assertThat(new PlanJsonRenderer().render(plan)).doesNotContain("cost_estimate");
    assertThat(h.planDestroy().costEstimate()).as("a destroy").isEmpty();
  }

  @Test
  void aSavedPlanKeepsWhatItReadOfTheEarlierInvalidations() throws Exception {
    h.cloud.earlierInvalidations = new long[] {3, 17};
    Plan plan = publishedThenEdited();
    PlanFile files = new PlanFile(Path.of("/tmp/site"));
    Plan read = files.read(files.write(plan, "s", "d"), "plan.json").plan();
    assertThat(read.earlierInvalidations()).isEqualTo(plan.earlierInvalidations())
        .isEqualTo(new EarlierInvalidations.Counted("site", java.time.YearMonth.of(2026, 12), 3, 17));
    assertThat(new PlanTextRenderer(Style.PLAIN).render(read)).contains("2 by this apply + 17 earlier in 2026-12 (UTC, 3 invalidations) = 19");
  }
}
