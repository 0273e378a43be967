package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.plan.Plan;
import io.siteform.engine.render.PlanTextRenderer;
import io.siteform.engine.render.Style;
import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.spec.CdnSpec.OriginAccess;
import io.siteform.engine.spec.DomainSpec;
import io.siteform.engine.spec.ReplicationSpec;
import io.siteform.engine.spec.Spec;
import io.siteform.engine.testing.Edits;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every everyday edit of a spec applies, and the plan right after it says "No changes.": a site
 * with content, two replicas and a domain is applied, edited once, planned, applied and planned
 * again, on the fake cloud (which refuses to delete an access control or certificate that a
 * distribution still names, as CloudFront and ACM do).
 */
class EditMatrixTest {
  static final BucketSpec SINGAPORE = new BucketSpec("ap-southeast-1", "ticket-service-ui-singapore-jane-doe");
  static final BucketSpec OREGON = new BucketSpec("us-west-2", "ticket-service-ui-oregon-jane-doe");
  static final BucketSpec FRANKFURT = new BucketSpec("eu-central-1", "ticket-service-ui-frankfurt-jane-doe");

  /** The site every edit starts from. */
  static Spec base() {
    Spec s = Edits.replicas(Fixtures.withContent(true), List.of(SINGAPORE, OREGON));
    return Edits.domain(s, Optional.of(new DomainSpec(List.of("example.com", "www.example.com"), "example.com",
        Optional.empty(), List.of("A", "AAAA"))));
  }

  static Spec oai() {
    return Edits.cdn(base(), c -> {
      c.originAccess = OriginAccess.OAI;
      return c;
    });
  }

  static Stream<Arguments> edits() {
    return Stream.of(
        edit("add a SAN", base(), s -> Edits.names(s, "example.com", "www.example.com", "shop.example.com")),
        edit("remove a SAN", base(), s -> Edits.names(s, "example.com")),
        edit("rename a SAN", base(), s -> Edits.names(s, "example.com", "shop.example.com")),
        edit("rename the first name", base(), s -> Edits.names(s, "shop.example.com", "www.example.com")),
        edit("remove the apex", base(), s -> Edits.names(s, "www.example.com")),
        edit("add the apex", Edits.names(base(), "www.example.com"),
            s -> Edits.names(s, "example.com", "www.example.com")),
        edit("add a wildcard", base(), s -> Edits.names(s, "example.com", "www.example.com", "*.example.com")),
        edit("rename a SAN to a wildcard", base(), s -> Edits.names(s, "example.com", "*.example.com")),
        edit("remove a wildcard", Edits.names(base(), "example.com", "*.example.com"),
            s -> Edits.names(s, "example.com")),
        edit("add a replica region", base(), s -> Edits.replicas(s, List.of(SINGAPORE, OREGON, FRANKFURT))),
        edit("remove a replica region", base(), s -> Edits.replicas(s, List.of(SINGAPORE))),
        edit("remove the failover replica", base(), s -> Edits.replicas(s, List.of(OREGON))),
        edit("reorder replicas", base(), s -> Edits.replicas(s, List.of(OREGON, SINGAPORE))),
        edit("rename the primary bucket", base(),
            s -> Edits.primary(s, new BucketSpec("eu-west-1", "ticket-service-ui-renamed"))),
        edit("rename the failover replica's bucket", base(),
            s -> Edits.replicaBucket(s, "ap-southeast-1", "ticket-service-ui-sg-renamed")),
        edit("rename another replica's bucket", base(),
            s -> Edits.replicaBucket(s, "us-west-2", "ticket-service-ui-or-renamed")),
        edit("switch origin_access to oai", base(), s -> Edits.cdn(s, c -> {
          c.originAccess = OriginAccess.OAI;
          return c;
        })),
        edit("switch origin_access to oac", oai(), s -> Edits.cdn(s, c -> {
          c.originAccess = OriginAccess.OAC;
          return c;
        })),
        edit("change failover_status_codes", base(), s -> Edits.cdn(s, c -> {
          c.failoverStatusCodes = List.of(500, 502);
          return c;
        })),
        edit("change price_class", base(), s -> Edits.cdn(s, c -> {
          c.priceClass = "PriceClass_All";
          return c;
        })),
        edit("turn on spa_fallback", base(), s -> Edits.cdn(s, c -> {
          c.spaFallback = true;
          return c;
        })),
        edit("change cache_control", base(), s -> Edits.cacheControl(s, Map.of("**", "no-cache"))),
        edit("drop AAAA records", base(), s -> Edits.records(s, "A")),
        edit("add AAAA records", Edits.records(base(), "A"), s -> Edits.records(s, "A", "AAAA")),
        edit("turn on delete_markers", base(), s -> Edits.replication(s, new ReplicationSpec(true, ""))),
        edit("change replication.prefix", base(), s -> Edits.replication(s, new ReplicationSpec(false, "site/"))),
        edit("remove domain:", base(), s -> Edits.domain(s, Optional.empty())),
        edit("add domain:", Edits.domain(base(), Optional.empty()), s -> base()),
        edit("remove content:", base(), s -> Edits.content(s, Optional.empty())),
        edit("add content:", Edits.content(base(), Optional.empty()), s -> base()));
  }

  private static Arguments edit(String name, Spec from, UnaryOperator<Spec> edit) {
    return Arguments.of(name, from, edit.apply(from));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void appliesAndThenPlansNoChanges(String name, Spec from, Spec to) throws Exception {
    Harness h = site(from);
    Plan plan = h.plan(to);
    assertThat(plan.hasChanges()).as(name + " changes something").isTrue();
    Applier.Result r = h.apply(plan);
    assertThat(r.failures()).as(name + "\n" + text(plan)).isEmpty();
    assertThat(r.ok()).isTrue();
    Plan after = h.plan(to);
    assertThat(after.hasChanges()).as("the plan after " + name + ":\n" + text(after)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void switchingOriginAccessAttachesTheNewOneBeforeTheOldGoes() throws Exception {
    for (Spec[] fromTo : new Spec[][] {{base(), oai()}, {oai(), base()}}) {
      Harness h = site(fromTo[0]);
      h.parallelism = 1;
      Plan plan = h.plan(fromTo[1]);
      assertThat(plan.changes()).filteredOn(c -> c.address().toString().equals("cloudfront_origin_access.site"))
          .singleElement().satisfies(c -> assertThat(c.action()).isEqualTo(io.siteform.engine.plan.Action.CREATE_THEN_DELETE));
      assertThat(h.apply(plan).ok()).isTrue();
      assertThat(h.cloud.calls).containsSubsequence("create cloudfront_origin_access.site",
          "update cloudfront_distribution.site", "delete cloudfront_origin_access.site");
      assertThat(h.cloud.calls).containsSubsequence("create cloudfront_origin_access.site",
          "update s3_bucket_policy.primary", "delete cloudfront_origin_access.site");
    }
  }

  @org.junit.jupiter.api.Test
  void addingANameMovesTheDistributionToTheNewCertificateBeforeTheOldGoes() throws Exception {
    Harness h = site(base());
    h.parallelism = 1;
    assertThat(h.apply(Edits.names(base(), "example.com", "www.example.com", "shop.example.com")).ok()).isTrue();
    assertThat(h.cloud.calls).containsSubsequence("create acm_certificate.site",
        "create route53_record.validation_shop_example_com", "create acm_certificate_validation.site",
        "update cloudfront_distribution.site", "delete acm_certificate.site");
  }

  @org.junit.jupiter.api.Test
  void renamingThePrimarySwitchesTheDistributionBeforeTheOldBucketIsEmptiedAndDeleted() throws Exception {
    Harness h = site(base());
    h.parallelism = 1;
    assertThat(h.apply(Edits.primary(base(), new BucketSpec("eu-west-1", "ticket-service-ui-renamed"))).ok()).isTrue();
    // The content is published to the new bucket in place: the replicas, which stay, are not purged.
    assertThat(h.cloud.calls).containsSubsequence("create s3_bucket.primary", "update cloudfront_distribution.site",
        "create s3_replication.primary", "update site_content.site", "delete s3_bucket.primary");
    assertThat(h.cloud.calls).doesNotContain("delete site_content.site");
    assertThat(h.cloud.calls).containsSubsequence("update cloudfront_distribution.site",
        "delete s3_bucket_policy.primary", "delete s3_bucket.primary");
    assertThat(h.cloud.calls).containsSubsequence("update cloudfront_distribution.site",
        "delete s3_replication.primary", "delete s3_bucket.primary");
  }

  /** A harness with {@code spec} applied, and checked to plan no changes. */
  static Harness site(Spec spec) throws Exception {
    Harness h = new Harness();
    h.cloud.localFiles.put("index.html", "d41d8cd98f00b204e9800998ecf8427e");
    h.cloud.localFiles.put("assets/app.js", "0cc175b9c0f1b6a831c399e269772661");
    assertThat(h.apply(spec).ok()).isTrue();
    assertThat(h.plan(spec).hasChanges()).as(text(h.plan(spec))).isFalse();
    h.cloud.calls.clear();
    return h;
  }

  static String text(Plan p) {
    return new PlanTextRenderer(Style.PLAIN).render(p);
  }
}
