package io.siteform.engine.provider;

/**
 * Where a long-running call (a waiter) reports what it is waiting for. The engine forwards it as
 * an event; providers never print.
 */
@FunctionalInterface
public interface Progress {
  Progress NONE = message -> {};

  void report(String message);
}
