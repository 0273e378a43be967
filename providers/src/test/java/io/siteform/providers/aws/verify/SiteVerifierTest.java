package io.siteform.providers.aws.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SiteVerifierTest {
  @Test
  void aWildcardCoversExactlyOneMoreLabel() {
    assertThat(SiteVerifier.covers("*.example.com", "www.example.com")).isTrue();
    assertThat(SiteVerifier.covers("*.example.com", "example.com")).isFalse();
    assertThat(SiteVerifier.covers("*.example.com", "a.b.example.com")).isFalse();
    assertThat(SiteVerifier.covers("WWW.example.com", "www.EXAMPLE.com")).isTrue();
    assertThat(SiteVerifier.covers("www.example.com", "shop.example.com")).isFalse();
  }
}
