package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollerTest {
  private static final Address ADDRESS = new Address("acm_certificate_validation", "site");
  private final Poller poller = new Poller(new Waits(Duration.ofMillis(400), Duration.ofMillis(20)));
  private final List<String> progress = new ArrayList<>();

  @Test
  void returnsAtOnceWhenDoneWithoutReporting() {
    assertThat(poller.await(ADDRESS, "create", progress::add, () -> Poller.done("ok"))).isEqualTo("ok");
    assertThat(progress).isEmpty();
  }

  @Test
  void reportsEachPendingLookWithTheTimeElapsed() {
    AtomicInteger looks = new AtomicInteger();

    String result = poller.await(ADDRESS, "create", progress::add, () -> looks.incrementAndGet() < 3
        ? Poller.pending("certificate arn:x is PENDING_VALIDATION")
        : Poller.done("ISSUED"));

    assertThat(result).isEqualTo("ISSUED");
    assertThat(progress).containsExactly(
        "certificate arn:x is PENDING_VALIDATION (0s elapsed)", "certificate arn:x is PENDING_VALIDATION (0s elapsed)");
  }

  @Test
  void givesUpAfterTheTimeoutSayingWhatToCheckAndThatApplyContinues() {
    AtomicInteger looks = new AtomicInteger();

    assertThatThrownBy(() -> poller.await(ADDRESS, "create", progress::add, () -> {
          looks.incrementAndGet();
          return Poller.pending("certificate arn:x is PENDING_VALIDATION", "check the CNAMEs");
        }))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.address()).isEqualTo("acm_certificate_validation.site");
          assertThat(e.getMessage()).contains("gave up waiting after 0s: certificate arn:x is PENDING_VALIDATION;"
              + " check the CNAMEs. AWS carries on without siteform: running `siteform apply` again continues the wait");
        });
    // 400 ms at one look per 20 ms, and a last look at the deadline
    assertThat(looks.get()).isBetween(5, 22);
    assertThat(progress).hasSize(looks.get() - 1);
  }

  @Test
  void aDeleteThatTimesOutSaysDestroyContinuesItToo() {
    assertThatThrownBy(() -> poller.await(ADDRESS, "delete", progress::add, () -> Poller.pending("in use")))
        .hasMessageContaining("running `siteform apply` or `siteform destroy` again continues the wait");
  }

  @Test
  void durationsReadLikeTheCliWritesThem() {
    assertThat(Poller.human(Duration.ofMinutes(30))).isEqualTo("30m");
    assertThat(Poller.human(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Poller.human(Duration.ofSeconds(45))).isEqualTo("45s");
  }
}
