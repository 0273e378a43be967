package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import io.siteform.state.StateCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever instant a run is killed at, the state it leaves is the last one written: every state an
 * apply or destroy writes, in order, must be one the reader takes back unchanged.
 */
class EveryStateReadableTest {
  private final StateCodec codec = new StateCodec();

  @Test
  void everyStateAnApplyAndADestroyOfTheWholeSiteWriteReadsBack() throws Exception {
    Harness h = new Harness();
    h.parallelism = 1;
    var spec = Fixtures.withDomain(List.of("www.example.com"));

    assertThat(h.apply(spec).ok()).isTrue();
    assertThat(h.apply(h.planDestroy()).ok()).isTrue();

    List<State> writes = List.copyOf(h.backend.writes);
    // Creates in flight were among them: a token recorded before each tokened create.
    assertThat(writes).anySatisfy(s -> assertThat(s.resources()).anyMatch(ResourceState::isCreating));
    assertThat(writes.get(writes.size() - 1).resources()).isEmpty();
    for (int i = 0; i < writes.size(); i++) {
      State written = writes.get(i);
      assertThat(codec.fromJson(codec.toJson(written), "write " + i)).as("write %d", i).isEqualTo(written);
    }
  }

  @Test
  void aCreateThatFailedLeavesAReadableStateThatTheNextApplyFinishes() throws Exception {
    Harness h = new Harness();
    var spec = Fixtures.withDomain(List.of("www.example.com"));
    h.cloud.failOn = "create acm_certificate.site";

    assertThat(h.apply(spec).ok()).isFalse();
    State left = h.state();
    assertThat(left.find("acm_certificate.site")).hasValueSatisfying(r -> assertThat(r.isCreating()).isTrue());
    assertThat(codec.fromJson(codec.toJson(left), "left")).isEqualTo(left);
    Object token = left.find("acm_certificate.site").orElseThrow().attributes().get("idempotency_token");

    h.cloud.failOn = null;
    assertThat(h.apply(spec).ok()).isTrue();
    assertThat(h.state().resources()).noneMatch(ResourceState::isCreating);
    // The resumed create sent the recorded token, so AWS would answer with what it made.
    assertThat(h.state().find("acm_certificate.site").orElseThrow().id()).endsWith("-" + token);
  }
}
