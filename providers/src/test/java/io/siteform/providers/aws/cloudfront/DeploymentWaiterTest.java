package io.siteform.providers.aws.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.Waits;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The deploy wait on a fake clock: every poll reported, bounded by the timeout. */
class DeploymentWaiterTest {
  private static final Address ADDRESS = new Address("cloudfront_distribution", "site");

  private final AtomicLong now = new AtomicLong();
  private final List<Long> sleeps = new ArrayList<>();
  private final List<String> progress = new ArrayList<>();

  private DeploymentWaiter waiter(Duration timeout, Duration poll) {
    return new DeploymentWaiter(new Waits(timeout, poll), ms -> {
      sleeps.add(ms);
      now.addAndGet(Duration.ofMillis(ms).toNanos());
    }, now::get);
  }

  private static java.util.function.Supplier<String> statuses(String... s) {
    Queue<String> q = new ArrayDeque<>(List.of(s));
    return () -> q.size() > 1 ? q.remove() : q.peek();
  }

  @Test
  void pollsUntilDeployedReportingEachStatusSoonFirstThenAtTheInterval() {
    waiter(Duration.ofMinutes(30), Duration.ofSeconds(10)).await(ADDRESS, "create", "E123",
        statuses("InProgress", "InProgress", "InProgress", "InProgress", "InProgress", "InProgress", "Deployed"),
        progress::add);

    assertThat(progress).containsExactly(
        "distribution E123 is InProgress (0s elapsed)",
        "distribution E123 is InProgress (1s elapsed)",
        "distribution E123 is InProgress (3s elapsed)",
        "distribution E123 is InProgress (7s elapsed)",
        "distribution E123 is InProgress (15s elapsed)",
        "distribution E123 is InProgress (25s elapsed)",
        "distribution E123 is Deployed (35s elapsed)");
    assertThat(sleeps).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 10_000L, 10_000L);
  }

  @Test
  void givesUpAtTheTimeoutSayingThatRunningApplyAgainContinues() {
    assertThatThrownBy(() -> waiter(Duration.ofSeconds(30), Duration.ofSeconds(10))
            .await(ADDRESS, "update", "E123", statuses("InProgress"), progress::add))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("cloudfront_distribution.site: update: distribution E123 is still "
              + "deploying in CloudFront (InProgress after 25s); CloudFront carries on by itself, and running "
              + "`siteform apply` again continues the wait");
          assertThat(e.operation()).isEqualTo("update");
        });
    // never sleeps past the timeout
    assertThat(sleeps).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 10_000L);
    assertThat(progress).hasSize(6);
  }

  @Test
  void aDeleteSaysDestroyContinues() {
    assertThatThrownBy(() -> waiter(Duration.ofSeconds(10), Duration.ofSeconds(10))
            .await(ADDRESS, "delete", "E123", statuses("InProgress"), progress::add))
        .hasMessageContaining("running `siteform destroy` (or `siteform apply`) again continues the wait");
  }

  @Test
  void anAlreadyDeployedDistributionIsNotWaitedFor() {
    waiter(Duration.ofSeconds(10), Duration.ofSeconds(1)).await(ADDRESS, "create", "E1", statuses("Deployed"), progress::add);
    assertThat(sleeps).isEmpty();
    assertThat(progress).containsExactly("distribution E1 is Deployed (0s elapsed)");
  }

  @Test
  void formatsElapsedTimeAsTheCliDoes() {
    assertThat(DeploymentWaiter.format(Duration.ofMillis(999))).isEqualTo("0s");
    assertThat(DeploymentWaiter.format(Duration.ofSeconds(59))).isEqualTo("59s");
    assertThat(DeploymentWaiter.format(Duration.ofSeconds(80))).isEqualTo("1m20s");
    assertThat(DeploymentWaiter.format(Duration.ofMinutes(32))).isEqualTo("32m0s");
  }
}
