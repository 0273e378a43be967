package io.siteform.engine.apply;

import io.siteform.state.ResourceState;
import io.siteform.state.State;
import io.siteform.state.StateBackend;

/**
 * The one writer of state during an apply: every completed step is persisted at once, so a
 * killed apply loses nothing. Each write bumps the serial.
 */
public final class StateRecorder {
  private final StateBackend backend;
  private State state;

  public StateRecorder(StateBackend backend, State initial) {
    this.backend = backend;
    this.state = initial;
  }

  public synchronized State current() {
    return state;
  }

  public synchronized void put(ResourceState resource) {
    commit(state.with(resource));
  }

  public synchronized void remove(String address) {
    if (state.find(address).isPresent()) commit(state.without(address));
  }

  private void commit(State next) {
    // The serial counts real changes only: re-recording an identical object writes nothing.
    if (next.resources().equals(state.resources())) return;
    State numbered = next.withSerial(state.serial() + 1);
    backend.write(numbered);
    state = numbered;
  }
}
