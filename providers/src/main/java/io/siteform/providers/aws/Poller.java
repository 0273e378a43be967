package io.siteform.providers.aws;

import io.siteform.engine.provider.Progress;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import java.time.Duration;
import java.util.Objects;

/**
 * Waits, within {@link Waits}, for AWS to finish something asynchronous: looks, and while it is
 * not done reports a progress line ("certificate arn:... is PENDING_VALIDATION (40s elapsed)")
 * and looks again after the poll interval. Past the timeout it gives up with a {@link
 * ProviderException} that says what it was waiting for and that running siteform again continues
 * the wait: AWS carries on without us, so giving up loses nothing.
 */
public final class Poller {
  private final Waits waits;

  public Poller(Waits waits) {
    this.waits = Objects.requireNonNull(waits, "waits");
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
   */
  public record Pending<T>(String status, String advice) implements Outcome<T> {
    public Pending {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(advice, "advice");
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

  /**
   * Looks until {@code check} is done; between two looks (1 s, 2 s, 4 s ... up to the poll interval) reports the
   * pending status with the time elapsed. Looks once more at the timeout before giving up.
   *
   * @param operation "create", "delete", ...: a timeout in a delete says destroy continues it too
   */
  public <T> T await(Address address, String operation, Progress progress, Check<T> check) {
    long start = System.nanoTime();
    long timeout = waits.timeout().toNanos();
    for (int attempt = 0; ; attempt++) {
      long interval = waits.delay(attempt).toNanos();
      Outcome<T> outcome = check.look();
      if (outcome instanceof Done<T> done) return done.value();
      Pending<T> pending = (Pending<T>) outcome;
      long elapsed = System.nanoTime() - start;
      if (elapsed >= timeout) throw timedOut(address, operation, pending);
      progress.report(pending.status() + " (" + Duration.ofNanos(elapsed).toSeconds() + "s elapsed)");
      try {
        Thread.sleep(Duration.ofNanos(Math.min(interval, timeout - elapsed)).toMillis() + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(address.toString(), operation,
            "interrupted while waiting: " + pending.status(), null, null, e);
      }
    }
  }

  private ProviderException timedOut(Address address, String operation, Pending<?> pending) {
    String again = operation.equals("delete") ? "`siteform apply` or `siteform destroy`" : "`siteform apply`";
    StringBuilder m = new StringBuilder("gave up waiting after ").append(human(waits.timeout()))
        .append(": ").append(pending.status());
    if (!pending.advice().isEmpty()) m.append("; ").append(pending.advice());
    m.append(". AWS carries on without siteform: running ").append(again).append(" again continues the wait")
        .append(" (--wait-timeout sets how long one run waits)");
    return new ProviderException(address.toString(), operation, m.toString());
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) return s + "s";
    return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
  }
}
