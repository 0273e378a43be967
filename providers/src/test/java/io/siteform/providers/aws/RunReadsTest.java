package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The run's shared reads: each use takes an answer once, concurrent uses share one request, failures are not kept. */
class RunReadsTest {
  enum Use { A, B }

  private final RunReads<Use, String> reads = new RunReads<>(Use.class);
  private final AtomicInteger requests = new AtomicInteger();

  private String read() {
    return "answer " + requests.incrementAndGet();
  }

  @Test
  void twoUsesShareOneRequestAndASecondReadOfOneUseAsksAgain() {
    assertThat(reads.get(Use.A, "k", this::read)).isEqualTo("answer 1");
    assertThat(reads.get(Use.B, "k", this::read)).isEqualTo("answer 1");
    // The same use again (the next plan of a long-lived process): a fresh answer, shared with B once more.
    assertThat(reads.get(Use.A, "k", this::read)).isEqualTo("answer 2");
    assertThat(reads.get(Use.B, "k", this::read)).isEqualTo("answer 2");
    assertThat(reads.get(Use.A, "other", this::read)).isEqualTo("answer 3");
    assertThat(requests).hasValue(3);
  }

  /** A write forgets the answer: the use that has not had it yet must not get what was there before. */
  @Test
  void aForgottenAnswerIsAskedForAgain() {
    assertThat(reads.get(Use.A, "k", this::read)).isEqualTo("answer 1");
    reads.forget("k");
    assertThat(reads.get(Use.B, "k", this::read)).isEqualTo("answer 2");
  }

  @Test
  void whatARunWroteServesOnlyTheUsesItIsKeptFor() {
    reads.keep("k", "after the publish", Use.B);
    assertThat(reads.get(Use.A, "k", this::read)).isEqualTo("answer 1");
    reads.keep("k", "after the publish", Use.B);
    assertThat(reads.get(Use.B, "k", this::read)).isEqualTo("after the publish");
    assertThat(reads.get(Use.B, "k", this::read)).isEqualTo("answer 2");
  }

  @Test
  void usesAskingAtOnceWaitForTheOneRequestInFlight() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> a = pool.submit(() -> reads.get(Use.A, "k", () -> {
        started.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return read();
      }));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      Future<String> b = pool.submit(() -> reads.get(Use.B, "k", this::read));
      release.countDown();
      assertThat(List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS))).containsOnly("answer 1");
      assertThat(requests).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedReadIsNotKept() {
    List<String> calls = new ArrayList<>();
    assertThatThrownBy(() -> reads.get(Use.A, "k", () -> {
      calls.add("failed");
      throw new IllegalStateException("throttled");
    })).isInstanceOf(IllegalStateException.class).hasMessage("throttled");
    assertThat(reads.get(Use.B, "k", this::read)).isEqualTo("answer 1");
    assertThat(calls).hasSize(1);
  }
}
