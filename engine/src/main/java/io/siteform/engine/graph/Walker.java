package io.siteform.engine.graph;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.DepthFirstIterator;

/**
 * Runs a task for every vertex of a DAG: a vertex starts when all its predecessors succeeded, at
 * most {@code parallelism} at once. A failure skips everything downstream of it; independent
 * branches go on, and every error is collected. {@link #cancel()} stops starting new vertices and
 * lets running ones finish. With parallelism 1 vertices run one at a time in a stable order, for
 * deterministic debugging.
 */
public final class Walker<V> {
  private final int parallelism;
  private final Comparator<V> order;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  public Walker(int parallelism, Comparator<V> order) {
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
    this.parallelism = parallelism;
    this.order = order;
  }

  /** Stops starting new vertices; those running finish. */
  public void cancel() {
    cancelled.set(true);
  }

  /**
   * Stops starting new vertices and interrupts the running ones' threads, so that their waits end
   * now; each task decides what an interrupt means to it.
   */
  public void abort() {
    cancelled.set(true);
    busy.forEach(Thread::interrupt);
  }

  private final Set<Thread> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public boolean isCancelled() {
    return cancelled.get();
  }

  /** What happened to every vertex. */
  public record Result<V>(Set<V> completed, Map<V, Throwable> failed, Set<V> skipped) {
    public boolean ok() {
      return failed.isEmpty() && skipped.isEmpty();
    }
  }

  private record Done<V>(V vertex, Throwable error) {}

  public Result<V> walk(Graph<V, DefaultEdge> dag, Consumer<V> task) throws InterruptedException {
    Map<V, Integer> pending = new HashMap<>();
    PriorityQueue<V> ready = new PriorityQueue<>(order);
    for (V v : dag.vertexSet()) {
      int n = dag.inDegreeOf(v);
      pending.put(v, n);
      if (n == 0) ready.add(v);
    }
    Set<V> completed = new LinkedHashSet<>();
    Map<V, Throwable> failed = new LinkedHashMap<>();
    Set<V> skipped = new LinkedHashSet<>();
    LinkedBlockingQueue<Done<V>> done = new LinkedBlockingQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "siteform-walker");
      t.setDaemon(true);
      return t;
    });
    int running = 0;
    try {
      while (true) {
        while (!ready.isEmpty() && running < parallelism && !cancelled.get()) {
          V v = ready.poll();
          running++;
          pool.execute(() -> {
            busy.add(Thread.currentThread());
            Throwable error = null;
            try {
              task.accept(v);
            } catch (Throwable t) {
              error = t;
            } finally {
              busy.remove(Thread.currentThread());
              Thread.interrupted(); // an abort's interrupt ends with its task
            }
            done.add(new Done<>(v, error));
          });
        }
        if (running == 0) break;
        Done<V> d = done.take();
        running--;
        if (d.error() == null) {
          completed.add(d.vertex());
          for (DefaultEdge e : dag.outgoingEdgesOf(d.vertex())) {
            V next = dag.getEdgeTarget(e);
            if (pending.merge(next, -1, Integer::sum) == 0 && !skipped.contains(next)) ready.add(next);
          }
        } else {
          failed.put(d.vertex(), d.error());
          new DepthFirstIterator<>(dag, d.vertex()).forEachRemaining(skipped::add);
          skipped.remove(d.vertex());
          ready.removeAll(skipped);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    for (V v : dag.vertexSet()) {
      if (!completed.contains(v) && !failed.containsKey(v)) skipped.add(v);
    }
    return new Result<>(completed, failed, skipped);
  }
}
