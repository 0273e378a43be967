package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    h.parallelism = 1;
    Applier.Result r = h.apply(Fixtures.workshop());
    assertThat(r.ok()).isTrue();
    assertThat(r.added()).isEqualTo(8);
    assertThat(h.cloud.calls).containsSubsequence("create s3_bucket.primary", "create s3_replication.primary");
    assertThat(h.cloud.calls).containsSubsequence("create s3_bucket.replica_ap_southeast_1", "create s3_replication.primary");
    assertThat(h.cloud.calls).containsSubsequence("create iam_role.replication", "create s3_replication.primary");
    assertThat(h.state().find("s3_replication.primary").orElseThrow().attributes())
        .containsEntry("role_arn", "computed:iam_role.replication:arn");
  }

  @Test
  void bucketPoliciesAdmitTheDistributionOnceItExists() throws Exception {
    h.parallelism = 1;
    h.apply(Fixtures.workshop());
    assertThat(h.cloud.calls).containsSubsequence("create cloudfront_origin_access.site",
        "create cloudfront_distribution.site", "create s3_bucket_policy.primary");
    assertThat(h.cloud.calls).containsSubsequence("create cloudfront_distribution.site",
        "create s3_bucket_policy.replica_ap_southeast_1");
    assertThat(h.state().find("s3_bucket_policy.replica_ap_southeast_1").orElseThrow().attributes().toString())
        .contains("AWS:SourceArn=computed:cloudfront_distribution.site:arn");
    assertThat(h.state().find("cloudfront_distribution.site").orElseThrow().attributes().toString())
        .contains("origin_access_control_id=" + h.state().find("cloudfront_origin_access.site").orElseThrow().id());
  }

  @Test
  void writesStateAfterEveryCompletedResourceWithAGrowingSerial() throws Exception {
    h.parallelism = 1;
    h.apply(Fixtures.workshop());
    // Eight resources, each named or tokened create recorded before its call: the two buckets, the
    // role, the origin access control by name and the distribution by its token.
    assertThat(h.backend.writes).extracting(State::serial)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
    assertThat(h.backend.writes).filteredOn(w -> w.resources().stream().anyMatch(x -> x.isCreating()))
        .hasSize(5);
    assertThat(h.state().resources()).hasSize(8).allSatisfy(x -> assertThat(x.id()).isNotEmpty());
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
    assertThat(h.state().resources()).hasSize(7).extracting(x -> x.address())
        .doesNotContain("s3_replication.primary");
    // The role's create was recorded, by name, before the call: the next apply finds what it made.
    assertThat(h.state().find("iam_role.replication")).hasValueSatisfying(x -> {
      assertThat(x.isCreating()).isTrue();
      assertThat(x.attributes()).containsOnlyKeys("name");
    });
    // Running again finishes the job.
    h.cloud.failOn = null;
    Plan rest = h.plan(Fixtures.workshop());
    assertThat(rest.summary()).isEqualTo(new Plan.Summary(2, 0, 0));
    assertThat(rest.actions()).filteredOn(c -> c.address().toString().equals("iam_role.replication"))
        .singleElement().satisfies(c -> assertThat(c.reason())
            .hasValue("resuming an interrupted create, name siteform-ticket-service-ui-replication"));
    assertThat(h.apply(rest).ok()).isTrue();
  }

  /**
   * A bug raised inside a provider (a SiteformBug, or any unexpected exception) stays a bug,
   * naming the step, so the CLI says to report it; a failure the provider layer knows as its
   * cloud's answer becomes that provider error.
   */
  @Test
  void aBugInAProviderStaysABugAndTheCloudsAnswerAProviderError() throws Exception {
    h.cloud.failOn = "create iam_role.replication";
    h.cloud.failWith = () -> new io.siteform.error.SiteformBug("the role's policy is missing");
    assertThat(h.apply(Fixtures.workshop()).failures()).singleElement().satisfies(f -> {
      assertThat(f.bug()).isTrue();
      assertThat(f.error()).isInstanceOf(io.siteform.error.SiteformBug.class)
          .hasMessage("iam_role.replication (create): the role's policy is missing");
    });

    Harness fresh = new Harness();
    fresh.cloud.failOn = "create iam_role.replication";
    fresh.cloud.failWith = () -> new IllegalStateException("index out of range");
    assertThat(fresh.apply(Fixtures.workshop()).failures()).singleElement().satisfies(f -> {
      assertThat(f.bug()).isTrue();
      assertThat(f.error()).isInstanceOf(io.siteform.error.SiteformBug.class)
          .hasMessage("iam_role.replication (create): IllegalStateException: index out of range")
          .hasCauseInstanceOf(IllegalStateException.class);
    });
  }

  /** What the cloud SDK throws (here a stand-in) is the cloud's answer when the provider layer says so. */
  @Test
  void theProviderLayerTurnsItsCloudsExceptionsIntoProviderErrors() throws Exception {
    class CloudSaidNo extends RuntimeException {
      CloudSaidNo() {
        super("AccessDenied");
      }
    }
    io.siteform.engine.testing.FakeCloud cloud = new io.siteform.engine.testing.FakeCloud();
    cloud.failOn = "create iam_role.replication";
    cloud.failWith = CloudSaidNo::new;
    io.siteform.engine.provider.Providers providers = new io.siteform.engine.provider.Providers(cloud.skeletonProviders(),
        (address, op, e) -> e instanceof CloudSaidNo
            ? java.util.Optional.of(new ProviderException(address.toString(), op, e.getMessage(), "AccessDenied", "req-1", e))
            : java.util.Optional.empty());
    io.siteform.engine.resource.Expander x = new io.siteform.engine.resource.Expander();
    var spec = Fixtures.workshop();
    var planned = new io.siteform.engine.operation.PlanOperation(providers, cloud.dataSources(),
        io.siteform.engine.operation.PlanRequest.of(x.expand(spec), x.data(spec), State.empty(), 1),
        io.siteform.engine.event.EngineListener.NONE).call();
    var r = new Applier(providers, new StateRecorder(new io.siteform.engine.testing.MemoryBackend(), planned.base()),
        io.siteform.engine.event.EngineListener.NONE, 1).apply(planned.plan());
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.bug()).isFalse();
      assertThat(f.error()).isInstanceOf(ProviderException.class).hasMessageContaining("iam_role.replication")
          .hasMessageContaining("AccessDenied");
    });
  }

  /** The plan's refresh sorts a provider's failure the same way apply does. */
  @Test
  void aRefreshThatFailsIsABugOrTheCloudsAnswerAsInApply() throws Exception {
    class CloudSaidNo extends RuntimeException {
      CloudSaidNo() {
        super("AccessDenied");
      }
    }
    h.apply(Fixtures.workshop());
    h.cloud.failOn = "read iam_role.replication";
    h.cloud.failWith = () -> new IllegalStateException("index out of range");
    assertThatThrownBy(() -> h.plan(Fixtures.workshop())).isInstanceOf(io.siteform.error.SiteformBug.class)
        .hasMessage("iam_role.replication (read): IllegalStateException: index out of range");

    h.cloud.failWith = CloudSaidNo::new;
    io.siteform.engine.provider.Providers providers = new io.siteform.engine.provider.Providers(
        h.cloud.skeletonProviders(), (address, op, e) -> e instanceof CloudSaidNo
            ? java.util.Optional.of(new ProviderException(address.toString(), op, e.getMessage(), "AccessDenied", null, e))
            : java.util.Optional.empty());
    io.siteform.engine.resource.Expander x = new io.siteform.engine.resource.Expander();
    var spec = Fixtures.workshop();
    assertThatThrownBy(() -> new io.siteform.engine.operation.PlanOperation(providers, h.cloud.dataSources(),
        io.siteform.engine.operation.PlanRequest.of(x.expand(spec), x.data(spec), h.state(), 1),
        io.siteform.engine.event.EngineListener.NONE).call())
        .isInstanceOf(ProviderException.class).hasMessage("iam_role.replication: read: AccessDenied (AccessDenied)");
  }

  @Test
  void destroyRemovesDependentsFirst() throws Exception {
    h.apply(Fixtures.workshop());
    h.cloud.calls.clear();
    h.parallelism = 1;
    Applier.Result r = h.apply(h.planDestroy());
    assertThat(r.destroyed()).isEqualTo(8);
    assertThat(h.cloud.calls).containsSubsequence("delete s3_replication.primary", "delete s3_bucket.primary");
    assertThat(h.cloud.calls).containsSubsequence("delete s3_bucket_policy.primary", "delete cloudfront_distribution.site",
        "delete cloudfront_origin_access.site");
    assertThat(h.cloud.calls).containsSubsequence("delete s3_bucket_policy.replica_ap_southeast_1",
        "delete s3_bucket.replica_ap_southeast_1");
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
  void renamingThePrimaryMovesTheDistributionToTheNewBucketBeforeTheOldOneGoes() throws Exception {
    h.apply(Fixtures.workshop());
    h.cloud.calls.clear();
    h.parallelism = 1;
    assertThat(h.apply(Fixtures.spec("ticket-service-ui-new", Fixtures.workshop().replicas())).ok()).isTrue();
    assertThat(h.cloud.calls).containsSubsequence(
        "create s3_bucket.primary", "create s3_replication.primary", "delete s3_replication.primary",
        "delete s3_bucket.primary");
    assertThat(h.cloud.calls).containsSubsequence(
        "create s3_bucket.primary", "update cloudfront_distribution.site", "delete s3_bucket_policy.primary",
        "delete s3_bucket.primary");
    assertThat(h.cloud.calls).containsSubsequence("update iam_role.replication", "create s3_replication.primary");
    assertThat(h.plan(Fixtures.spec("ticket-service-ui-new", Fixtures.workshop().replicas())).hasChanges()).isFalse();
  }
}
