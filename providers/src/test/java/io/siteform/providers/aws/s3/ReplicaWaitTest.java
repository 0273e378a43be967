package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.s3.ReplicaCatchUp.Replica;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When the replica wait asks for the keys still unseen rather than listing the replica again, and
 * when it looks again.
 */
class ReplicaWaitTest {
  @Test
  void headsWhenTheyFitOneParallelRoundOrCostNoMoreRequestsThanTheListing() {
    // 20 edits of a 2,000-key replica: one round of 20 HEADs at once, not 2 listing pages one after the other.
    assertThat(ReplicaCatchUp.headRatherThanList(20, 2_000)).isTrue();
    assertThat(ReplicaCatchUp.headRatherThanList(20, 20_000)).isTrue();
    // As many as the connection pool holds: still one round, whatever the replica's size.
    assertThat(ReplicaCatchUp.headRatherThanList(AwsClients.MAX_CONNECTIONS, 10)).isTrue();
    // More: the listing, unless it takes more requests than the HEADs (1,000 keys a page).
    assertThat(ReplicaCatchUp.headRatherThanList(AwsClients.MAX_CONNECTIONS + 1, 2_000)).isFalse();
    assertThat(ReplicaCatchUp.headRatherThanList(100, 200_000)).isTrue();
  }

  private static final Replica EU = new Replica("eu", "eu-west-1");
  private static final Replica US = new Replica("us", "us-west-2");
  private static final long MS = 1_000_000L;
  /** When each key falls due, in ms from 0; "old" was not written by this publish: due at once. */
  private static final Map<String, Long> DUE = Map.of("a", 100L, "b", 130L, "c", 180L);

  private static Optional<Duration> idle(Map<Replica, List<String>> missing, Set<Replica> waited, long nowMs) {
    return ReplicaCatchUp.idle(missing, waited, k -> DUE.containsKey(k) ? DUE.get(k) * MS : Long.MIN_VALUE, nowMs * MS);
  }

  @Test
  void keysNotYetDueAreLookedForWhenTheFirstFallsDueWithoutBackingOff() {
    // Just after the last upload: nothing asked yet, the first key is due in 100 ms.
    assertThat(idle(Map.of(EU, List.of("a", "b", "c")), Set.of(), 0)).contains(Duration.ofMillis(100));
    // Two replicas: whichever has a key due first.
    assertThat(idle(Map.of(EU, List.of("c"), US, List.of("b")), Set.of(), 20)).contains(Duration.ofMillis(110));
  }

  @Test
  void aListingThatWaitedForTheLastKeyIsMadeWhenItFallsDue() {
    // A first publish: the listing covers every key at once, so it waits for the last upload to be due.
    assertThat(idle(Map.of(EU, List.of("old", "a", "c")), Set.of(EU), 50)).contains(Duration.ofMillis(130));
    assertThat(idle(Map.of(EU, List.of("a", "b")), Set.of(EU), 200)).contains(Duration.ZERO);
  }

  @Test
  void aKeyAskedForAndNotYetReplicatedBacksOff() {
    assertThat(idle(Map.of(EU, List.of("a", "c")), Set.of(), 150)).isEmpty();
    assertThat(idle(Map.of(EU, List.of("c"), US, List.of("old")), Set.of(), 0)).isEmpty();
  }

  private static Optional<Duration> next(Map<Replica, List<String>> missing, ReplicaCatchUp.Looked looked, long nowMs) {
    return ReplicaCatchUp.nextLook(missing, looked, r -> 2_000,
        k -> DUE.containsKey(k) ? DUE.get(k) * MS : Long.MIN_VALUE, nowMs * MS, Duration.ofMillis(100));
  }

  private static List<String> keys(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> "old" + i).toList();
  }

  @Test
  void afterAListingTheFewKeysLeftAreAskedForSoonNotAfterTheListingsOwnTime() {
    ReplicaCatchUp.Looked listed = new ReplicaCatchUp.Looked(Set.of(), Set.of(EU));
    assertThat(next(Map.of(EU, keys(20)), listed, 500)).contains(Duration.ofMillis(100));
    // More than one round of HeadObject: the poller's pauses, the listing's time among them.
    assertThat(next(Map.of(EU, keys(AwsClients.MAX_CONNECTIONS + 1)), listed, 500)).isEmpty();
    // A round of HeadObject that found keys missing backs off as before.
    assertThat(next(Map.of(EU, keys(20)), new ReplicaCatchUp.Looked(Set.of(), Set.of()), 500)).isEmpty();
    // Keys not yet due still set the next look.
    assertThat(next(Map.of(EU, List.of("c")), listed, 50)).contains(Duration.ofMillis(130));
  }
}
