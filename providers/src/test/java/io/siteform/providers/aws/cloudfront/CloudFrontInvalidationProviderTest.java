package io.siteform.providers.aws.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
