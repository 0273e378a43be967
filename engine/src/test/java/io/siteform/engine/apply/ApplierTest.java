package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.plan.Plan;
import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import io.siteform.error.ProviderException;
import io.siteform.state.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplierTest {
  private final Harness h = new Harness();

  @Test
  void createsReplicationOnlyAfterBothBucketsAndTheRoleAndResolvesTheRoleArn() throws Exception {
    Applier.Result r = h.apply(Fixtures.workshop());
    assertThat(r.ok()).isTrue();
    assertThat(r.added()).isEqualTo(4);
    assertThat(h.cloud.calls.indexOf("create s3_replication.primary")).isEqualTo(3);
    assertThat(h.state().find("s3_replication.primary").orElseThrow().attributes())
        .containsEntry("role_arn", "computed:iam_role.replication:arn");
  }

  @Test
  void writesStateAfterEveryCompletedResourceWithAGrowingSerial() throws Exception {
    h.apply(Fixtures.workshop());
    assertThat(h.backend.writes).hasSize(4);
    assertThat(h.backend.writes).extracting(State::serial).containsExactly(1L, 2L, 3L, 4L);
    assertThat(h.backend.writes).extracting(s -> s.resources().size()).containsExactly(1, 2, 3, 4);
    assertThat(h.state().find("s3_replication.primary").orElseThrow().dependencies())
        .containsExactly("iam_role.replication", "s3_bucket.primary", "s3_bucket.replica_ap_southeast_1");
  }

  @Test
  void aFailureKeepsWhatCompletedAndSkipsWhatDependsOnIt() throws Exception {
    h.cloud.failOn = "create iam_role.replication";
    Applier.Result r = h.apply(Fixtures.workshop());
    assertThat(r.ok()).isFalse();
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.step().toString()).isEqualTo("create iam_role.replication");
      assertThat(f.error()).isInstanceOf(ProviderException.class).hasMessageContaining("iam_role.replication");
    });
    assertThat(r.skipped()).extracting(Step::toString).containsExactly("create s3_replication.primary");
    assertThat(h.state().resources()).extracting(x -> x.address())
        .containsExactly("s3_bucket.primary", "s3_bucket.replica_ap_southeast_1");
    // Running again finishes the job.
    h.cloud.failOn = null;
    Plan rest = h.plan(Fixtures.workshop());
    assertThat(rest.summary()).isEqualTo(new Plan.Summary(2, 0, 0));
    assertThat(h.apply(rest).ok()).isTrue();
  }

  @Test
  void destroyRemovesDependentsFirst() throws Exception {
    h.apply(Fixtures.workshop());
    h.cloud.calls.clear();
    h.parallelism = 1;
    Applier.Result r = h.apply(h.planDestroy());
    assertThat(r.destroyed()).isEqualTo(4);
    assertThat(h.cloud.calls.get(0)).isEqualTo("delete s3_replication.primary");
    assertThat(h.state().resources()).isEmpty();
    assertThat(h.cloud.objects).isEmpty();
  }

  @Test
  void aReplicaLeavesTheReplicationRulesBeforeItIsDeleted() throws Exception {
    var two = List.of(new BucketSpec("ap-southeast-1", "ticket-service-ui-singapore-jane-doe"),
        new BucketSpec("us-west-2", "ticket-service-ui-oregon-jane-doe"));
    h.apply(Fixtures.spec("ticket-service-ui-jane-doe", two));
    h.cloud.calls.clear();
    assertThat(h.apply(Fixtures.workshop()).ok()).isTrue();
    assertThat(h.cloud.calls).containsSubsequence(
        "update s3_replication.primary", "delete s3_bucket.replica_us_west_2");
  }

  @Test
  void replacingThePrimaryDeletesTheOldConfigurationAndBucketBeforeCreatingTheNew() throws Exception {
    h.apply(Fixtures.workshop());
    h.cloud.calls.clear();
    h.parallelism = 1;
    assertThat(h.apply(Fixtures.spec("ticket-service-ui-new", Fixtures.workshop().replicas())).ok()).isTrue();
    assertThat(h.cloud.calls).containsSubsequence(
        "delete s3_replication.primary", "delete s3_bucket.primary", "create s3_bucket.primary",
        "create s3_replication.primary");
    assertThat(h.cloud.calls).containsSubsequence("update iam_role.replication", "create s3_replication.primary");
    assertThat(h.plan(Fixtures.spec("ticket-service-ui-new", Fixtures.workshop().replicas())).hasChanges()).isFalse();
  }
}
