package io.siteform.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.plan.Drift;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Golden;
import io.siteform.engine.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Golden files for the drift report in text, Markdown and JSON. */
class DriftRenderingTest {
  private final Harness h = new Harness();

  private void mutate(String prefix, Map<String, Object> changes) {
    String key = h.cloud.objects.keySet().stream().filter(k -> k.startsWith(prefix)).findFirst().orElseThrow();
    LiveResource live = h.cloud.objects.get(key);
    Map<String, Object> attrs = new TreeMap<>(live.attributes());
    attrs.putAll(changes);
    h.cloud.objects.put(key, new LiveResource(live.id(), attrs));
  }

  private List<Drift> drifted() throws Exception {
    h.apply(Fixtures.workshop());
    mutate("s3_bucket.primary", Map.of("versioning", "Suspended",
        "tags", Map.of("project", "ticket|service", "siteform:site", "ticket-service-ui")));
    mutate("cloudfront_distribution.site", Map.of("price_class", "PriceClass_All"));
    String policy = h.cloud.objects.keySet().stream().filter(k -> k.startsWith("s3_bucket_policy.replica")).findFirst().orElseThrow();
    h.cloud.objects.remove(policy);
    return h.refresh().drift();
  }

  @Test
  void everyFormat() throws Exception {
    List<Drift> drift = drifted();
    Golden.assertMatches(Golden.root().resolve("drift/drift.md"), new DriftRenderer().markdown(drift));
    Golden.assertMatches(Golden.root().resolve("drift/drift.json"), new DriftRenderer().json(drift));
    Golden.assertMatches(Golden.root().resolve("drift/drift.txt"), new PlanTextRenderer(Style.PLAIN).renderDrift(drift));
  }

  @Test
  void rowsReachTheChangedLeafAndNameDeletedObjects() throws Exception {
    assertThat(DriftRenderer.rows(drifted())).extracting(r -> r.address() + " " + r.path() + " " + r.recorded() + " -> " + r.live())
        .containsExactly(
            "cloudfront_distribution.site price_class PriceClass_100 -> PriceClass_All",
            "s3_bucket.primary tags.project ticket-service -> ticket|service",
            "s3_bucket.primary versioning Enabled -> Suspended",
            "s3_bucket_policy.replica_ap_southeast_1 (object) exists (id ticket-service-ui-singapore-jane-doe) -> deleted");
  }

  @Test
  void noDriftSaysSo() {
    assertThat(new DriftRenderer().markdown(List.of())).contains("No drift");
  }
}
