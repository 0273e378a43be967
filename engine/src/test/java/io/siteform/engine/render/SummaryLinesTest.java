package io.siteform.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.plan.Plan;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Golden;
import io.siteform.engine.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The closing lines of plans that did not compare everything (--target, --offline, nothing
 * applied, --refresh-only): each says what was checked, never that the site matches the spec.
 */
class SummaryLinesTest {
  private final Harness h = new Harness();
  private final PlanTextRenderer text = new PlanTextRenderer(Style.PLAIN);

  private static void check(String name, String actual) {
    Golden.assertMatches(Golden.root().resolve("plan/summary-lines/" + name + ".txt"), actual);
  }

  @Test
  void noChangesSaysWhatWasCompared() throws Exception {
    h.apply(Fixtures.workshop());
    Plan plan = h.plan(Fixtures.workshop());
    check("whole", text.render(plan));
    check("targeted", text.render(plan, new PlanTextRenderer.Scope(true, false)));
    check("offline", text.render(plan, new PlanTextRenderer.Scope(false, true)));
    check("targeted-offline", text.render(plan, new PlanTextRenderer.Scope(true, true)));
    assertThat(text.render(plan, new PlanTextRenderer.Scope(true, false))).doesNotContain("matches");
    assertThat(text.render(plan, new PlanTextRenderer.Scope(false, true))).doesNotContain("matches");
  }

  @Test
  void refreshOnlySaysWhatHappensNext() throws Exception {
    h.apply(Fixtures.workshop());
    check("refresh-only-none", text.renderRefreshOnly(List.of(), false, false));
    check("refresh-only-nothing-applied", text.renderRefreshOnly(List.of(), true, false));
    check("refresh-only-offline", text.renderRefreshOnly(List.of(), false, true));
    String key = h.cloud.objects.keySet().stream().filter(k -> k.startsWith("s3_bucket.primary#")).findFirst().orElseThrow();
    LiveResource live = h.cloud.objects.get(key);
    Map<String, Object> attrs = new TreeMap<>(live.attributes());
    attrs.put("versioning", "Suspended");
    h.cloud.objects.put(key, new LiveResource(live.id(), attrs));
    Plan plan = h.plan(Fixtures.workshop());
    String drifted = text.renderRefreshOnly(plan.drift(), false, false);
    check("refresh-only-drift", drifted);
    assertThat(drifted).contains("siteform apply");
  }
}
