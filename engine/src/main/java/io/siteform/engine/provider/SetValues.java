package io.siteform.engine.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Lists whose order does not matter, put in one order: what {@link ResourceSchema#sets} compares by. */
final class SetValues {
  private static final Comparator<Object> CANONICAL = Comparator.comparing(SetValues::canonical);

  private SetValues() {}

  static Object normalised(Set<String> sets, String path, Object value) {
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object x : l) out.add(normalised(sets, path + "[]", x));
      if (!sets.contains(path)) return out;
      out.sort(CANONICAL);
      return new ArrayList<>(new LinkedHashSet<>(out));
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, normalised(sets, path + "." + k, v)));
      return out;
    }
    return value;
  }

  /** A text that orders values the same whatever order their maps were built in. */
  private static String canonical(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, String> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(String.valueOf(k), canonical(x)));
      return sorted.toString();
    }
    if (v instanceof List<?> l) return l.stream().map(SetValues::canonical).toList().toString();
    return String.valueOf(v);
  }
}
