package io.siteform.engine.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The one way plan text and state text print a value: strings quoted with the same escapes, maps
 * sorted and aligned, nested keys quoted unless they are plain identifiers, lists one entry a
 * line. A plan marks each line of a value with the change's symbol ({@code + }); state does not.
 */
final class ValuePrinter {
  private final String marker;
  private final int markerWidth;
  private final Function<Object, String> placeholder;

  /**
   * @param marker what starts each line of a map or list entry ({@code "+ "} in a plan, none in state)
   * @param markerWidth its printed width (colours take none)
   * @param placeholder the text of a value not known yet, or null for a known one
   */
  ValuePrinter(String marker, int markerWidth, Function<Object, String> placeholder) {
    this.marker = marker;
    this.markerWidth = markerWidth;
    this.placeholder = placeholder;
  }

  /** A printer of state: no markers, every value known. */
  static ValuePrinter plain() {
    return new ValuePrinter("", 0, v -> null);
  }

  /** {@code v} whose first line continues the current one and whose later lines start at {@code column}. */
  void value(StringBuilder out, int column, Object v) {
    String unknown = placeholder.apply(v);
    if (unknown != null) {
      out.append(unknown);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      Map<String, Object> sorted = new TreeMap<>(strings(m));
      int width = sorted.keySet().stream().mapToInt(k -> key(k, false).length()).max().orElse(0);
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        out.append(entryStart(column)).append(String.format("%-" + width + "s", key(e.getKey(), false))).append(" = ");
        value(out, column + 4, e.getValue());
        out.append('\n');
      }
      out.append(" ".repeat(column)).append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (Object x : l) {
        out.append(entryStart(column));
        value(out, column + 4, x);
        out.append(",\n");
      }
      out.append(" ".repeat(column)).append(']');
    } else if (v instanceof String s && s.contains("\n")) {
      // Code and other text of several lines, as Terraform shows it: a heredoc.
      out.append("<<-EOT\n");
      for (String line : lines(s)) out.append(" ".repeat(column + 2)).append(line).append('\n');
      out.append(" ".repeat(column + 2)).append("EOT");
    } else if (v instanceof String s) {
      out.append(quote(s));
    } else {
      out.append(v);
    }
  }

  /** The lines of {@code s}, without the empty one after a final newline. */
  static List<String> lines(String s) {
    List<String> l = new java.util.ArrayList<>(List.of(s.split("\n", -1)));
    if (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) l.remove(l.size() - 1);
    return l;
  }

  private String entryStart(int column) {
    return " ".repeat(column + 4 - markerWidth) + marker;
  }

  /** Top-level attribute names are bare; nested keys are quoted unless plain identifiers. */
  static String key(String k, boolean topLevel) {
    return topLevel || k.matches("[A-Za-z_][A-Za-z0-9_]*") ? k : quote(k);
  }

  static Map<String, Object> strings(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
          else b.append(ch);
        }
      }
    }
    return b.append('"').toString();
  }
}
