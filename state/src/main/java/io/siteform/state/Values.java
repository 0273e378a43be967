package io.siteform.state;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

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
   * A deep, unmodifiable, key-sorted copy of {@code map}. It is a {@link SortedMap}, so the state
   * writer can tell it needs no sorting, and a map this returned is returned as it is: it is
   * already such a copy all the way down, and a site's files would otherwise be copied again by
   * every record they pass through.
   */
  public static Map<String, Object> copyMap(Map<?, ?> map) {
    if (map instanceof Copied c) return c;
    TreeMap<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
    return new Copied(out);
  }

  /**
   * {@code sorted}, whose values are already what {@link #copy} makes of them, as a map {@link
   * #copyMap} returns without copying: for a reader that builds such values itself.
   */
  static Map<String, Object> normalised(TreeMap<String, Object> sorted) {
    return new Copied(sorted);
  }

  /** What {@link #copyMap} makes: an unmodifiable view of a sorted map of copies that no one else holds. */
  private static final class Copied extends AbstractMap<String, Object> implements SortedMap<String, Object> {
    private final SortedMap<String, Object> view;

    Copied(TreeMap<String, Object> map) {
      this.view = Collections.unmodifiableSortedMap(map);
    }

    @Override public int size() { return view.size(); }
    @Override public boolean isEmpty() { return view.isEmpty(); }
    @Override public boolean containsKey(Object key) { return view.containsKey(key); }
    @Override public boolean containsValue(Object value) { return view.containsValue(value); }
    @Override public Object get(Object key) { return view.get(key); }
    @Override public Object getOrDefault(Object key, Object fallback) { return view.getOrDefault(key, fallback); }
    @Override public void forEach(BiConsumer<? super String, ? super Object> action) { view.forEach(action); }
    @Override public Set<Entry<String, Object>> entrySet() { return view.entrySet(); }
    @Override public Set<String> keySet() { return view.keySet(); }
    @Override public Collection<Object> values() { return view.values(); }
    @Override public Comparator<? super String> comparator() { return view.comparator(); }
    @Override public SortedMap<String, Object> subMap(String from, String to) { return view.subMap(from, to); }
    @Override public SortedMap<String, Object> headMap(String to) { return view.headMap(to); }
    @Override public SortedMap<String, Object> tailMap(String from) { return view.tailMap(from); }
    @Override public String firstKey() { return view.firstKey(); }
    @Override public String lastKey() { return view.lastKey(); }
    @Override public boolean equals(Object o) { return o == this || view.equals(o); }
    @Override public int hashCode() { return view.hashCode(); }
    @Override public String toString() { return view.toString(); }
  }
}
