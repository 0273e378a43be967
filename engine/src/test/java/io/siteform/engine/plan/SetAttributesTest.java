package io.siteform.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Schemas;
import io.siteform.engine.render.PlanTextRenderer;
import io.siteform.engine.render.Style;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Lists whose order does not matter (aliases, SANs, policy resources) are compared and shown as sets. */
class SetAttributesTest {
  private static final List<String> NAMES = List.of("www.example.com", "a.example.com", "b.example.com");
  private final Harness h = new Harness();

  /** Puts {@code attribute}'s list of the live object at {@code address} in reverse order, as AWS may hand it back. */
  private void reverseLive(String address, String attribute) {
    String key = h.cloud.objects.keySet().stream().filter(k -> k.startsWith(address + "#")).findFirst().orElseThrow();
    LiveResource live = h.cloud.objects.get(key);
    Map<String, Object> attrs = new TreeMap<>(live.attributes());
    List<Object> reversed = new ArrayList<>((List<?>) attrs.get(attribute));
    assertThat(reversed).as(attribute + " of " + address).hasSizeGreaterThan(1);
    Collections.reverse(reversed);
    attrs.put(attribute, reversed);
    h.cloud.objects.put(key, new LiveResource(live.id(), attrs));
  }

  @Test
  void aListAwsReordersIsNeitherDriftNorAChange() throws Exception {
    h.apply(Fixtures.withDomain(NAMES));
    reverseLive("cloudfront_distribution.site", "aliases");
    reverseLive("acm_certificate.site", "subject_alternative_names");
    Plan p = h.plan(Fixtures.withDomain(NAMES));
    assertThat(p.drift()).isEmpty();
    assertThat(p.hasChanges()).as(new PlanTextRenderer(Style.PLAIN).render(p)).isFalse();
  }

  @Test
  void namesReorderedInTheSpecChangeNothingNotEvenTheCertificate() throws Exception {
    h.apply(Fixtures.withDomain(NAMES));
    Plan p = h.plan(Fixtures.withDomain(List.of("www.example.com", "b.example.com", "a.example.com")));
    assertThat(p.hasChanges()).as(new PlanTextRenderer(Style.PLAIN).render(p)).isFalse();
  }

  @Test
  void aNameAddedIsOneElementAddedToEachSet() throws Exception {
    h.apply(Fixtures.withDomain(NAMES));
    List<String> more = new ArrayList<>(NAMES);
    more.add(1, "c.example.com");
    String text = new PlanTextRenderer(Style.PLAIN).render(h.plan(Fixtures.withDomain(more)));
    assertThat(text).contains(String.join("\n",
        "      ~ aliases            = [",
        "          + \"c.example.com\",",
        "            # (3 unchanged elements hidden)",
        "        ]"));
    assertThat(text).contains(String.join("\n",
        "      ~ subject_alternative_names = [ # forces replacement",
        "          + \"c.example.com\",",
        "            # (2 unchanged elements hidden)",
        "        ]"));
  }

  @Test
  void theCatalogueDeclaresTheSets() {
    assertThat(Schemas.CLOUDFRONT_DISTRIBUTION.isSet("aliases")).isTrue();
    assertThat(Schemas.ACM_CERTIFICATE.isSet("subject_alternative_names")).isTrue();
    assertThat(Schemas.S3_BUCKET_POLICY.isSet("policy.Statement[].Resource")).isTrue();
    assertThat(Schemas.S3_BUCKET_POLICY.same("policy",
        Map.of("Statement", List.of(Map.of("Resource", List.of("a", "b"))), "Version", "2012-10-17"),
        Map.of("Statement", List.of(Map.of("Resource", List.of("b", "a"))), "Version", "2012-10-17"))).isTrue();
    assertThat(Schemas.S3_BUCKET_POLICY.same("policy",
        Map.of("Statement", List.of(Map.of("Resource", List.of("a", "b")))),
        Map.of("Statement", List.of(Map.of("Resource", List.of("a", "c")))))).isFalse();
    // A list not declared a set keeps its order: origins, where the first is the primary.
    assertThat(Schemas.CLOUDFRONT_DISTRIBUTION.same("origins", List.of("a", "b"), List.of("b", "a"))).isFalse();
  }
}
