package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.render.PlanTextRenderer;
import io.siteform.engine.render.Style;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import io.siteform.engine.provider.LiveResource;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An apply killed or stopped while AWS was still deploying an object recorded its id before the
 * wait; the next plan sees the object unsettled and updates it, so the next apply waits again
 * instead of going on as if it were done.
 */
class InterruptedWaitTest {
  @Test
  void aDistributionStillDeployingIsPlannedAsAnUpdateThatWaitsAndThenSettles() throws Exception {
    Harness h = new Harness();
    assertThat(h.apply(Fixtures.workshop()).ok()).isTrue();
    String key = h.cloud.objects.keySet().stream().filter(k -> k.startsWith("cloudfront_distribution.site#"))
        .findFirst().orElseThrow();
    LiveResource deployed = h.cloud.objects.get(key);
    Map<String, Object> deploying = new TreeMap<>(deployed.attributes());
    deploying.put("status", "InProgress");
    h.cloud.objects.put(key, new LiveResource(deployed.id(), deploying));

    Plan plan = h.plan(Fixtures.workshop());
    assertThat(plan.actions()).singleElement().satisfies(c -> {
      assertThat(c.address().toString()).isEqualTo("cloudfront_distribution.site");
      assertThat(c.action()).isEqualTo(Action.UPDATE);
      assertThat(c.reason()).hasValue("AWS has not finished with it: status is InProgress, not Deployed;"
          + " apply waits for it");
    });
    assertThat(new PlanTextRenderer(Style.PLAIN).render(plan))
        .contains("# cloudfront_distribution.site will be updated in-place")
        .contains("Plan: 0 to add, 1 to change, 0 to destroy.");

    h.cloud.calls.clear();
    assertThat(h.apply(plan).ok()).isTrue();
    assertThat(h.cloud.calls).containsExactly("update cloudfront_distribution.site");
    assertThat(h.plan(Fixtures.workshop()).hasChanges()).isFalse();
  }
}
