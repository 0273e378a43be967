package io.siteform.providers.aws.cloudfront;

import io.siteform.engine.provider.Progress;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.Retrier;
import io.siteform.providers.aws.Waits;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Waits for a distribution to reach {@code Deployed}: CloudFront takes minutes to push a new
 * configuration to every edge location, and deleting a distribution needs its disable deployed
 * first. Polls after 1 s, 2 s, 4 s ... up to {@link Waits#pollInterval()} ({@link Waits#delay}), reports each status it sees, and gives up
 * after {@link Waits#timeout()} with a message saying that CloudFront carries on and that running
 * siteform again picks the wait up: nothing is lost, since the next run reads the distribution
 * back (or, for a create, finds it again by its CallerReference).
 */
final class DeploymentWaiter {
  static final String DEPLOYED = "Deployed";

  private final Waits waits;
  private final Retrier.Sleeper sleeper;
  private final LongSupplier nanoTime;

  DeploymentWaiter(Waits waits) {
    this(waits, Thread::sleep, System::nanoTime);
  }

  /** With the clock and sleep a unit test controls. */
  DeploymentWaiter(Waits waits, Retrier.Sleeper sleeper, LongSupplier nanoTime) {
    this.waits = Objects.requireNonNull(waits, "waits");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * Returns once {@code status} says Deployed.
   *
   * @param status reads the distribution's status (GetDistribution); its failures pass through
   * @param operation "create", "update" or "delete", for the error and the hint to resume
   */
  void await(Address address, String operation, String id, Supplier<String> status, Progress progress) {
    long start = nanoTime.getAsLong();
    long timeout = waits.timeout().toNanos();
    for (int attempt = 0; ; attempt++) {
      String now = status.get();
      Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
      progress.report("distribution " + id + " is " + now + " (" + format(elapsed) + " elapsed)");
      if (DEPLOYED.equalsIgnoreCase(now)) return;
      Duration pause = waits.delay(attempt);
      if (elapsed.toNanos() + pause.toNanos() > timeout) {
        throw new ProviderException(address.toString(), operation, "distribution " + id
            + " is still deploying in CloudFront (" + now + " after " + format(elapsed) + "); CloudFront "
            + "carries on by itself, and running " + resume(operation) + " again continues the wait");
      }
      try {
        sleeper.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(address.toString(), operation,
            "interrupted while waiting for distribution " + id + " to deploy", null, null, e);
      }
    }
  }

  private static String resume(String operation) {
    return "delete".equals(operation) ? "`siteform destroy` (or `siteform apply`)" : "`siteform apply`";
  }

  /** 45s, 1m20s, 32m0s: as the CLI prints elapsed times. */
  static String format(Duration d) {
    long s = d.toSeconds();
    return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
  }
}
