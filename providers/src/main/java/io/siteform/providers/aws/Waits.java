package io.siteform.providers.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How long providers wait for AWS, and how often they look: the user's bound on the slow,
 * asynchronous things (a distribution reaching {@code Deployed}, a certificate {@code ISSUED},
 * replicas catching up), set from {@code --wait-timeout}, and the named bounds of the retries
 * that ride out AWS's eventual consistency, as the hashicorp provider names its own
 * ({@code bucketPropagationTimeout}, {@code propagationTimeout}).
 *
 * @param timeout the longest a single status wait lasts before the provider gives up with a
 *     message that running apply again continues the wait
 * @param pollInterval the longest pause between two looks at a status; the first looks come
 *     sooner (see {@link Bound#pause}), since moto, and often AWS, finish within seconds
 */
public record Waits(Duration timeout, Duration pollInterval) {
  /** 30 minutes, polling every 10 seconds at most: CloudFront usually deploys in 3 to 15 minutes. */
  public static final Waits DEFAULTS = new Waits(Duration.ofMinutes(30), Duration.ofSeconds(10));

  /** The first pause of every wait: most of AWS's eventual consistency clears within a second. */
  static final Duration FIRST_PAUSE = Duration.ofMillis(250);

  /** The first pause of a {@link #brisk} wait. */
  static final Duration BRISK_PAUSE = Duration.ofMillis(100);

  /**
   * A bucket's configuration calls right after CreateBucket ({@code NoSuchBucket}), CreateBucket
   * of a name just deleted ({@code OperationAborted}), replication right after versioning: the
   * hashicorp provider retries these for two minutes ({@code s3/bucket.go}).
   */
  public static final Bound BUCKET_PROPAGATION = new Bound(Duration.ofMinutes(2), FIRST_PAUSE, Duration.ofSeconds(5));

  /** An IAM role just created, or its policy just deleted, as seen by IAM and by S3 ({@code iam/role.go}). */
  public static final Bound ROLE_PROPAGATION = new Bound(Duration.ofMinutes(2), FIRST_PAUSE, Duration.ofSeconds(5));

  /**
   * A certificate ACM has just requested or issued, as seen by ACM's reads and by CloudFront
   * ({@code cloudfront/distribution.go} retries {@code InvalidViewerCertificate} for a minute).
   */
  public static final Bound CERTIFICATE_PROPAGATION =
      new Bound(Duration.ofMinutes(1), FIRST_PAUSE, Duration.ofSeconds(5));

  /** A write that lost a race for an ETag ({@code PreconditionFailed}): read again and rewrite. */
  public static final Bound CONCURRENT_MODIFICATION =
      new Bound(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(5));

  /**
   * A conditional PutObject racing another conditional operation on its key: S3 answers 409
   * {@code ConditionalRequestConflict}, to be retried
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html).
   */
  public static final Bound CONDITIONAL_WRITE_CONFLICT =
      new Bound(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(5));

  public Waits {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
  }

  /** The user's bound on a status wait: {@link #timeout}, pauses from 250 ms up to {@link #pollInterval}, prompt. */
  public Bound status() {
    return pausingFrom(FIRST_PAUSE);
  }

  /**
   * The user's bound on a wait whose looks are small and whose answer usually comes within a
   * second (a replica holding the few files a re-publish wrote: a HeadObject each, and only of the
   * keys S3 may have replicated by then): pauses from 100 ms up to {@link #pollInterval}, prompt.
   */
  public Bound brisk() {
    return pausingFrom(BRISK_PAUSE);
  }

  /**
   * {@link #timeout}, pauses from {@code first} (or {@link #pollInterval} if that is shorter) up to
   * {@link #pollInterval}.
   */
  private Bound pausingFrom(Duration first) {
    return new Bound(timeout, first.compareTo(pollInterval) < 0 ? first : pollInterval, pollInterval);
  }

  /**
   * The user's bound with longer pauses, for waits on something a person or AWS releases slowly
   * (an access control still attached to a distribution that is deploying, CloudFront's limit on
   * invalidations in progress): from 5 s up to six poll intervals (a minute by default).
   */
  public Bound patient() {
    Duration first = Duration.ofSeconds(5).compareTo(pollInterval) < 0 ? Duration.ofSeconds(5) : pollInterval;
    Duration longest = pollInterval.multipliedBy(6);
    // Not prompt: what it waits for is released in minutes, and looking often does not hasten it.
    return new Bound(timeout, first, longest.compareTo(Duration.ofSeconds(60)) < 0 ? longest : Duration.ofSeconds(60),
        false);
  }

  /**
   * One wait's bound: at most {@code timeout}, and between two looks a pause that starts at {@code
   * firstPause} and doubles up to {@code maxPause}; a {@code prompt} bound also keeps each pause
   * within a quarter ({@link #PROMPT_SHARE_PER_1000}) of the time waited so far, or {@link
   * #PROMPT_FLOOR} (see {@link #pause(int, Duration)}).
   */
  public record Bound(Duration timeout, Duration firstPause, Duration maxPause, boolean prompt) {
    public Bound {
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(firstPause, "firstPause");
      Objects.requireNonNull(maxPause, "maxPause");
      if (timeout.isNegative() || firstPause.isNegative() || firstPause.isZero() || maxPause.compareTo(firstPause) < 0) {
        throw new IllegalArgumentException("a wait needs a timeout >= 0 and 0 < firstPause <= maxPause");
      }
    }

    /** A prompt bound: what most waits are. */
    public Bound(Duration timeout, Duration firstPause, Duration maxPause) {
      this(timeout, firstPause, maxPause, true);
    }

    /** The pause after look number {@code attempt} (from 0), doubling from the first, long into a wait. */
    public Duration pause(int attempt) {
      Duration d = firstPause.multipliedBy(1L << Math.min(attempt, 20));
      return d.compareTo(maxPause) < 0 ? d : maxPause;
    }

    /**
     * The pause after look number {@code attempt}, {@code waited} into the wait. Doubling alone
     * notices the end of a wait up to as late again as it has lasted: with pauses from 100 ms to
     * 10 s, a replica that S3 finished replicating 6.5 s after the uploads was seen at 12.7 s. A
     * prompt bound's pause is at most a quarter of the time waited so far, or a second while that
     * is less: the end is seen within a second, or a quarter of the wait, of when it came, and a
     * long wait still backs off to {@code maxPause}, as a quarter of it soon exceeds that.
     */
    public Duration pause(int attempt, Duration waited) {
      Duration d = pause(attempt);
      if (!prompt) return d;
      Duration within = max(max(firstPause, PROMPT_FLOOR), waited.multipliedBy(PROMPT_SHARE_PER_1000).dividedBy(1000));
      return d.compareTo(within) < 0 ? d : within;
    }
  }

  /** The share of the time waited so far that a prompt bound's pause stays within: a quarter. */
  static final long PROMPT_SHARE_PER_1000 = 250;

  /** A prompt bound's pauses are never cut below this: a look a second while a wait is young. */
  static final Duration PROMPT_FLOOR = Duration.ofSeconds(1);

  /** The longer of two pauses (the poller's too). */
  static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
