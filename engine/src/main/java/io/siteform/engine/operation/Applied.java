package io.siteform.engine.operation;

import io.siteform.engine.apply.Applier;
import io.siteform.state.State;
import java.util.Objects;

/**
 * What an apply (or a destroy) did.
 *
 * @param result the counts, the failures, what was not started, and what a failed state write
 *     left unrecorded
 * @param state the state as this run last recorded it
 */
public record Applied(Applier.Result result, State state) {
  public Applied {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(state, "state");
  }

  public boolean ok() {
    return result.ok();
  }
}
