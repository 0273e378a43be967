package io.siteform.providers.aws.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordKeyTest {
  private static final Address ADDRESS = new Address("route53_record", "www_a");

  @Test
  void idIsZoneNameAndTypeJoinedByUnderscoresAndParsesBack() {
    RecordKey key = new RecordKey("Z0123ABC", "_3f2a.www.example.com", "CNAME");

    assertThat(key.id()).isEqualTo("Z0123ABC__3f2a.www.example.com_CNAME");
    assertThat(RecordKey.parse(ADDRESS, Operation.IMPORT, key.id())).isEqualTo(key);
    assertThat(RecordKey.parse(ADDRESS, Operation.IMPORT, "Z0123ABC_WWW.Example.com._a"))
        .isEqualTo(new RecordKey("Z0123ABC", "www.example.com", "A"));
  }

  @Test
  void malformedIdsSayWhatTheFormIs() {
    for (String id : new String[] {"Z0123ABC", "Z0123ABC_www.example.com", "_www.example.com_A", "Z1__A", "Z1_a_"}) {
      assertThatThrownBy(() -> RecordKey.parse(ADDRESS, Operation.IMPORT, id)).as(id)
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("write ZONEID_NAME_TYPE, for example Z0123456789ABC_www.example.com_A");
    }
  }

  @Test
  void keyOfDesiredDropsTheHostedZonePrefixAndNormalisesTheName() {
    assertThat(RecordKey.of(ADDRESS, Operation.CREATE, Map.of("zone_id", "/hostedzone/Z1", "name", "WWW.example.com.", "type", "AAAA")))
        .isEqualTo(new RecordKey("Z1", "www.example.com", "AAAA"));
    assertThatThrownBy(() -> RecordKey.of(ADDRESS, Operation.CREATE, Map.of("zone_id", "Z1", "name", "www.example.com", "type", "MX")))
        .hasMessageContaining("(A, AAAA or CNAME)");
  }
}
