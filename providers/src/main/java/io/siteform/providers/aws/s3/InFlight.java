package io.siteform.providers.aws.s3;

import io.siteform.engine.provider.Checkpoint;
import io.siteform.engine.provider.LiveResource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A publish's record of the files it is about to write ({@link SiteContentProvider#PENDING}),
 * handed to the engine's checkpoint once the uploads have run for {@link #AFTER}, on a thread of
 * its own, beside them. The record is a whole state write (the state holds every file, its
 * version and the releases), so a publish that is done sooner, a re-publish of a few edits, makes
 * none: a run killed in that first moment leaves the next plan overstating the uploads by that
 * moment's, and the next apply still writes only what is missing (it asks the bucket). A publish
 * that fails records it at once. What the publish finally records always comes after it.
 */
final class InFlight {
  /** How long the uploads run before the record is written: longer than a re-publish's few PUTs take. */
  static final Duration AFTER = Duration.ofMillis(500);

  private static final int SCHEDULED = 0;
  private static final int WRITING = 1;
  private static final int CANCELLED = 2;
  private static final InFlight NOTHING = new InFlight(null, null);

  private final Checkpoint checkpoint;
  private final LiveResource sofar;
  private final AtomicInteger state = new AtomicInteger(SCHEDULED);
  private final CompletableFuture<Void> written = new CompletableFuture<>();

  private InFlight(Checkpoint checkpoint, LiveResource sofar) {
    this.checkpoint = checkpoint;
    this.sofar = sofar;
  }

  /** Schedules {@code attributes} as object {@code id} part-way, unless they name nothing pending. */
  static InFlight record(Checkpoint checkpoint, String id, Map<String, Object> attributes, Duration after) {
    if (!(attributes.get(SiteContentProvider.PENDING) instanceof Map<?, ?> pending) || pending.isEmpty()) return NOTHING;
    InFlight f = new InFlight(checkpoint, new LiveResource(id, attributes));
    Executor thread = task -> {
      Thread t = new Thread(task, "siteform-content-in-flight");
      t.setDaemon(true);
      t.start();
    };
    CompletableFuture.delayedExecutor(after.toMillis(), TimeUnit.MILLISECONDS, thread).execute(f::write);
    return f;
  }

  private void write() {
    if (!state.compareAndSet(SCHEDULED, WRITING)) return;
    try {
      checkpoint.reached(sofar);
      written.complete(null);
    } catch (RuntimeException e) {
      written.completeExceptionally(e);
    }
  }

  /** The publish wrote everything: the record is not made, or, if it is being made, awaited; a failed write fails the publish. */
  void done() {
    if (this == NOTHING || state.compareAndSet(SCHEDULED, CANCELLED)) return;
    try {
      written.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /** The publish failed with {@code failure}: the record is made now if it was not, so the next plan reads what got written. */
  void failed(RuntimeException failure) {
    if (this == NOTHING) return;
    write();
    try {
      written.join();
    } catch (CompletionException e) {
      failure.addSuppressed(e.getCause());
    }
  }
}
