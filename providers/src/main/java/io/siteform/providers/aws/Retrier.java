package io.siteform.providers.aws;

import io.siteform.engine.provider.Progress;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Retries one call while AWS reports a condition that eventual consistency will clear (a new IAM
 * role not yet visible to S3), with exponential backoff up to a deadline, reporting each wait.
 * Any other failure, or the same one past the deadline, is thrown as is.
 */
public final class Retrier {
  private final Duration deadline;
  private final Duration firstDelay;
  private final Duration maxDelay;
  private final Sleeper sleeper;

  public Retrier(Duration deadline, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {
    this.deadline = deadline;
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
    this.sleeper = sleeper;
  }

  /** Up to 60 s: 1 s, 2 s, 4 s, 8 s, then every 10 s. */
  public static Retrier eventualConsistency() {
    return new Retrier(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(10), Thread::sleep);
  }

  /**
   * @param what what the wait is for, as a user reads it ("IAM role r to be usable by S3")
   */
  public <T> T call(
      Supplier<T> call, Predicate<SdkException> transientFailure, String what, Progress progress) {
    long waited = 0;
    long delay = firstDelay.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (SdkException e) {
        if (!transientFailure.test(e) || waited + delay > deadline.toMillis()) throw e;
        progress.report("waiting for " + what + " (attempt " + attempt + ", retrying in " + delay / 1000.0 + " s)");
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        waited += delay;
        delay = Math.min(delay * 2, maxDelay.toMillis());
      }
    }
  }

  /** How a retry waits; tests pass one that does not. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }
}
