package io.siteform.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during apply, and SIGTERM (what CI runners and {@code kill} send) alike: the first
 * stops starting new work (running AWS calls finish and are recorded in state), the second stops
 * the running ones too and exits once state holds what AWS has returned. Either signal counts
 * towards the other. At the confirmation prompt either cancels (ApplyRunner). Elsewhere both
 * keep the JVM's default behaviour.
 */
final class InterruptTrap implements AutoCloseable {
  /** The signals handled, as the user knows them. */
  static final List<String> SIGNALS = List.of("INT", "TERM");

  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
  private final AtomicInteger count = new AtomicInteger();

  private InterruptTrap(Consumer<String> first, Consumer<String> second) {
    for (String name : SIGNALS) {
      try {
        Signal signal = new Signal(name);
        previous.put(signal, Signal.handle(signal, sig -> {
          // Each signal runs on a thread of its own: the second may arrive while the first is handled.
          if (count.incrementAndGet() == 1) first.accept(describe(sig.getName()));
          else second.accept(describe(sig.getName()));
        }));
      } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
        // No such signal on this platform or JVM (or the JVM keeps it): it keeps its default meaning.
      }
    }
  }

  /** {@code first} and {@code second} get what was received: "Interrupt" or "SIGTERM". */
  static InterruptTrap install(Consumer<String> first, Consumer<String> second) {
    return new InterruptTrap(first, second);
  }

  static InterruptTrap install(Runnable first, Runnable second) {
    return new InterruptTrap(s -> first.run(), s -> second.run());
  }

  private static String describe(String signal) {
    return signal.equals("INT") ? "Interrupt" : "SIG" + signal;
  }

  boolean interrupted() {
    return count.get() > 0;
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
