package io.siteform.providers.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Poller.Clock} whose time moves only when the poller sleeps: waits run instantly, pauses are recorded. */
public final class FakeClock implements Poller.Clock {
  private long now;
  private final List<Duration> pauses = new ArrayList<>();

  /** A poller within {@code waits} that never really sleeps. */
  public static Poller instant(Waits waits) {
    return new Poller(waits, new FakeClock());
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration d) {
    pauses.add(d);
    now += d.toNanos();
  }

  /** Time passing outside a pause: a look that takes {@code d}. */
  public synchronized void advance(Duration d) {
    now += d.toNanos();
  }

  /** Every pause the poller took, in order. */
  public synchronized List<Duration> pauses() {
    return List.copyOf(pauses);
  }
}
