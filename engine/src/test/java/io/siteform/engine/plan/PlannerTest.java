package io.siteform.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.resource.Ref;
import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import io.siteform.state.ResourceState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final Harness h = new Harness();

  private static Map<String, Action> actions(Plan p) {
    Map<String, Action> m = new TreeMap<>();
    p.changes().forEach(c -> m.put(c.address().toString(), c.action()));
    return m;
  }

  @Test
  void emptyStatePlansEveryResourceAsCreateWithTheRoleArnUnknown() {
    Plan p = h.plan(Fixtures.workshop());
    assertThat(actions(p)).hasSize(8).allSatisfy((a, action) -> assertThat(action).isEqualTo(Action.CREATE));
    assertThat(p.summary()).isEqualTo(new Plan.Summary(8, 0, 0));
    assertThat(change(p, "s3_replication.primary").after().get("role_arn")).isInstanceOf(Ref.class);
  }

  private static ResourceChange change(Plan p, String address) {
    return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
  }

  @Test
  void afterApplyTheSamePlanHasNoChanges() throws Exception {
    assertThat(h.apply(Fixtures.workshop()).ok()).isTrue();
    Plan again = h.plan(Fixtures.workshop());
    assertThat(again.hasChanges()).isFalse();
    assertThat(again.drift()).isEmpty();
    assertThat(again.changes()).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.NO_OP));
  }

  @Test
  void aTagChangeIsAnInPlaceUpdateAndTheRoleArnComesFromState() throws Exception {
    h.apply(Fixtures.workshop());
    var spec = Fixtures.workshop();
    var changed = new io.siteform.engine.spec.Spec(spec.file(), 1,
        new io.siteform.engine.spec.Site("ticket-service-ui", Map.of("project", "tickets")),
        spec.primary(), spec.replicas(), spec.replication(), spec.content(), spec.cdn(), spec.domain(),
        spec.backend(), spec.locations());
    Plan p = h.plan(changed);
    assertThat(actions(p)).containsEntry("s3_bucket.primary", Action.UPDATE)
        .containsEntry("iam_role.replication", Action.UPDATE)
        .containsEntry("s3_replication.primary", Action.NO_OP);
    assertThat(p.changes()).filteredOn(c -> c.address().toString().equals("s3_replication.primary"))
        .singleElement().satisfies(c -> assertThat(c.after().get("role_arn"))
            .isEqualTo("computed:iam_role.replication:arn"));
  }

  @Test
  void renamingThePrimaryBucketReplacesOnlyWhatLivesInItCreatingTheNewFirst() throws Exception {
    h.apply(Fixtures.workshop());
    Plan p = h.plan(Fixtures.spec("ticket-service-ui-new", Fixtures.workshop().replicas()));
    // A bucket of another name can exist beside the old one: made first, the old one goes last.
    assertThat(actions(p)).containsEntry("s3_bucket.primary", Action.CREATE_THEN_DELETE)
        .containsEntry("s3_replication.primary", Action.CREATE_THEN_DELETE)
        .containsEntry("s3_bucket_policy.primary", Action.CREATE_THEN_DELETE)
        .containsEntry("s3_bucket.replica_ap_southeast_1", Action.NO_OP)
        .containsEntry("s3_bucket_policy.replica_ap_southeast_1", Action.NO_OP)
        .containsEntry("cloudfront_distribution.site", Action.UPDATE)
        .containsEntry("cloudfront_origin_access.site", Action.NO_OP)
        .containsEntry("iam_role.replication", Action.UPDATE);
    assertThat(change(p, "s3_bucket.primary").replacePaths()).containsExactly("bucket");
    assertThat(p.summary()).isEqualTo(new Plan.Summary(3, 2, 3));
  }

  @Test
  void aReplicaDroppedFromTheSpecIsDestroyed() throws Exception {
    var two = List.of(new BucketSpec("ap-southeast-1", "ticket-service-ui-singapore-jane-doe"),
        new BucketSpec("us-west-2", "ticket-service-ui-oregon-jane-doe"));
    h.apply(Fixtures.spec("ticket-service-ui-jane-doe", two));
    Plan p = h.plan(Fixtures.workshop());
    assertThat(actions(p)).containsEntry("s3_bucket.replica_us_west_2", Action.DELETE)
        .containsEntry("s3_replication.primary", Action.UPDATE);
    assertThat(p.changes()).filteredOn(c -> c.action() == Action.DELETE).singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("it is no longer in the spec"));
  }

  @Test
  void anObjectDeletedOutsideSiteformIsDriftAndIsCreatedAgain() throws Exception {
    h.apply(Fixtures.workshop());
    h.cloud.objects.keySet().removeIf(k -> k.startsWith("s3_bucket.replica"));
    Plan p = h.plan(Fixtures.workshop());
    assertThat(p.drift()).singleElement().satisfies(d -> {
      assertThat(d.address().toString()).isEqualTo("s3_bucket.replica_ap_southeast_1");
      assertThat(d.action()).isEqualTo(Action.DELETE);
    });
    assertThat(actions(p)).containsEntry("s3_bucket.replica_ap_southeast_1", Action.CREATE);
  }

  @Test
  void anIdempotencyTokenStateDidNotRecordIsNotDrift() throws Exception {
    h.apply(Fixtures.workshop());
    // A state written before the provider returned the token (acm_certificate did not): the read now has it.
    ResourceState site = h.state().find("cloudfront_distribution.site").orElseThrow();
    var attrs = new TreeMap<>(site.attributes());
    assertThat(attrs.remove("caller_reference")).isNotNull();
    h.backend.write(h.state().with(new ResourceState(site.address(), site.type(), site.region(), site.id(), attrs,
        site.dependencies())));
    Plan p = h.plan(Fixtures.workshop());
    assertThat(p.drift()).isEmpty();
    assertThat(p.hasChanges()).isFalse();
  }

  @Test
  void anAttributeChangedOutsideSiteformIsDriftAndIsPutBack() throws Exception {
    h.apply(Fixtures.workshop());
    String key = h.cloud.objects.keySet().stream().filter(k -> k.startsWith("s3_bucket.primary")).findFirst().orElseThrow();
    var live = h.cloud.objects.get(key);
    var attrs = new TreeMap<>(live.attributes());
    attrs.put("versioning", "Suspended");
    h.cloud.objects.put(key, new io.siteform.engine.provider.LiveResource(live.id(), attrs));
    Plan p = h.plan(Fixtures.workshop());
    assertThat(p.drift()).singleElement().satisfies(d -> assertThat(d.changedPaths()).containsExactly("versioning"));
    assertThat(actions(p)).containsEntry("s3_bucket.primary", Action.UPDATE);
  }

  @Test
  void destroyPlansEveryResourceInState() throws Exception {
    h.apply(Fixtures.workshop());
    Plan p = h.planDestroy();
    assertThat(p.destroy()).isTrue();
    assertThat(p.changes()).hasSize(8).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.DELETE));
    assertThat(p.summary()).isEqualTo(new Plan.Summary(0, 0, 8));
  }

  @Test
  void aRegionMoveForcesReplacement() throws Exception {
    h.apply(Fixtures.workshop());
    var s = h.state();
    ResourceState primary = s.find("s3_bucket.primary").orElseThrow();
    ResourceState moved = new ResourceState(primary.address(), primary.type(), "us-east-2", primary.id(),
        primary.attributes(), primary.dependencies());
    // Planned without refreshing, as --offline does: state says the bucket is elsewhere.
    Plan p = new Planner(h.providers::schema).plan(
        new io.siteform.engine.resource.Expander().expand(Fixtures.workshop()), s.with(moved), List.of());
    assertThat(p.changes()).filteredOn(c -> c.address().toString().equals("s3_bucket.primary"))
        .singleElement().satisfies(c -> {
          assertThat(c.action()).isEqualTo(Action.DELETE_THEN_CREATE);
          assertThat(c.replacePaths()).containsExactly("region");
        });
  }
}
