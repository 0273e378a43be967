package io.siteform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void aCopyIsSortedNormalisedUnmodifiableAndNotCopiedAgain() {
    Map<Object, Object> raw = new LinkedHashMap<>();
    raw.put("b", Map.of("y", 1, "x", List.of((short) 2, new BigDecimal("1.50"))));
    raw.put(7, "seven");
    Map<String, Object> copy = Values.copyMap(raw);

    assertThat(copy).isInstanceOf(SortedMap.class).containsOnlyKeys("7", "b");
    assertThat(copy.keySet()).containsExactly("7", "b");
    assertThat(copy).isEqualTo(new TreeMap<>(Map.of("7", "seven",
        "b", Map.of("x", List.of(2L, new BigDecimal("1.5")), "y", 1L))));
    assertThat(copy.hashCode()).isEqualTo(new TreeMap<>(copy).hashCode());
    assertThat(copy).hasToString("{7=seven, b={x=[2, 1.5], y=1}}");
    assertThat(Values.copyMap(copy)).isSameAs(copy);
    assertThat(Values.copy(copy.get("b"))).isSameAs(copy.get("b"));
    assertThatThrownBy(() -> copy.put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.remove("7")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue(1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aStateReadBackHoldsTheValuesACopyWouldHold() {
    State state = Fixtures.site();
    State back = new StateCodec().fromJson(new StateCodec().toJson(state), "here");

    for (ResourceState r : back.resources()) {
      assertThat(r.attributes()).isEqualTo(state.find(r.address()).orElseThrow().attributes());
      assertThat(Values.copyMap(r.attributes())).isSameAs(r.attributes());
    }
  }
}
