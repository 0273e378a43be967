package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

/** Real SIGINTs, raised in this JVM while the trap is installed: first stops, second exits. */
class InterruptTrapTest {
  @Test
  void theFirstCtrlCStopsAndTheSecondExits() throws Exception {
    AtomicInteger stops = new AtomicInteger();
    AtomicInteger exits = new AtomicInteger();
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(1);
    try (InterruptTrap trap = InterruptTrap.install(() -> {
      stops.incrementAndGet();
      first.countDown();
    }, () -> {
      exits.incrementAndGet();
      second.countDown();
    })) {
      assertThat(trap.interrupted()).isFalse();
      Signal.raise(new Signal("INT"));
      assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(trap.interrupted()).isTrue();
      Signal.raise(new Signal("INT"));
      assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(stops).hasValue(1);
    assertThat(exits).hasValue(1);
  }
}
