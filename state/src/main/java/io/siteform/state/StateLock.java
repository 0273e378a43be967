package io.siteform.state;

import java.util.Optional;

/** A held state lock; closing releases it. */
public interface StateLock extends AutoCloseable {
  @Override
  void close();

  /**
   * What the user should be told about how this lock was taken, or empty: "took over the lock
   * left by jane@laptop (pid 42) for apply since ..., a run that is no longer running". The state
   * module never prints; the command that took the lock shows it.
   */
  default Optional<String> notice() {
    return Optional.empty();
  }
}
