package io.siteform.providers.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificateNamesTest {
  @Test
  void aNameCoversItselfWhateverTheCaseOrTrailingDot() {
    assertThat(CertificateNames.covers("www.example.com", "www.example.com")).isTrue();
    assertThat(CertificateNames.covers("WWW.example.com.", "www.EXAMPLE.com")).isTrue();
    assertThat(CertificateNames.covers("www.example.com", "example.com")).isFalse();
    assertThat(CertificateNames.covers("example.com", "www.example.com")).isFalse();
  }

  @Test
  void aWildcardCoversExactlyOneLabel() {
    assertThat(CertificateNames.covers("*.example.com", "www.example.com")).isTrue();
    assertThat(CertificateNames.covers("*.example.com", "static.example.com")).isTrue();
    assertThat(CertificateNames.covers("*.example.com", "example.com")).isFalse();
    assertThat(CertificateNames.covers("*.example.com", "a.b.example.com")).isFalse();
    assertThat(CertificateNames.covers("*.example.com", "wwwexample.com")).isFalse();
    assertThat(CertificateNames.covers("*.example.com", "www.example.org")).isFalse();
    assertThat(CertificateNames.covers("*.example.com", "*.example.com")).isFalse();
  }

  @Test
  void nothingCoversOrIsCoveredByAnEmptyName() {
    assertThat(CertificateNames.covers("", "")).isFalse();
    assertThat(CertificateNames.covers("*.example.com", "")).isFalse();
  }
}
