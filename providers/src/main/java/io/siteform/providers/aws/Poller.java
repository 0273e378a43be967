package io.siteform.providers.aws;

import io.siteform.engine.event.Durations;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one bounded poll behind every wait and retry of the providers, as the hashicorp provider's
 * {@code retry.StateChangeConf} is behind theirs: look at once; while not done, report what is
 * awaited (when it changed, or {@link #SAY_AGAIN_AFTER} after it was last said) and look again
 * after a pause that doubles from the bound's first pause up to its longest, within a quarter of
 * the time waited so far or a second for most bounds ({@link Waits.Bound#pause(int, Duration)}),
 * and is never shorter than the look before it took (or, after a look that says when the next is
 * worth making, {@link Pending#idleFor}); at the bound's timeout look one last time, then give up.
 *
 * <p>Two uses share it. {@link #await} waits for AWS to finish something asynchronous (a
 * distribution deployed, a certificate issued) and gives up with a {@link ProviderException}
 * saying that AWS carries on and that running siteform again continues the wait. {@link
 * #retryWhen} repeats one call while AWS answers an error that eventual consistency clears (a
 * bucket created a moment ago answering {@code NoSuchBucket}), and gives up by throwing AWS's last
 * answer. An interrupt ends either at once, with the thread's interrupt flag kept.
 */
public final class Poller {
  /** Time as the poller sees it; tests pass one that moves only when slept. */
  public interface Clock {
    Clock SYSTEM = new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleep(Duration d) throws InterruptedException {
        Thread.sleep(Math.max(1, d.toMillis()));
      }
    };

    long nanoTime();

    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * How long a wait whose status has not changed goes before saying it again: looks come up to a
   * second apart early in a wait, and a CI log needs one line of "replica ...: 27/30 objects
   * current" per few seconds, not one per look. Shorter than the CLI's ten seconds without a line
   * before it prints "Still modifying..." without the status.
   */
  static final Duration SAY_AGAIN_AFTER = Duration.ofSeconds(5);

  private final Waits waits;
  private final Clock clock;

  public Poller(Waits waits) {
    this(waits, Clock.SYSTEM);
  }

  public Poller(Waits waits, Clock clock) {
    this.waits = Objects.requireNonNull(waits, "waits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The user's bounds (from {@code --wait-timeout}), for the waits a provider sizes from them. */
  public Waits waits() {
    return waits;
  }

  /** One look at AWS: {@link Done} with the result, or {@link Pending} saying what is awaited. */
  @FunctionalInterface
  public interface Check<T> {
    Outcome<T> look();
  }

  /** What one look found. */
  public sealed interface Outcome<T> permits Done, Pending {}

  /** Finished, with {@code value}. */
  public record Done<T>(T value) implements Outcome<T> {}

  /**
   * Not yet.
   *
   * @param status what is awaited, as a user reads it: "certificate arn:... is PENDING_VALIDATION"
   * @param advice what the user can check if the wait times out, or "" if nothing
   * @param idleFor null, or when the look itself knows the next one is worth making: it asked
   *     nothing yet (the replica wait's keys that S3 cannot yet have replicated), or what is left
   *     costs a fraction of what it just did (a few HeadObject calls after a listing). The next
   *     look comes then, not after the doubling pause or the look's own time, and the pauses do
   *     not grow for it
   */
  public record Pending<T>(String status, String advice, Duration idleFor) implements Outcome<T> {
    public Pending {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(advice, "advice");
      if (idleFor != null && idleFor.isNegative()) throw new IllegalArgumentException("idleFor must be >= 0");
    }

    public Pending(String status, String advice) {
      this(status, advice, null);
    }

    public Pending(String status) {
      this(status, "");
    }
  }

  public static <T> Outcome<T> done(T value) {
    return new Done<>(value);
  }

  public static <T> Outcome<T> pending(String status) {
    return new Pending<>(status);
  }

  public static <T> Outcome<T> pending(String status, String advice) {
    return new Pending<>(status, advice);
  }

  /** {@link Pending} with {@link Pending#idleFor}: the next look is worth making in {@code idleFor}. */
  public static <T> Outcome<T> idle(String status, Duration idleFor) {
    return new Pending<>(status, "", Objects.requireNonNull(idleFor, "idleFor"));
  }

  /** {@link #await(Address, String, Progress, Waits.Bound, Check)} within the user's wait ({@link Waits#status()}). */
  public <T> T await(Address address, Operation operation, Progress progress, Check<T> check) {
    return await(address, operation, progress, waits.status(), check);
  }

  /**
   * Looks until {@code check} is done and returns its value; past {@code bound} gives up with a
   * {@link ProviderException} naming what was awaited and that running siteform again continues.
   *
   * @param operation a timeout in a {@link Operation#DELETE} says destroy continues it too
   */
  public <T> T await(Address address, Operation operation, Progress progress, Waits.Bound bound, Check<T> check) {
    Outcome<T> last = poll(address, operation, progress, bound, check);
    if (last instanceof Done<T> done) return done.value();
    throw timedOut(address, operation, bound, (Pending<T>) last);
  }

  /**
   * The loop itself: the first {@link Done}, or the last {@link Pending} once {@code bound} has
   * run out, for a caller that does not fail when a wait runs out (the replica catch-up, which
   * AWS does not bound).
   */
  public <T> Outcome<T> poll(Address address, Operation operation, Progress progress, Waits.Bound bound, Check<T> check) {
    long start = clock.nanoTime();
    long timeout = bound.timeout().toNanos();
    // Looks that found something missing: the pauses double with them, not with idle ones.
    int misses = 0;
    String said = null;
    long saidAt = 0;
    for (;;) {
      long looked = clock.nanoTime();
      Outcome<T> outcome = check.look();
      if (outcome instanceof Done<T>) return outcome;
      Pending<T> pending = (Pending<T>) outcome;
      long now = clock.nanoTime();
      long elapsed = now - start;
      if (elapsed >= timeout) return pending;
      // The engine adds the step's elapsed time to each progress line: one clock per line. A
      // status said a moment ago is not said again at every look (a look a second, early on).
      if (!pending.status().equals(said) || now - saidAt >= SAY_AGAIN_AFTER.toNanos()) {
        progress.report(pending.status());
        said = pending.status();
        saidAt = now;
      }
      // A slow look (a listing of many pages) is not repeated back to back.
      Duration pause = pending.idleFor() != null ? pending.idleFor()
          : Waits.max(bound.pause(misses++, Duration.ofNanos(elapsed)), Duration.ofNanos(now - looked));
      Duration left = Duration.ofNanos(timeout - elapsed);
      try {
        clock.sleep(pause.compareTo(left) < 0 ? pause : left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(address.toString(), operation,
            "interrupted while waiting: " + pending.status(), null, null, e);
      }
    }
  }

  /**
   * Calls {@code call} until it succeeds, repeating it while it fails with an error {@code
   * transientFailure} accepts (AWS's eventual consistency: a name not yet visible, a resource
   * still in use) for at most {@code bound}; any other failure, and the same one past the bound, is
   * thrown as AWS answered it, for the caller to wrap.
   *
   * @param what what the retry waits for, as a user reads it ("bucket b to be visible in S3")
   */
  public <T> T retryWhen(Address address, Operation operation, Progress progress, Waits.Bound bound, String what,
      Predicate<SdkException> transientFailure, Supplier<T> call) {
    SdkException[] lastFailure = new SdkException[1];
    Outcome<T> last = poll(address, operation, progress, bound, () -> {
      try {
        return done(call.get());
      } catch (SdkException e) {
        if (!transientFailure.test(e)) throw e;
        lastFailure[0] = e;
        return pending("waiting for " + what + " (AWS answered " + AwsFailures.errorCode(e).orElse("an error") + ")");
      }
    });
    if (last instanceof Done<T> done) return done.value();
    throw lastFailure[0];
  }

  /** {@link #retryWhen} for a call whose answer is not needed. */
  public void retryWhen(Address address, Operation operation, Progress progress, Waits.Bound bound, String what,
      Predicate<SdkException> transientFailure, Runnable call) {
    retryWhen(address, operation, progress, bound, what, transientFailure, () -> {
      call.run();
      return Boolean.TRUE;
    });
  }

  private static ProviderException timedOut(Address address, Operation operation, Waits.Bound bound, Pending<?> pending) {
    String again = operation == Operation.DELETE ? "`siteform apply` or `siteform destroy`" : "`siteform apply`";
    StringBuilder m = new StringBuilder("gave up waiting after ").append(Durations.format(bound.timeout()))
        .append(": ").append(pending.status());
    if (!pending.advice().isEmpty()) m.append("; ").append(pending.advice());
    m.append(". AWS carries on without siteform: running ").append(again).append(" again continues the wait")
        .append(" (--wait-timeout sets how long one run waits)");
    return new ProviderException(address.toString(), operation, m.toString());
  }
}
