package io.siteform.providers.aws.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.state.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponse;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginGroup;
import software.amazon.awssdk.services.cloudfront.model.OriginGroupMember;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;

/** Desired attributes onto a DistributionConfig and back, without AWS. */
class DistributionConfigsTest {
  private static final String OAC = "E1OAC0000000";

  private static Map<String, Object> desired() {
    return DistributionFixtures.desired(d -> {},
        DistributionFixtures.oacOrigin("primary", "p", "eu-west-1", OAC),
        DistributionFixtures.oacOrigin("replica", "r", "us-east-1", OAC));
  }

  private static void assertRoundTrips(Map<String, Object> desired) {
    Map<String, Object> read = DistributionAttributes.of(DistributionConfigs.create("ref", desired));
    Values.copyMap(desired).forEach((k, v) -> {
      if (!k.equals("tags")) assertThat(read).as(k).containsEntry(k, v);
    });
    assertThat(read).containsEntry("caller_reference", "ref");
  }

  @Test
  void whatIsWrittenReadsBackAsDesired() {
    assertRoundTrips(desired());
    Map<String, Object> acm = new LinkedHashMap<>(desired());
    acm.put("viewer_certificate", Map.of("acm_certificate_arn", "arn:aws:acm:us-east-1:1:certificate/x",
        "ssl_support_method", "sni-only", "minimum_protocol_version", "TLSv1.2_2021"));
    acm.put("aliases", List.of("example.com", "www.example.com"));
    acm.put("custom_error_responses", List.of());
    acm.put("origins", List.of(DistributionFixtures.oaiOrigin("primary", "p", "eu-west-1", "E1OAI"),
        DistributionFixtures.oaiOrigin("replica", "r", "us-east-1", "E1OAI")));
    assertRoundTrips(acm);
  }

  @Test
  void writesEachOriginAsAnS3OriginSignedAsDesired() {
    DistributionConfig c = DistributionConfigs.create("ref", desired());

    assertThat(c.origins().quantity()).isEqualTo(2);
    assertThat(c.origins().items()).allSatisfy(o -> {
      assertThat(o.originAccessControlId()).isEqualTo(OAC);
      assertThat(o.s3OriginConfig().originAccessIdentity()).isEmpty();
      assertThat(o.customOriginConfig()).isNull();
    });
    assertThat(c.originGroups().items()).singleElement().satisfies(g -> {
      assertThat(g.members().items()).extracting(OriginGroupMember::originId).containsExactly("primary", "replica");
      assertThat(g.failoverCriteria().statusCodes().items()).containsExactly(403, 404, 500, 502, 503, 504);
      assertThat(g.failoverCriteria().statusCodes().quantity()).isEqualTo(6);
    });
    assertThat(c.customErrorResponses().items()).extracting(CustomErrorResponse::responseCode).containsExactly("200", "200");
    assertThat(c.aliases().quantity()).isZero();
  }

  /** UpdateDistribution replaces the whole configuration: what siteform does not manage must survive. */
  @Test
  void anUpdateKeepsWhatSiteformDoesNotManage() {
    DistributionConfig current = DistributionConfigs.create("first-ref", desired()).toBuilder()
        .logging(l -> l.enabled(true).bucket("logs.s3.amazonaws.com").prefix("cf/").includeCookies(false))
        .cacheBehaviors(b -> b.quantity(1).items(CacheBehavior.builder().pathPattern("/api/*").targetOriginId("primary")
            .viewerProtocolPolicy("https-only").build()))
        .origins(o -> o.quantity(3).items(
            Origin.builder().id("primary").domainName("old.s3.eu-west-1.amazonaws.com").originPath("/site")
                .connectionAttempts(2).s3OriginConfig(s -> s.originAccessIdentity("")).build(),
            Origin.builder().id("replica").domainName("r.s3.us-east-1.amazonaws.com").build(),
            Origin.builder().id("leftover").domainName("x.s3.us-east-1.amazonaws.com").build()))
        .originGroups(g -> g.quantity(2).items(
            OriginGroup.builder().id("failover").selectionCriteria("media-quality-based").build(),
            OriginGroup.builder().id("by-hand").build()))
        .customErrorResponses(r -> r.quantity(1).items(CustomErrorResponse.builder().errorCode(404)
            .responseCode("404").responsePagePath("/404.html").errorCachingMinTTL(300L).build()))
        .build();

    DistributionConfig next = DistributionConfigs.apply(current, desired());

    assertThat(next.callerReference()).isEqualTo("first-ref");
    assertThat(next.logging()).isEqualTo(current.logging());
    assertThat(next.cacheBehaviors()).isEqualTo(current.cacheBehaviors());
    assertThat(next.origins().items()).extracting(Origin::id).containsExactly("primary", "replica");
    Origin primary = next.origins().items().get(0);
    assertThat(primary.originPath()).isEqualTo("/site");
    assertThat(primary.connectionAttempts()).isEqualTo(2);
    assertThat(primary.domainName()).isEqualTo("p.s3.eu-west-1.amazonaws.com");
    assertThat(primary.originAccessControlId()).isEqualTo(OAC);
    assertThat(next.originGroups().items()).singleElement()
        .satisfies(g -> assertThat(g.selectionCriteriaAsString()).isEqualTo("media-quality-based"));
    assertThat(next.customErrorResponses().items()).extracting(CustomErrorResponse::errorCachingMinTTL)
        .containsExactly(null, 300L);
    assertThat(DistributionConfigs.satisfies(next, desired())).isTrue();
  }

  @Test
  void aCachePolicyReplacesTheLegacyCacheSettings() {
    DistributionConfig legacy = DistributionConfig.builder().callerReference("ref")
        .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("primary").viewerProtocolPolicy("allow-all")
            .forwardedValues(f -> f.queryString(false).cookies(c -> c.forward("none"))).minTTL(0L).defaultTTL(86400L).maxTTL(31536000L)
            .smoothStreaming(false).build())
        .build();

    DefaultCacheBehavior b = DistributionConfigs.apply(legacy, desired()).defaultCacheBehavior();

    assertThat(b.forwardedValues()).isNull();
    assertThat(b.minTTL()).isNull();
    assertThat(b.defaultTTL()).isNull();
    assertThat(b.maxTTL()).isNull();
    assertThat(b.smoothStreaming()).isFalse();
    assertThat(b.cachePolicyId()).isEqualTo("658327ea-f89d-4fab-a63d-7e88639e58f6");
    assertThat(b.targetOriginId()).isEqualTo("failover");
  }

  /** CloudFront may answer in its own order or spelling; read() must not turn that into a diff. */
  @Test
  void readSortsWhatCloudFrontMayReorderAndFillsAbsentLists() {
    DistributionConfig shuffled = DistributionConfigs.create("ref", desired()).toBuilder()
        .aliases(a -> a.quantity(2).items("www.example.com", "example.com"))
        .originGroups(g -> g.quantity(1).items(OriginGroup.builder().id("failover")
            .failoverCriteria(f -> f.statusCodes(s -> s.quantity(3).items(504, 403, 500)))
            .members(m -> m.quantity(2).items(OriginGroupMember.builder().originId("primary").build(),
                OriginGroupMember.builder().originId("replica").build()))
            .build()))
        .defaultCacheBehavior(b -> b.targetOriginId("failover").viewerProtocolPolicy("redirect-to-https")
            .allowedMethods(m -> m.quantity(2).itemsWithStrings("HEAD", "GET")
                .cachedMethods(c -> c.quantity(2).itemsWithStrings("HEAD", "GET"))))
        .customErrorResponses(r -> r.quantity(2).items(
            CustomErrorResponse.builder().errorCode(404).responseCode("200").responsePagePath("/i.html").errorCachingMinTTL(10L).build(),
            CustomErrorResponse.builder().errorCode(403).build()))
        .viewerCertificate(ViewerCertificate.builder().cloudFrontDefaultCertificate(true)
            .minimumProtocolVersion("TLSv1").certificateSource("cloudfront").build())
        .build();

    Map<String, Object> read = DistributionAttributes.of(shuffled);

    assertThat(read.get("aliases")).isEqualTo(List.of("example.com", "www.example.com"));
    assertThat(((Map<?, ?>) read.get("origin_group")).get("status_codes")).isEqualTo(List.of(403L, 500L, 504L));
    Map<?, ?> behaviour = (Map<?, ?>) read.get("default_cache_behavior");
    assertThat(behaviour.get("allowed_methods")).isEqualTo(List.of("GET", "HEAD"));
    assertThat(behaviour.get("cached_methods")).isEqualTo(List.of("GET", "HEAD"));
    assertThat(behaviour.get("cache_policy_id")).isEqualTo("");
    assertThat(behaviour.get("compress")).isEqualTo(false);
    List<?> errors = (List<?>) read.get("custom_error_responses");
    assertThat(errors).hasSize(2);
    Map<String, Object> cachingOnly = new LinkedHashMap<>();
    cachingOnly.put("error_code", 403L);
    cachingOnly.put("response_code", null);
    cachingOnly.put("response_page_path", "");
    assertThat(errors.get(0)).isEqualTo(cachingOnly);
    assertThat(errors.get(1)).isEqualTo(Map.of("error_code", 404L, "response_code", 200L, "response_page_path", "/i.html"));
    assertThat(read.get("viewer_certificate")).isEqualTo(Map.of("cloudfront_default", true));

    Map<String, Object> bare = DistributionAttributes.of(DistributionConfig.builder().build());
    assertThat(bare).containsEntry("aliases", List.of()).containsEntry("origins", List.of())
        .containsEntry("custom_error_responses", List.of()).containsEntry("origin_group", Map.of())
        .containsEntry("comment", "").containsEntry("enabled", false);
  }

  @Test
  void theOriginGroupReportedIsTheOneTheDefaultBehaviourUses() {
    DistributionConfig two = DistributionConfigs.create("ref", desired()).toBuilder()
        .originGroups(g -> g.quantity(2).items(OriginGroup.builder().id("other").build(),
            OriginGroup.builder().id("failover").build()))
        .build();

    assertThat(((Map<?, ?>) DistributionAttributes.of(two).get("origin_group")).get("id")).isEqualTo("failover");
  }

  @Test
  void satisfiesComparesOnlyManagedSettings() {
    DistributionConfig current = DistributionConfigs.create("ref", desired()).toBuilder()
        .viewerCertificate(v -> v.cloudFrontDefaultCertificate(true).minimumProtocolVersion("TLSv1"))
        .webACLId("by-hand")
        .build();
    Map<String, Object> otherTags = new LinkedHashMap<>(desired());
    otherTags.put("tags", Map.of("new", "tag"));
    Map<String, Object> otherPrice = new LinkedHashMap<>(desired());
    otherPrice.put("price_class", "PriceClass_All");

    assertThat(DistributionConfigs.satisfies(current, otherTags)).isTrue();
    assertThat(DistributionConfigs.satisfies(current, otherPrice)).isFalse();
  }

  @Test
  void disabledChangesOnlyEnabled() {
    DistributionConfig c = DistributionConfigs.create("ref", desired());
    assertThat(DistributionConfigs.disabled(c)).isEqualTo(c.toBuilder().enabled(false).build());
    assertThat(c.enabled()).isTrue();
  }

  @Test
  void tagsAreSentSortedByKey() {
    assertThat(DistributionConfigs.tags(DistributionConfigs.tagMap(desired())).items())
        .extracting(t -> t.key() + "=" + t.value()).containsExactly("siteform:site=ticket-service-ui", "team=web");
    assertThat(DistributionConfigs.tags(Map.of()).items()).isEmpty();
  }

  @Test
  void aValueOfTheWrongShapeIsNamed() {
    Map<String, Object> wrong = new LinkedHashMap<>(desired());
    wrong.put("enabled", "yes");
    assertThatThrownBy(() -> DistributionConfigs.create("ref", wrong))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("enabled must be true or false, not yes");
    Map<String, Object> iam = new LinkedHashMap<>(desired());
    iam.put("viewer_certificate", Map.of("iam_certificate_id", "ASCA"));
    assertThatThrownBy(() -> DistributionConfigs.create("ref", iam))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acm_certificate_arn");
  }
}
