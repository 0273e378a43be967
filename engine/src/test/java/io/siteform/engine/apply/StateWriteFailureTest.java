package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import io.siteform.error.StateException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A state write that truly fails (a full disk, the S3 backend's conflict) stops the apply: nothing
 * new starts, and the result says what AWS holds that the stored state does not.
 */
class StateWriteFailureTest {
  @Test
  void aFailedWriteStartsNothingNewAndNamesWhatWasDoneButNotRecorded() throws Exception {
    Harness h = new Harness();
    h.parallelism = 1;
    // Serially: the first create's intent and result, then the second's intent land; the write of
    // the second's result, made in AWS, fails.
    h.backend.writesLeft.set(3);

    Applier.Result r = h.apply(Fixtures.workshop());

    assertThat(r.ok()).isFalse();
    assertThat(r.stateWriteFailed()).isTrue();
    assertThat(r.cancelled()).isTrue();
    String second = h.cloud.calls.get(1).substring("create ".length());
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.step().toString()).isEqualTo("create " + second);
      assertThat(f.error()).isInstanceOf(StateException.class).hasMessageContaining("No space left on device");
    });
    // Nothing started after the failure.
    assertThat(h.cloud.calls).hasSize(2);
    assertThat(r.skipped()).hasSize(6);
    assertThat(r.unrecorded()).singleElement().satisfies(u -> {
      assertThat(u.address()).isEqualTo(second);
      assertThat(u.what()).startsWith("created, id ");
    });
    // What was stored is readable and shows the second create in flight, by its name.
    assertThat(h.state().find(second)).hasValueSatisfying(x -> assertThat(x.isCreating()).isTrue());

    h.backend.writesLeft.set(-1);
    assertThat(h.apply(Fixtures.workshop()).ok()).isTrue();
    assertThat(h.plan(Fixtures.workshop()).hasChanges()).isFalse();
  }

  @Test
  void aFailedIntentWriteSendsNoCreateAndReportsNothingDone() throws Exception {
    Harness h = new Harness();
    h.parallelism = 1;
    h.backend.writesLeft.set(0);

    Applier.Result r = h.apply(Fixtures.workshop());

    assertThat(r.stateWriteFailed()).isTrue();
    assertThat(h.cloud.calls).isEmpty();
    assertThat(r.unrecorded()).isEqualTo(List.of());
  }
}
