package io.siteform.state;

import java.util.Optional;

/**
 * Where the state document is kept. Implementations write atomically: a reader (or a crash) sees
 * either the previous document or the new one, never a mix.
 */
public interface StateBackend {

  /** Where the state lives, for messages: a path or an {@code s3://} URL. */
  String location();

  /** The stored state, or empty when none has been written yet. */
  Optional<State> read();

  /**
   * Takes the lock for {@code operation} (for example "apply"); fails at once with a {@link
   * io.siteform.error.StateException} naming the current holder when someone else has it.
   */
  StateLock lock(String operation);

  /**
   * Clears the lock whose id is {@code lockId} ({@code siteform force-unlock ID}), for a holder
   * that is gone without releasing it. Returns who held it ("by jane@laptop (pid 42) for apply
   * since ..."). Throws a {@link io.siteform.error.StateException} naming the holder when the
   * state is not locked, the id is another lock's, or the backend can tell the holder is alive.
   */
  String forceUnlock(String lockId);

  /** Persists {@code state} atomically; the caller holds the lock. */
  void write(State state);
}
