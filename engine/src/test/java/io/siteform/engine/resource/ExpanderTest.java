package io.siteform.engine.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.graph.ResourceGraph;
import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpanderTest {
  private final List<ResourceSpec> resources = new Expander().expand(Fixtures.workshop());

  private ResourceSpec at(String address) {
    return resources.stream().filter(r -> r.address().toString().equals(address)).findFirst().orElseThrow();
  }

  @Test
  void expandsEveryStepOfTheSeed() {
    assertThat(resources).extracting(r -> r.address().toString()).containsExactly(
        "s3_bucket.primary", "s3_bucket.replica_ap_southeast_1", "iam_role.replication", "s3_replication.primary",
        "cloudfront_origin_access.site", "cloudfront_distribution.site",
        "s3_bucket_policy.primary", "s3_bucket_policy.replica_ap_southeast_1");
  }

  @Test
  void bucketsAreVersionedPrivateEncryptedAndTaggedInTheirOwnRegions() {
    ResourceSpec primary = at("s3_bucket.primary");
    assertThat(primary.region()).isEqualTo("eu-west-1");
    assertThat(primary.attributes()).containsEntry("versioning", "Enabled").containsEntry("encryption", "AES256");
    assertThat((Map<?, ?>) primary.attributes().get("public_access_block")).hasSize(4).allSatisfy((k, v) -> assertThat(v).isEqualTo(true));
    assertThat(primary.attributes().get("tags"))
        .isEqualTo(Map.of("project", "ticket-service", "siteform:site", "ticket-service-ui"));
    assertThat(at("s3_bucket.replica_ap_southeast_1").region()).isEqualTo("ap-southeast-1");
  }

  @Test
  void replicationWaitsForBothBucketsAndTheRoleAndTakesTheRoleArnWhenKnown() {
    ResourceSpec r = at("s3_replication.primary");
    assertThat(r.dependsOn()).extracting(Address::toString).containsExactlyInAnyOrder(
        "s3_bucket.primary", "s3_bucket.replica_ap_southeast_1", "iam_role.replication");
    assertThat(r.replacedWith()).containsExactly(Expander.PRIMARY_BUCKET);
    assertThat(r.attributes().get("role_arn")).isEqualTo(new Ref(Expander.REPLICATION_ROLE, "arn"));
    assertThat((List<?>) r.attributes().get("rules")).singleElement().isEqualTo(Map.of(
        "id", "replica-ap-southeast-1", "priority", 1L, "prefix", "",
        "destination_bucket", "arn:aws:s3:::ticket-service-ui-singapore-jane-doe",
        "delete_marker_replication", false));
  }

  @Test
  void roleIsScopedToExactlyTheseBuckets() {
    ResourceSpec role = at("iam_role.replication");
    assertThat(role.region()).isEqualTo("us-east-1");
    assertThat(role.attributes().get("name")).isEqualTo("siteform-ticket-service-ui-replication");
    String policy = role.attributes().get("policy").toString();
    assertThat(policy)
        .contains("arn:aws:s3:::ticket-service-ui-jane-doe/*", "arn:aws:s3:::ticket-service-ui-jane-doe]",
            "arn:aws:s3:::ticket-service-ui-singapore-jane-doe/*", "s3:ReplicateObject", "s3:GetObjectVersionForReplication")
        .doesNotContain("\"*\"", "s3:*");
  }

  @Test
  void replicasAreNamedByRegionSoReorderingReplacesNothing() {
    var a = new BucketSpec("ap-southeast-1", "aaa-site");
    var b = new BucketSpec("us-west-2", "bbb-site");
    var one = new Expander().expand(Fixtures.spec("primary-site", List.of(a, b)));
    var two = new Expander().expand(Fixtures.spec("primary-site", List.of(b, a)));
    assertThat(one.stream().filter(r -> r.type().equals("s3_bucket")))
        .containsExactlyInAnyOrderElementsOf(two.stream().filter(r -> r.type().equals("s3_bucket")).toList());
    assertThat(new ResourceGraph(one).topologicalOrder()).last().isEqualTo(Expander.REPLICATION);
  }

  @Test
  void theDefaultBehaviourTargetsTheOriginGroupThatFailsOverFromPrimaryToTheFirstReplica() {
    Map<String, Object> d = at("cloudfront_distribution.site").attributes();
    @SuppressWarnings("unchecked")
    Map<String, Object> behaviour = (Map<String, Object>) d.get("default_cache_behavior");
    assertThat(behaviour).containsEntry("target_origin_id", "failover")
        .containsEntry("viewer_protocol_policy", "redirect-to-https").containsEntry("compress", true);
    assertThat(d.get("origin_group")).isEqualTo(Map.of("id", "failover", "primary", "primary", "secondary", "replica",
        "status_codes", List.of(403L, 404L, 500L, 502L, 503L, 504L)));
    assertThat(((List<?>) d.get("origins")).stream().map(o -> (Object) ((Map<?, ?>) o).get("domain_name")).toList()).containsExactly(
        "ticket-service-ui-jane-doe.s3.eu-west-1.amazonaws.com",
        "ticket-service-ui-singapore-jane-doe.s3.ap-southeast-1.amazonaws.com");
    assertThat((List<?>) d.get("origins")).allSatisfy(o -> assertThat(((Map<?, ?>) o).get("origin_access_control_id"))
        .isEqualTo(new Ref(CdnResources.ORIGIN_ACCESS, "id")));
    assertThat(d.get("custom_error_responses")).isEqualTo(List.of());
    assertThat(at("cloudfront_distribution.site").dependsOn()).contains(CdnResources.ORIGIN_ACCESS);
  }

  @Test
  void bothOriginBucketsAdmitOnlyThisDistributionAndMayList() {
    for (String policy : List.of("s3_bucket_policy.primary", "s3_bucket_policy.replica_ap_southeast_1")) {
      ResourceSpec p = at(policy);
      String doc = p.attributes().get("policy").toString();
      assertThat(doc).contains("s3:GetObject", "s3:ListBucket", "cloudfront.amazonaws.com",
          "AWS:SourceArn=cloudfront_distribution.site.arn").doesNotContain("\"*\"", "Principal=*");
      assertThat(p.dependsOn()).contains(CdnResources.DISTRIBUTION);
    }
    assertThat(at("s3_bucket_policy.replica_ap_southeast_1").region()).isEqualTo("ap-southeast-1");
  }

  @Test
  void withOaiTheOriginsCarryTheIdentityAndThePoliciesAdmitOnlyIt() {
    var s = Fixtures.workshop();
    var oai = new io.siteform.engine.spec.Spec(s.file(), 1, s.site(), s.primary(), s.replicas(), s.replication(),
        s.content(), new io.siteform.engine.spec.CdnSpec("index.html", "PriceClass_All", List.of(503, 500), 
            io.siteform.engine.spec.CdnSpec.OriginAccess.OAI, true), s.domain(), s.backend(), s.locations());
    List<ResourceSpec> all = new Expander().expand(oai);
    ResourceSpec access = all.stream().filter(r -> r.type().equals("cloudfront_origin_access")).findFirst().orElseThrow();
    assertThat(access.attributes()).containsEntry("kind", "oai");
    ResourceSpec d = all.stream().filter(r -> r.type().equals("cloudfront_distribution")).findFirst().orElseThrow();
    assertThat(d.attributes().get("origins").toString())
        .contains("origin_access_identity=origin-access-identity/cloudfront/${cloudfront_origin_access.site.id}")
        .contains("origin_access_control_id=,");
    assertThat(d.attributes().get("custom_error_responses")).isEqualTo(List.of(
        Map.of("error_code", 403L, "response_code", 200L, "response_page_path", "/index.html"),
        Map.of("error_code", 404L, "response_code", 200L, "response_page_path", "/index.html")));
    assertThat(((Map<?, ?>) d.attributes().get("origin_group")).get("status_codes")).isEqualTo(List.of(500L, 503L));
    ResourceSpec policy = all.stream().filter(r -> r.address().toString().equals("s3_bucket_policy.primary"))
        .findFirst().orElseThrow();
    assertThat(policy.attributes().get("policy").toString()).contains("AWS=cloudfront_origin_access.site.iam_arn")
        .doesNotContain("SourceArn");
  }

  /**
   * The apply waits for CloudFront to complete the invalidation (minutes on AWS) only when the
   * removal after it may delete a file before then; with the default 24h, or no deletes, it does not.
   */
  @Test
  void theInvalidationIsAwaitedOnlyWhenARemovedFileMayBeDeletedBeforeCloudFrontHasFinished() {
    assertThat(awaits(true, java.time.Duration.ZERO)).isTrue();
    assertThat(awaits(true, java.time.Duration.ofMinutes(14))).isTrue();
    assertThat(awaits(true, java.time.Duration.ofMinutes(15))).isFalse();
    assertThat(awaits(true, io.siteform.engine.spec.ContentSpec.KEEP_REMOVED)).isFalse();
    assertThat(awaits(false, java.time.Duration.ZERO)).isFalse();
  }

  private static boolean awaits(boolean delete, java.time.Duration keepRemoved) {
    var s = Fixtures.withContent(delete);
    var c = s.content().orElseThrow();
    var spec = new io.siteform.engine.spec.Spec(s.file(), s.version(), s.site(), s.primary(), s.replicas(), s.replication(),
        java.util.Optional.of(new io.siteform.engine.spec.ContentSpec(c.source(), c.delete(), c.cacheControl(),
            c.invalidate(), c.redirects(), keepRemoved, c.keepReleases())),
        s.cdn(), s.domain(), s.backend(), s.locations());
    return (Boolean) new Expander().expand(spec).stream()
        .filter(r -> r.type().equals("cloudfront_invalidation")).findFirst().orElseThrow()
        .attributes().get(Expander.AWAIT_COMPLETION);
  }
}
