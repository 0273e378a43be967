package io.siteform.providers.aws;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Reads of one run that more than one resource needs, made once (issue 14: at most two AWS
 * requests per managed resource in a no-change plan): the primary bucket's listing that
 * {@code site_content}, {@code site_content_removal} and the publish all start from, the
 * certificate that {@code acm_certificate} and its validation both describe. Providers that share
 * an instance are built together, one set per run ({@link AwsProviders}).
 *
 * <p>An answer serves each use (a value of {@code U}) at most once: a second read of the same
 * kind (the next plan of a long-lived process, a test that changed AWS in between) asks AWS
 * afresh, and so does any use once the answer is older than {@link #REUSE} (an apply confirmed at
 * a prompt long after its plan). Uses that ask at the same moment wait for the one request in
 * flight; a failed request is not kept.
 *
 * @param <U> who uses an answer
 * @param <V> the answer
 */
public final class RunReads<U extends Enum<U>, V> {
  public static final Duration REUSE = Duration.ofSeconds(60);

  private final class Kept {
    final CompletableFuture<V> answer;
    final long at = System.nanoTime();
    final Set<U> used;

    Kept(CompletableFuture<V> answer, Set<U> used) {
      this.answer = answer;
      this.used = used;
    }
  }

  private final Class<U> uses;
  private final ConcurrentMap<String, Kept> kept = new ConcurrentHashMap<>();

  public RunReads(Class<U> uses) {
    this.uses = Objects.requireNonNull(uses, "uses");
  }

  /** The answer for {@code key} this use has not had yet and that is young enough, else {@code read}'s. */
  public V get(U use, String key, Supplier<V> read) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    Kept k = kept.compute(key, (x, old) -> {
      // compute runs one caller at a time per key: the set is only changed here.
      if (old != null && System.nanoTime() - old.at <= REUSE.toNanos() && old.used.add(use)) return old;
      return new Kept(mine, EnumSet.of(use));
    });
    if (k.answer == mine) {
      try {
        mine.complete(read.get());
      } catch (RuntimeException e) {
        kept.remove(key, k);
        mine.completeExceptionally(e);
      }
    }
    try {
      return k.answer.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /** Drops what was read for {@code key}: this run is changing it, so no use may take the old answer. */
  public void forget(String key) {
    kept.remove(key);
  }

  /** {@code answer} as AWS has it after this run changed it, for the uses in {@code unused} only. */
  @SafeVarargs
  public final void keep(String key, V answer, U... unused) {
    Set<U> used = EnumSet.allOf(uses);
    for (U u : unused) used.remove(u);
    kept.put(key, new Kept(CompletableFuture.completedFuture(answer), used));
  }
}
