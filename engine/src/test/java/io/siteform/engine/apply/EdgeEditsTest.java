package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.spec.CdnSpec;
import io.siteform.engine.spec.ContentSpec;
import io.siteform.engine.spec.DomainSpec;
import io.siteform.engine.spec.SecurityHeadersSpec;
import io.siteform.engine.spec.Spec;
import io.siteform.engine.testing.Edits;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Edits of security headers, routing and redirects apply in an order CloudFront accepts (the
 * distribution moves off a policy or function before it is deleted, onto a new one after it is
 * made, the fake cloud refusing otherwise as CloudFront does) and leave nothing to plan.
 */
class EdgeEditsTest {
  private static Spec headers(Spec s, SecurityHeadersSpec h) {
    return Edits.cdn(s, c -> {
      c.securityHeaders = h;
      return c;
    });
  }

  private static Spec routing(Spec s, CdnSpec.Routing r) {
    return Edits.cdn(s, c -> {
      c.routing = r;
      return c;
    });
  }

  private static Spec noRedirects(Spec s) {
    ContentSpec c = s.content().orElseThrow();
    DomainSpec d = s.domain().orElseThrow();
    s = Edits.content(s, Optional.of(new ContentSpec(c.source(), c.delete(), c.cacheControl(), c.invalidate())));
    return Edits.domain(s, Optional.of(new DomainSpec(d.names(), d.hostedZone(), d.certificateArn(), d.records())));
  }

  private static Optional<ResourceChange> change(Plan p, String address) {
    return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst();
  }

  private static void appliesCleanly(Harness h, Spec to) throws Exception {
    Plan plan = h.plan(to);
    assertThat(plan.hasChanges()).isTrue();
    Applier.Result r = h.apply(plan);
    assertThat(r.failures()).as(EditMatrixTest.text(plan)).isEmpty();
    assertThat(h.plan(to).hasChanges()).as(EditMatrixTest.text(h.plan(to))).isFalse();
  }

  @Test
  void theEdgeSiteIsMadeWithItsPolicyAndFunctionBeforeTheDistribution() throws Exception {
    Harness h = new Harness();
    h.parallelism = 1;
    h.cloud.localFiles.put("index.html", "i1");
    Plan plan = h.plan(Fixtures.withEdge());
    assertThat(change(plan, "cloudfront_function.site")).get().extracting(ResourceChange::action).isEqualTo(Action.CREATE);
    assertThat(change(plan, "cloudfront_response_headers_policy.site")).isPresent();
    assertThat(change(plan, "route53_record.a_example_com")).isPresent();
    assertThat(change(plan, "acm_certificate.site").orElseThrow().after())
        .containsEntry("subject_alternative_names", List.of("example.com"));
    assertThat(h.apply(plan).ok()).isTrue();
    assertThat(h.cloud.calls).containsSubsequence("create cloudfront_function.site", "create cloudfront_distribution.site");
    assertThat(h.cloud.calls).containsSubsequence("create cloudfront_response_headers_policy.site",
        "create cloudfront_distribution.site");
    assertThat(h.plan(Fixtures.withEdge()).hasChanges()).isFalse();
  }

  @Test
  void switchingToManagedHeadersMovesTheDistributionBeforeThePolicyGoes() throws Exception {
    Harness h = EditMatrixTest.site(Fixtures.withEdge());
    h.parallelism = 1;
    appliesCleanly(h, headers(Fixtures.withEdge(), SecurityHeadersSpec.MANAGED));
    assertThat(h.cloud.calls).containsSubsequence("update cloudfront_distribution.site",
        "delete cloudfront_response_headers_policy.site");
  }

  @Test
  void ownHeadersAfterManagedOnesAreMadeBeforeTheDistributionNamesThem() throws Exception {
    Harness h = EditMatrixTest.site(headers(Fixtures.withEdge(), SecurityHeadersSpec.NONE));
    h.parallelism = 1;
    appliesCleanly(h, Fixtures.withEdge());
    assertThat(h.cloud.calls).containsSubsequence("create cloudfront_response_headers_policy.site",
        "update cloudfront_distribution.site");
  }

  @Test
  void changingRoutingUpdatesOnlyTheFunction() throws Exception {
    Harness h = EditMatrixTest.site(Fixtures.withEdge());
    Plan plan = h.plan(routing(Fixtures.withEdge(), CdnSpec.Routing.PRETTY_URLS));
    assertThat(plan.changes()).filteredOn(c -> c.action() != Action.NO_OP).extracting(c -> c.address().toString())
        .containsExactly("cloudfront_function.site");
    appliesCleanly(h, routing(Fixtures.withEdge(), CdnSpec.Routing.PRETTY_URLS));
  }

  @Test
  void withoutRoutingOrRedirectsTheFunctionGoesAfterTheDistributionLetsGo() throws Exception {
    Harness h = EditMatrixTest.site(Fixtures.withEdge());
    h.parallelism = 1;
    Spec bare = noRedirects(routing(Fixtures.withEdge(), CdnSpec.Routing.NONE));
    assertThat(change(h.plan(bare), "cloudfront_function.site")).get().extracting(ResourceChange::action)
        .isEqualTo(Action.DELETE);
    appliesCleanly(h, bare);
    assertThat(h.cloud.calls).containsSubsequence("update cloudfront_distribution.site", "delete cloudfront_function.site");
    assertThat(h.cloud.calls).contains("delete route53_record.a_example_com");
  }

  @Test
  void aRedirectAloneKeepsTheFunction() throws Exception {
    Spec onlyRedirect = routing(Fixtures.withEdge(), CdnSpec.Routing.NONE);
    ContentSpec c = onlyRedirect.content().orElseThrow();
    assertThat(c.redirects()).isEqualTo(Map.of("/old.html", "/new.html"));
    Harness h = new Harness();
    h.cloud.localFiles.put("index.html", "i1");
    assertThat(change(h.plan(onlyRedirect), "cloudfront_function.site")).isPresent();
  }
}
