package io.siteform.providers.aws.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

class CloudFrontInvalidationProviderTest {
  @Test
  void theCallerReferenceRepeatsForARetryOnly() {
    Map<String, Object> digests = Map.of("a", "1");
    String ref = CloudFrontInvalidationProvider.callerReference("E1", List.of("/a"), digests, "I1");
    assertThat(CloudFrontInvalidationProvider.callerReference("E1", List.of("/a"), digests, "I1")).isEqualTo(ref);
    // the same change again after another invalidation (a revert, then the change again) is new
    assertThat(CloudFrontInvalidationProvider.callerReference("E1", List.of("/a"), digests, "I2")).isNotEqualTo(ref);
    assertThat(CloudFrontInvalidationProvider.callerReference("E1", List.of("/a"), Map.of("a", "2"), "I1")).isNotEqualTo(ref);
  }

  /** {@code made} keeps the month of the latest invalidation, of the same distribution, and adds it. */
  @Test
  void theRecordOfInvalidationsMadeKeepsOnlyTheLatestOnesMonthAndDistribution() {
    Map<String, Object> prior = Map.of("distribution_id", "E1", "made", Map.of(
        "I1", Map.of("month", "2026-11", "paths", 4L),
        "I2", Map.of("month", "2026-12", "paths", 2L)));
    Invalidation created = Invalidation.builder().id("I3").createTime(Instant.parse("2026-12-02T10:00:00Z")).build();

    Map<String, Object> a = CloudFrontInvalidationProvider.made(prior, Map.of("distribution_id", "E1", "mode", "changed"),
        created, 7);

    assertThat(a).containsEntry("mode", "changed").containsEntry("made", Map.of(
        "I2", Map.of("month", "2026-12", "paths", 2L),
        "I3", Map.of("month", "2026-12", "paths", 7L)));
    assertThat(CloudFrontInvalidationProvider.made(prior, Map.of("distribution_id", "E2"), created, 1).get("made"))
        .as("another distribution's are not carried over").isEqualTo(Map.of("I3", Map.of("month", "2026-12", "paths", 1L)));
  }
}
