package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import org.junit.jupiter.api.Test;

/** When the replica wait asks for the keys still unseen rather than listing the replica again. */
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
}
