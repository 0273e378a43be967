package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import org.junit.jupiter.api.Test;

/** A destroy run again after one that was interrupted ends with an empty state. */
class DestroyRerunTest {
  private final Harness h = new Harness();

  /** The first destroy deleted objects at AWS it never recorded (killed), then failed a step. */
  @Test
  void aDestroyAfterAnInterruptedOneRemovesTheEntriesOfObjectsAlreadyGone() throws Exception {
    h.apply(Fixtures.workshop());
    h.parallelism = 1;
    h.cloud.failOn = "delete s3_bucket.primary";
    Applier.Result first = h.destroy();
    assertThat(first.ok()).isFalse();
    // A kill between AWS's answer and the state write: gone at AWS, still in state.
    String gone = "s3_bucket.primary";
    assertThat(h.state().find(gone)).isPresent();
    h.cloud.objects.keySet().removeIf(k -> k.startsWith(gone + "#"));
    h.cloud.failOn = null;

    Plan again = h.planDestroy();
    assertThat(again.actions()).anySatisfy(c -> {
      assertThat(c.address().toString()).isEqualTo(gone);
      assertThat(c.action()).isEqualTo(Action.DELETE);
      assertThat(c.reason()).contains("it is already gone: only its entry in state is removed");
    });
    assertThat(h.destroy().ok()).isTrue();

    assertThat(h.state().resources()).isEmpty();
    assertThat(h.cloud.objects).isEmpty();
  }

  /** Every object is gone already: before, the plan said "No changes." and the entries stayed for good. */
  @Test
  void aDestroyWhoseObjectsAreAllGoneEmptiesTheState() throws Exception {
    h.apply(Fixtures.workshop());
    h.cloud.objects.clear();

    Applier.Result r = h.destroy();

    assertThat(r.ok()).isTrue();
    assertThat(h.state().resources()).isEmpty();
  }
}
