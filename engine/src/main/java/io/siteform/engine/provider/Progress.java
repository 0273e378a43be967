package io.siteform.engine.provider;

import java.time.Duration;

/**
 * Where a long-running call (a waiter) reports what it is waiting for, and how long each named
 * part of it took. The engine forwards both as events; providers never print.
 */
@FunctionalInterface
public interface Progress {
  Progress NONE = message -> {};

  void report(String message);

  /**
   * A named part of the call ended after {@code elapsed} ("uploads", "replica wait"), for the
   * run's phase breakdown ({@code --stats}); reported once per part, from any thread.
   */
  default void step(String name, Duration elapsed) {}
}
