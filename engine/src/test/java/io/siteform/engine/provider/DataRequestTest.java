package io.siteform.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataRequestTest {
  private static final Address ZONE = new Address("route53_zone", "site");

  @Test
  void aQueryValueIsTakenOrItsAbsenceNamed() {
    assertThat(new DataRequest(ZONE, "us-east-1", Map.of("name", "example.com")).text("name", "the zone's name"))
        .isEqualTo("example.com");
    Map<String, Object> blank = new HashMap<>();
    blank.put("name", " ");
    for (Map<String, Object> q : java.util.List.of(Map.<String, Object>of(), blank, Map.<String, Object>of("name", 7))) {
      assertThatThrownBy(() -> new DataRequest(ZONE, "us-east-1", q).text("name", "the zone's name"))
          .isInstanceOf(ProviderException.class)
          .hasMessageStartingWith("route53_zone.site: read: the query needs the zone's name, not ");
    }
  }
}
