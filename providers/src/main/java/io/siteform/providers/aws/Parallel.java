package io.siteform.providers.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Many small independent AWS calls (HeadObject, CopyObject, GetInvalidation) at once: their time
 * is network latency, so a handful of threads make a 2,000-file site take seconds rather than minutes.
 */
public final class Parallel {
  public static final int THREADS = 8;

  private Parallel() {}

  /** The result of a call running on another thread; its failure rethrown as it was thrown. */
  public static <R> R await(Future<R> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** What a call returned, or the RuntimeException it threw; {@link #get} gives it back as it came. */
  public record Attempt<T>(T value, RuntimeException failure) {
    public T get() {
      if (failure != null) throw failure;
      return value;
    }

    static <T> Attempt<T> of(Supplier<T> call) {
      try {
        return new Attempt<>(call.get(), null);
      } catch (RuntimeException e) {
        return new Attempt<>(null, e);
      }
    }
  }

  /** Two outcomes of {@link #both}. */
  public record Both<A, B>(Attempt<A> first, Attempt<B> second) {}

  /**
   * {@code first} and {@code second} at once, each one's outcome kept, failure included: for a read
   * whose second answer counts only once the first has said it may (where a bucket is, whether a
   * distribution exists), asked together so they take one round trip rather than two.
   */
  public static <A, B> Both<A, B> both(Supplier<A> first, Supplier<B> second) {
    List<Attempt<?>> out = map(List.<Supplier<?>>of(first, second), call -> Attempt.of(call));
    @SuppressWarnings("unchecked")
    Both<A, B> both = new Both<>((Attempt<A>) out.get(0), (Attempt<B>) out.get(1));
    return both;
  }

  /** {@code fn} of every item, in the items' order; the first failure is rethrown once all have run. */
  public static <T, R> List<R> map(Collection<T> items, Function<T, R> fn) {
    return map(items, THREADS, fn);
  }

  /**
   * {@link #map} on up to {@code threads} threads: for one round of calls that should all be in
   * flight at once (the replica wait's HeadObjects, as many as the connection pool holds).
   */
  public static <T, R> List<R> map(Collection<T> items, int threads, Function<T, R> fn) {
    if (items.size() <= 1) return items.stream().map(fn).toList();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(Math.max(1, threads), items.size()), r -> {
      Thread t = new Thread(r, "siteform-aws");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) futures.add(pool.submit(() -> fn.apply(item)));
      List<R> out = new ArrayList<>();
      RuntimeException first = null;
      for (Future<R> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          }
        }
      }
      if (first != null) throw first;
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
