package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.event.Durations;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

class PollerTest {
  private static final Address ADDRESS = new Address("acm_certificate_validation", "site");
  private final FakeClock clock = new FakeClock();
  private final Poller poller = new Poller(new Waits(Duration.ofSeconds(30), Duration.ofSeconds(4)), clock);
  private final List<String> progress = new ArrayList<>();

  private static SdkException aws(String code) {
    return AwsServiceException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " happened").build()).build();
  }

  @Test
  void looksAtOnceAndReturnsWithoutReportingOrSleepingWhenDone() {
    assertThat(poller.await(ADDRESS, Operation.CREATE, progress::add, () -> Poller.done("ok"))).isEqualTo("ok");
    assertThat(progress).isEmpty();
    assertThat(clock.pauses()).isEmpty();
  }

  @Test
  void backsOffWithinAQuarterOfTheTimeWaitedUpToThePollIntervalSayingAnUnchangedStatusEveryFiveSeconds() {
    AtomicInteger looks = new AtomicInteger();

    String result = poller.await(ADDRESS, Operation.CREATE, progress::add, () -> looks.incrementAndGet() < 12
        ? Poller.pending("certificate arn:x is PENDING_VALIDATION")
        : Poller.done("ISSUED"));

    assertThat(result).isEqualTo("ISSUED");
    // doubling from 250 ms, but a second at most while less than 4 s have passed, then a quarter of
    // the time waited (4.75 s, 5.94 s, ...), which would reach the poll interval (4 s) at 16 s
    assertThat(clock.pauses()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(1187).plusNanos(500_000),
        Duration.ofMillis(1484).plusNanos(375_000), Duration.ofMillis(1855).plusNanos(468_750),
        Duration.ofMillis(2319).plusNanos(335_937), Duration.ofMillis(2899).plusNanos(169_921));
    // said at the first look, then again once 5 s have passed (at 5.94 s and 11.6 s), not at each look
    assertThat(progress).containsExactly("certificate arn:x is PENDING_VALIDATION",
        "certificate arn:x is PENDING_VALIDATION", "certificate arn:x is PENDING_VALIDATION");
  }

  @Test
  void aPromptWaitSeesItsEndWithinASecondOrAQuarterOfTheWaitAndStillBacksOffOverALongOne() {
    // The replica wait's bound: S3 replicates within seconds, sometimes minutes.
    Waits.Bound brisk = Waits.DEFAULTS.brisk();
    for (long endsAtMs : new long[] {50, 300, 900, 2_500, 6_500, 12_000, 45_000, 600_000}) {
      FakeClock time = new FakeClock();
      AtomicInteger looks = new AtomicInteger();
      new Poller(Waits.DEFAULTS, time).poll(ADDRESS, Operation.UPDATE, s -> {}, brisk, () -> {
        looks.incrementAndGet();
        return time.nanoTime() >= Duration.ofMillis(endsAtMs).toNanos() ? Poller.done(true) : Poller.pending("lagging");
      });
      long late = time.nanoTime() - Duration.ofMillis(endsAtMs).toNanos();
      assertThat(Duration.ofNanos(late)).as("seen late, ending at %d ms", endsAtMs)
          .isLessThanOrEqualTo(Duration.ofMillis(Math.max(1_000, endsAtMs / 4)));
      if (endsAtMs == 6_500) assertThat(Duration.ofNanos(late)).isLessThan(Duration.ofMillis(1_700));
      if (endsAtMs == 600_000) assertThat(looks.get()).as("looks in ten minutes").isLessThan(80);
    }
    // without it: seen at 12.7 s, 6.2 s late
    assertThat(brisk.pause(6)).isEqualTo(Duration.ofMillis(6_400));
  }

  @Test
  void aLookThatHadNothingToAskYetIsRepeatedWhenItSaysAndTheBackOffStartsAtTheFirstMiss() {
    List<Poller.Outcome<String>> looks = new ArrayList<>(List.of(
        Poller.idle("replica eu: 0/20 objects current", Duration.ofMillis(180)),
        Poller.idle("replica eu: 0/20 objects current", Duration.ofMillis(30)),
        Poller.pending("replica eu: 12/20 objects current"),
        Poller.pending("replica eu: 19/20 objects current"),
        Poller.done("ok")));

    poller.await(ADDRESS, Operation.UPDATE, progress::add, () -> looks.remove(0));

    assertThat(clock.pauses()).containsExactly(Duration.ofMillis(180), Duration.ofMillis(30), Duration.ofMillis(250),
        Duration.ofMillis(500));
    // each status once: the second look's is the first's, said a moment ago
    assertThat(progress).containsExactly("replica eu: 0/20 objects current", "replica eu: 12/20 objects current",
        "replica eu: 19/20 objects current");
  }

  @Test
  void aLookSlowerThanThePauseIsNotRepeatedBackToBack() {
    AtomicInteger looks = new AtomicInteger();

    poller.await(ADDRESS, Operation.CREATE, progress::add, () -> {
      clock.advance(Duration.ofMillis(700)); // a replica listing of many pages
      return looks.incrementAndGet() < 4 ? Poller.pending("replica: 3/4 objects current") : Poller.done("ok");
    });

    assertThat(clock.pauses()).containsExactly(Duration.ofMillis(700), Duration.ofMillis(700), Duration.ofSeconds(1));
  }

  @Test
  void givesUpAfterTheTimeoutWithALastLookSayingWhatToCheckAndThatApplyContinues() {
    AtomicInteger looks = new AtomicInteger();

    assertThatThrownBy(() -> poller.await(ADDRESS, Operation.CREATE, progress::add, () -> {
          looks.incrementAndGet();
          return Poller.pending("certificate arn:x is PENDING_VALIDATION", "check the CNAMEs");
        }))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.address()).isEqualTo("acm_certificate_validation.site");
          assertThat(e.getMessage()).contains("gave up waiting after 30s: certificate arn:x is PENDING_VALIDATION;"
              + " check the CNAMEs. AWS carries on without siteform: running `siteform apply` again continues the wait");
        });
    // never sleeps past the timeout, and looks once more at it
    assertThat(clock.nanoTime()).isEqualTo(Duration.ofSeconds(30).toNanos());
    // the unchanged status said every 5 s, not at each of the looks
    assertThat(looks.get()).isGreaterThan(10);
    assertThat(progress).hasSize(5).containsOnly("certificate arn:x is PENDING_VALIDATION");
  }

  @Test
  void aDeleteThatTimesOutSaysDestroyContinuesItToo() {
    assertThatThrownBy(() -> poller.await(ADDRESS, Operation.DELETE, progress::add, () -> Poller.pending("in use")))
        .hasMessageContaining("running `siteform apply` or `siteform destroy` again continues the wait");
  }

  @Test
  void pollHandsBackTheLastPendingInsteadOfFailing() {
    Poller.Outcome<String> last = poller.poll(ADDRESS, Operation.CREATE, progress::add, Waits.CERTIFICATE_PROPAGATION,
        () -> Poller.pending("replica eu: 3/4 objects current"));

    assertThat(last).isEqualTo(new Poller.Pending<String>("replica eu: 3/4 objects current"));
    assertThat(clock.nanoTime()).isEqualTo(Duration.ofMinutes(1).toNanos());
  }

  @Test
  void retryRepeatsACallWhileAwsAnswersATransientErrorAndReportsIt() {
    AtomicInteger calls = new AtomicInteger();

    String result = poller.retryWhen(ADDRESS, Operation.CREATE, progress::add, Waits.BUCKET_PROPAGATION, "bucket b to be visible",
        e -> AwsFailures.is(e, "NoSuchBucket"), () -> {
          if (calls.incrementAndGet() < 3) throw aws("NoSuchBucket");
          return "done";
        });

    assertThat(result).isEqualTo("done");
    // two retries a moment apart: said once
    assertThat(progress).containsExactly("waiting for bucket b to be visible (AWS answered NoSuchBucket)");
  }

  @Test
  void retryThrowsAnyOtherErrorAtOnceAndTheTransientOnePastTheBoundAsAwsAnsweredIt() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> poller.retryWhen(ADDRESS, Operation.CREATE, progress::add, Waits.BUCKET_PROPAGATION, "x",
        e -> AwsFailures.is(e, "NoSuchBucket"), () -> {
          calls.incrementAndGet();
          throw aws("AccessDenied");
        })).isInstanceOfSatisfying(AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    assertThat(calls).hasValue(1);

    assertThatThrownBy(() -> poller.retryWhen(ADDRESS, Operation.CREATE, progress::add, Waits.BUCKET_PROPAGATION, "x",
        e -> AwsFailures.is(e, "NoSuchBucket"), () -> {
          throw aws("NoSuchBucket");
        })).isInstanceOfSatisfying(AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
    assertThat(clock.nanoTime()).isEqualTo(Waits.BUCKET_PROPAGATION.timeout().toNanos());
  }

  @Test
  void anInterruptEndsTheWaitAtOnceKeepingTheFlag() {
    Poller interrupted = new Poller(Waits.DEFAULTS, new Poller.Clock() {
      @Override
      public long nanoTime() {
        return 0;
      }

      @Override
      public void sleep(Duration d) throws InterruptedException {
        throw new InterruptedException();
      }
    });
    try {
      assertThatThrownBy(() -> interrupted.await(ADDRESS, Operation.CREATE, progress::add, () -> Poller.pending("deploying")))
          .isInstanceOf(ProviderException.class).hasMessageContaining("interrupted while waiting: deploying");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void patientWaitsStartAtFiveSecondsAndStayWithinAMinute() {
    Waits.Bound patient = Waits.DEFAULTS.patient();
    assertThat(patient.pause(0)).isEqualTo(Duration.ofSeconds(5));
    // not prompt: what it waits for is released in minutes
    assertThat(patient.pause(0, Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
    assertThat(patient.pause(3, Duration.ofSeconds(35))).isEqualTo(Duration.ofSeconds(40));
    assertThat(patient.pause(10)).isEqualTo(Duration.ofMinutes(1));
    Waits.Bound quick = new Waits(Duration.ofSeconds(3), Duration.ofMillis(20)).patient();
    assertThat(quick.pause(0)).isEqualTo(Duration.ofMillis(20));
    assertThat(quick.pause(10)).isEqualTo(Duration.ofMillis(120));
  }

  @Test
  void briskWaitsStartAtATenthOfASecondAndKeepTheUsersBounds() {
    Waits.Bound brisk = Waits.DEFAULTS.brisk();
    assertThat(brisk.pause(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(brisk.pause(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(brisk.pause(20)).isEqualTo(Waits.DEFAULTS.status().maxPause());
    assertThat(brisk.timeout()).isEqualTo(Waits.DEFAULTS.status().timeout());
    Waits.Bound quick = new Waits(Duration.ofSeconds(3), Duration.ofMillis(20)).brisk();
    assertThat(quick.pause(0)).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void durationsReadLikeTerraformWritesThem() {
    assertThat(Durations.format(Duration.ofMillis(999))).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofSeconds(59))).isEqualTo("59s");
    assertThat(Durations.format(Duration.ofSeconds(80))).isEqualTo("1m20s");
    assertThat(Durations.format(Duration.ofMinutes(30))).isEqualTo("30m0s");
  }
}
