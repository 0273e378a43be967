package io.siteform.providers.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How long providers wait for AWS to finish something asynchronous — a distribution to reach
 * {@code Deployed}, a certificate to be {@code ISSUED} — and how often they look. Set from the
 * CLI's {@code --wait-timeout}; tests shorten the interval.
 *
 * @param timeout the longest a single wait lasts before the provider gives up with a message that
 *     running apply again continues the wait
 * @param pollInterval the longest pause between two reads of the status; the first reads come
 *     sooner (see {@link #delay}), since moto, and often AWS, finish within seconds
 */
public record Waits(Duration timeout, Duration pollInterval) {
  /** 30 minutes, polling every 10 seconds: CloudFront usually deploys in 3 to 15 minutes. */
  public static final Waits DEFAULTS = new Waits(Duration.ofMinutes(30), Duration.ofSeconds(10));

  public Waits {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
  }

  /** The pause before read number {@code attempt} (from 0): 1 s, 2 s, 4 s, ... capped at {@link #pollInterval}. */
  public Duration delay(int attempt) {
    Duration d = Duration.ofSeconds(1L << Math.min(attempt, 10));
    return d.compareTo(pollInterval) < 0 ? d : pollInterval;
  }
}
