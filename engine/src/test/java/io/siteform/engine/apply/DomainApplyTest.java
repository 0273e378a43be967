package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.render.PlanTextRenderer;
import io.siteform.engine.render.Style;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The custom-domain path through plan, apply, re-plan, rename and destroy, on the fake cloud. */
class DomainApplyTest {
  private final Harness h = new Harness();

  private int at(String call) {
    int i = h.cloud.calls.indexOf(call);
    assertThat(i).as(call + " in " + h.cloud.calls).isNotNegative();
    return i;
  }

  private ResourceChange change(Plan p, String address) {
    return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
  }

  @Test
  void oneApplyMakesTheCertificateItsRecordsTheDistributionAndTheAliasesInOrder() throws Exception {
    var spec = Fixtures.withDomain(List.of("www.example.com", "example.com"));
    Plan plan = h.plan(spec);
    assertThat(h.cloud.calls).contains("read data.route53_zone.site");
    // The validation records are listed, their names and values waiting for the certificate.
    assertThat(new PlanTextRenderer(Style.PLAIN).render(plan)).contains(
        "# route53_record.validation_www_example_com will be created", "name    = (known after apply)",
        "zone_id = \"Z0123\"");
    h.apply(plan);
    assertThat(at("create acm_certificate.site")).isLessThan(at("create route53_record.validation_www_example_com"));
    assertThat(at("create route53_record.validation_example_com")).isLessThan(at("create acm_certificate_validation.site"));
    assertThat(at("create acm_certificate_validation.site")).isLessThan(at("create cloudfront_distribution.site"));
    assertThat(at("create cloudfront_distribution.site")).isLessThan(at("create route53_record.a_www_example_com"));
    assertThat(h.state().find("route53_record.validation_www_example_com").orElseThrow().attributes())
        .containsEntry("name", "_a1b2.www.example.com")
        .containsEntry("records", List.of("_c3d4.www.example.com.acm-validations.aws"));
    assertThat(h.plan(spec).hasChanges()).isFalse();
  }

  @Test
  void anOfflinePlanTakesTheUnreadZoneAsRecorded() throws Exception {
    var spec = Fixtures.withDomain(List.of("www.example.com"));
    h.apply(spec);
    // Offline: no data source is read, so the zone id is a placeholder; state stands for AWS.
    var x = new io.siteform.engine.resource.Expander();
    Plan offline = new io.siteform.engine.plan.Planner(h.providers::schema)
        .plan(x.expand(spec), h.state(), List.of());
    assertThat(offline.hasChanges()).as(new PlanTextRenderer(Style.PLAIN).render(offline)).isFalse();
  }

  @Test
  void renamingCreatesTheNewCertificateMovesTheDistributionThenDeletesTheOld() throws Exception {
    h.apply(Fixtures.withDomain(List.of("www.example.com")));
    h.cloud.calls.clear();
    Plan plan = h.plan(Fixtures.withDomain(List.of("shop.example.com")));
    assertThat(change(plan, "acm_certificate.site").action()).isEqualTo(Action.CREATE_THEN_DELETE);
    assertThat(change(plan, "cloudfront_distribution.site").action()).isEqualTo(Action.UPDATE);
    h.apply(plan);
    assertThat(at("create acm_certificate.site")).isLessThan(at("update cloudfront_distribution.site"));
    assertThat(at("update cloudfront_distribution.site")).isLessThan(at("delete acm_certificate.site"));
    // The old alias records go before their replacements take the new name.
    assertThat(at("delete route53_record.a_www_example_com")).isGreaterThan(-1);
    Plan again = h.plan(Fixtures.withDomain(List.of("shop.example.com")));
    assertThat(again.hasChanges()).as(new PlanTextRenderer(Style.PLAIN).render(again) + h.cloud.calls).isFalse();
  }

  @Test
  void destroyRemovesRecordsThenTheDistributionThenTheCertificate() throws Exception {
    h.apply(Fixtures.withDomain(List.of("www.example.com")));
    h.cloud.calls.clear();
    h.apply(h.planDestroy());
    assertThat(at("delete route53_record.a_www_example_com")).isLessThan(at("delete cloudfront_distribution.site"));
    assertThat(at("delete cloudfront_distribution.site")).isLessThan(at("delete acm_certificate.site"));
    assertThat(at("delete route53_record.validation_www_example_com")).isLessThan(at("delete acm_certificate.site"));
    assertThat(h.state().resources()).isEmpty();
  }

  @Test
  void aRecordMadeByHandIsNamedInThePlanNotOverwritten() throws Exception {
    h.cloud.foreign.put("Z0123/www.example.com/A", "Z0123_www.example.com_A");
    Plan plan = h.plan(Fixtures.withDomain(List.of("www.example.com")));
    assertThat(plan.conflicts()).singleElement().satisfies(c -> {
      assertThat(c.address().toString()).isEqualTo("route53_record.a_www_example_com");
      assertThat(c.existingId()).isEqualTo("Z0123_www.example.com_A");
    });
    assertThat(new PlanTextRenderer(Style.PLAIN).render(plan)).contains("This plan cannot be applied",
        "siteform import route53_record.a_www_example_com Z0123_www.example.com_A");
  }
}
