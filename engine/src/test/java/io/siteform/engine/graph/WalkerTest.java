package io.siteform.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.junit.jupiter.api.Test;

class WalkerTest {
  private static DirectedAcyclicGraph<String, DefaultEdge> graph(String... edges) {
    DirectedAcyclicGraph<String, DefaultEdge> g = new DirectedAcyclicGraph<>(DefaultEdge.class);
    for (String e : edges) {
      String[] p = e.split(">");
      g.addVertex(p[0]);
      if (p.length > 1) {
        g.addVertex(p[1]);
        g.addEdge(p[0], p[1]);
      }
    }
    return g;
  }

  @Test
  void runsDependenciesFirstAndSeriallyInStableOrderWithParallelismOne() throws Exception {
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    var r = new Walker<String>(1, Comparator.naturalOrder()).walk(graph("b>d", "a>d", "d>e", "c"), order::add);
    assertThat(order).containsExactly("a", "b", "c", "d", "e");
    assertThat(r.ok()).isTrue();
  }

  @Test
  void runsIndependentVerticesAtTheSameTime() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    var r = new Walker<String>(2, Comparator.naturalOrder()).walk(graph("a", "b"), v -> {
      both.countDown();
      try {
        // Each waits for the other: only passes if both run at once.
        if (!both.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("not parallel");
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(r.completed()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void neverRunsMoreThanTheBound() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    new Walker<String>(2, Comparator.naturalOrder()).walk(graph("a", "b", "c", "d", "e", "f"), v -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      running.decrementAndGet();
    });
    assertThat(most.get()).isEqualTo(2);
  }

  @Test
  void aFailureSkipsItsDependentsButNotIndependentBranches() throws Exception {
    var r = new Walker<String>(1, Comparator.naturalOrder()).walk(graph("a>b", "b>c", "x>y"), v -> {
      if (v.equals("a")) throw new IllegalStateException("boom");
    });
    assertThat(r.failed()).containsOnlyKeys("a");
    assertThat(r.skipped()).containsExactlyInAnyOrder("b", "c");
    assertThat(r.completed()).containsExactlyInAnyOrder("x", "y");
  }

  @Test
  void cancelStopsStartingNewWork() throws Exception {
    Walker<String> w = new Walker<String>(1, Comparator.<String>naturalOrder());
    var r = w.walk(graph("a>b", "b>c"), v -> {
      if (v.equals("a")) w.cancel();
    });
    assertThat(r.completed()).containsExactly("a");
    assertThat(r.skipped()).containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void abortInterruptsTheRunningTasksAndStartsNothingNew() throws Exception {
    Walker<String> walker = new Walker<String>(2, Comparator.naturalOrder());
    CountDownLatch waiting = new CountDownLatch(1);
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    Thread aborter = new Thread(() -> {
      try {
        waiting.await();
        walker.abort();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    aborter.start();
    var r = walker.walk(graph("a>b"), v -> {
      ran.add(v);
      waiting.countDown();
      try {
        Thread.sleep(60_000); // a long wait, as for a distribution to deploy
      } catch (InterruptedException e) {
        throw new IllegalStateException("interrupted while waiting", e);
      }
    });
    aborter.join();
    assertThat(ran).containsExactly("a");
    assertThat(r.failed()).containsOnlyKeys("a");
    assertThat(r.skipped()).containsExactly("b");
    assertThat(walker.isCancelled()).isTrue();
  }
}
