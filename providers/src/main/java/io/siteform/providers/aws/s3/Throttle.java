package io.siteform.providers.aws.s3;

import io.siteform.engine.provider.Progress;
import java.time.Duration;
import java.util.function.Supplier;

/** Passes progress on at most once per interval, from any thread: uploads finish by the hundred per second. */
final class Throttle {
  private final Progress progress;
  private final long intervalNanos;
  private long last;
  private boolean reported;

  Throttle(Progress progress, Duration interval) {
    this.progress = progress;
    this.intervalNanos = interval.toNanos();
  }

  synchronized void report(Supplier<String> message) {
    long now = System.nanoTime();
    if (reported && now - last < intervalNanos) return;
    reported = true;
    last = now;
    progress.report(message.get());
  }

  /** Reports {@code message} now, whatever the interval: the last word on a finished step. */
  synchronized void finish(String message) {
    reported = true;
    last = System.nanoTime();
    progress.report(message);
  }
}
