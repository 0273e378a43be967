package io.siteform.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.resource.Address;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import io.siteform.error.PlanException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetTest {
  private final Harness h = new Harness();

  @Test
  void aTargetKeepsItselfAndWhatItDependsOnOnly() throws Exception {
    Plan plan = h.plan(Fixtures.workshop()).targeted(Set.of(new Address("s3_replication", "primary")));
    assertThat(plan.changes()).extracting(c -> c.address().toString()).containsExactly(
        "iam_role.replication", "s3_bucket.primary", "s3_bucket.replica_ap_southeast_1", "s3_replication.primary");
    h.apply(plan);
    assertThat(h.state().resources()).hasSize(4);
    assertThat(h.plan(Fixtures.workshop()).summary().add()).isEqualTo(4);
  }

  @Test
  void anUnknownTargetIsAClearError() {
    assertThatThrownBy(() -> h.plan(Fixtures.workshop()).targeted(Set.of(new Address("s3_bucket", "nope"))))
        .isInstanceOf(PlanException.class).hasMessageContaining("--target s3_bucket.nope is not in this plan")
        .hasMessageContaining("s3_bucket.primary");
  }
}
