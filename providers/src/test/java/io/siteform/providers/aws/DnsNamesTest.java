package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DnsNamesTest {
  @Test
  void normalFormIsLowerCaseWithoutTrailingDotWithEscapesDecoded() {
    assertThat(DnsNames.normal("WWW.Example.COM.")).isEqualTo("www.example.com");
    assertThat(DnsNames.normal("\\052.example.com.")).isEqualTo("*.example.com");
    assertThat(DnsNames.normal("_abc.example.com")).isEqualTo("_abc.example.com");
    assertThat(DnsNames.normal("a\\05")).isEqualTo("a\\05");
    assertThat(DnsNames.normal(null)).isEmpty();
  }

  @Test
  void liveListTakesTheReferenceOrderOnlyWhenItHoldsTheSameElements() {
    assertThat(DnsNames.orderedLike(List.of("b", "c", "a"), List.of("a", "b", "c"))).containsExactly("a", "b", "c");
    assertThat(DnsNames.orderedLike(List.of("b", "a", "a"), List.of("a", "b", "a"))).containsExactly("a", "b", "a");
    // a real difference stays visible, in AWS's order
    assertThat(DnsNames.orderedLike(List.of("b", "d"), List.of("a", "b"))).containsExactly("b", "d");
    assertThat(DnsNames.orderedLike(List.of("a", "a"), List.of("a", "b"))).containsExactly("a", "a");
    assertThat(DnsNames.orderedLike(List.of("b", "a"), null)).containsExactly("b", "a");
  }
}
