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
  void expandsTheSeedsStepsOneToThree() {
    assertThat(resources).extracting(r -> r.address().toString()).containsExactly(
        "s3_bucket.primary", "s3_bucket.replica_ap_southeast_1", "iam_role.replication", "s3_replication.primary");
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
}
