package io.siteform.engine.testing;

import io.siteform.state.State;
import io.siteform.state.StateBackend;
import io.siteform.state.StateLock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A state backend in memory that keeps every write, to check what was recorded when. */
public final class MemoryBackend implements StateBackend {
  public final List<State> writes = Collections.synchronizedList(new ArrayList<>());

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public Optional<State> read() {
    synchronized (writes) {
      return writes.isEmpty() ? Optional.empty() : Optional.of(writes.get(writes.size() - 1));
    }
  }

  @Override
  public StateLock lock(String operation) {
    return () -> {};
  }

  @Override
  public String forceUnlock(String lockId) {
    throw new UnsupportedOperationException("a memory backend's lock is never left behind");
  }

  /** How many more writes succeed before every one fails like a full disk; negative: no limit. */
  public final java.util.concurrent.atomic.AtomicInteger writesLeft = new java.util.concurrent.atomic.AtomicInteger(-1);

  @Override
  public void write(State state) {
    if (writesLeft.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
      throw new io.siteform.error.StateException("memory", "could not write the state: No space left on device");
    }
    writes.add(state);
  }
}
