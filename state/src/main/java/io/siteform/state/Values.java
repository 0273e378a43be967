package io.siteform.state;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attribute values are JSON-like: String, Long, BigDecimal, Boolean, List, Map (sorted by key),
 * or null. Normalising numbers and map order here lets {@code equals} compare any two values
 * structurally, whatever produced them (YAML, Jackson, an SDK response).
 */
public final class Values {
  private Values() {}

  /** A deep, unmodifiable, normalised copy of {@code value}. */
  public static Object copy(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException notWhole) {
        return d.stripTrailingZeros();
      }
    }
    if (value instanceof Number n) {
      return copy(new BigDecimal(n.toString()));
    }
    if (value instanceof Map<?, ?> m) {
      return copyMap(m);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(copy(o));
      return Collections.unmodifiableList(out);
    }
    // Placeholders and other engine-owned value types are immutable records: keep them.
    return value;
  }

  /**
   * A deep, unmodifiable, key-sorted copy of {@code map}. It is a {@link java.util.SortedMap}, so
   * the state writer can tell it needs no sorting.
   */
  public static Map<String, Object> copyMap(Map<?, ?> map) {
    TreeMap<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
    return Collections.unmodifiableSortedMap(out);
  }
}
