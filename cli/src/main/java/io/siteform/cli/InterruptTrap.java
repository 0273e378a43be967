package io.siteform.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during apply: the first stops starting new work (running AWS calls finish and are
 * recorded in state), the second exits at once — state is already safe, written after every
 * completed resource. Outside apply, Ctrl-C keeps the JVM's default behaviour.
 */
final class InterruptTrap implements AutoCloseable {
  private final SignalHandler previous;
  private final AtomicInteger count = new AtomicInteger();

  private InterruptTrap(Runnable first, Runnable second) {
    SignalHandler installed = null;
    try {
      installed = Signal.handle(new Signal("INT"), sig -> {
        if (count.incrementAndGet() == 1) first.run();
        else second.run();
      });
    } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
      // No SIGINT on this platform or JVM: Ctrl-C keeps its default meaning.
    }
    this.previous = installed;
  }

  static InterruptTrap install(Runnable first, Runnable second) {
    return new InterruptTrap(first, second);
  }

  boolean interrupted() {
    return count.get() > 0;
  }

  @Override
  public void close() {
    if (previous != null) Signal.handle(new Signal("INT"), previous);
  }
}
