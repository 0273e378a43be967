package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the replica wait asks for the keys still unseen rather than listing the replica again. */
class ReplicaWaitTest {
  @Test
  void headsWhenTheyCostNoMoreRequestsThanTheListingOrOneParallelRound() {
    // 20 edits of a 20,000-key replica: 20 HEADs at once rather than 20 pages one after another.
    assertThat(ReplicaCatchUp.headRatherThanList(20, 20_000)).isTrue();
    // 20 edits of a 2,000-key replica: the listing is 2 requests.
    assertThat(ReplicaCatchUp.headRatherThanList(20, 2_000)).isFalse();
    // A handful: one round of parallel HEADs whatever the replica's size.
    assertThat(ReplicaCatchUp.headRatherThanList(Parallel.THREADS, 10)).isTrue();
    assertThat(ReplicaCatchUp.headRatherThanList(Parallel.THREADS + 1, 10)).isFalse();
  }
}
