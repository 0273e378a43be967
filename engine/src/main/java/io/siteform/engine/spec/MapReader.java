package io.siteform.engine.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, located access to one YAML map of the spec. Every accessor reports a problem and returns
 * null instead of throwing, so reading goes on and the user sees all problems at once; a null
 * result therefore always means "already reported".
 */
final class MapReader {
  private final ReadContext cx;
  private final String path;
  private final Node anchor;
  private final boolean broken;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  /** Keys suggested for a misspelt key: their "missing" error would only repeat the hint. */
  private final java.util.Set<String> suggested = new java.util.HashSet<>();

  private MapReader(ReadContext cx, String path, Node anchor, boolean broken) {
    this.cx = cx;
    this.path = path;
    this.anchor = anchor;
    this.broken = broken;
  }

  /**
   * Reads {@code node} as a map whose keys must be among {@code allowed}. {@code anchor} is
   * where a missing key is reported: the line that opened this map.
   */
  static MapReader of(ReadContext cx, String path, Node anchor, Node node, Collection<String> allowed) {
    if (!(node instanceof MappingNode map)) {
      cx.problems().at(node, what(path) + ": expected a map of " + String.join(", ", allowed)
          + ", found " + Types.describe(node));
      return new MapReader(cx, path, anchor, true);
    }
    MapReader r = new MapReader(cx, path, anchor, false);
    for (NodeTuple t : map.getValue()) {
      String key = r.keyOf(t.getKeyNode());
      if (key == null) continue;
      if (r.entries.containsKey(key)) {
        Node first = r.entries.get(key).getKeyNode();
        cx.problems().at(t.getKeyNode(), "duplicate key '" + key + "' in " + where(path)
            + " (first written on line " + (first.getStartMark().getLine() + 1)
            + "); keep one of them");
      } else if (!allowed.contains(key)) {
        Suggestions.nearest(key, allowed).ifPresent(r.suggested::add);
        cx.problems().at(t.getKeyNode(),
            "unknown key '" + key + "' in " + where(path) + Suggestions.hint(key, allowed));
      } else {
        r.entries.put(key, t);
        cx.locate(r.child(key), t.getValueNode());
      }
    }
    return r;
  }

  /** A map with free keys (tags): keys and values are strings (a number is taken as its text), order kept. */
  Map<String, String> stringMap(String key) {
    return stringMap(key, null);
  }

  /**
   * A map with free keys whose values must be written as strings: a number or a boolean there is
   * a mistake ({@code "index.html": 300} for a Cache-Control header), reported with {@code hint}.
   *
   * @param hint what to write instead, or null to take numbers as their text
   */
  Map<String, String> stringMap(String key, String hint) {
    Node n = node(key);
    if (n == null) return Map.of();
    if (!(n instanceof MappingNode map)) {
      cx.problems().at(n, child(key) + ": expected a map of names to strings, found " + Types.describe(n));
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    boolean ok = true;
    for (NodeTuple t : map.getValue()) {
      String k = keyOf(t.getKeyNode());
      if (k != null) k = cx.variables().interpolate(k, t.getKeyNode(), child(key), cx.problems());
      if (k == null) {
        ok = false;
        continue;
      }
      String p = child(key) + "." + k;
      if (out.containsKey(k)) {
        cx.problems().at(t.getKeyNode(), "duplicate key '" + k + "' in " + child(key) + "; keep one of them");
        ok = false;
        continue;
      }
      cx.locate(p, t.getValueNode());
      if (hint != null && t.getValueNode() instanceof ScalarNode sv && !sv.getTag().equals(Tag.STR)) {
        cx.problems().at(t.getValueNode(), p + ": expected a string, found " + Types.describe(t.getValueNode())
            + "; " + hint);
        ok = false;
        continue;
      }
      String v = stringValue(t.getValueNode(), p);
      if (v == null) ok = false;
      else out.put(k, v);
    }
    return ok ? out : null;
  }

  /** The same map read with another context: once variables are known, strings interpolate. */
  MapReader with(ReadContext other) {
    MapReader r = new MapReader(other, path, anchor, broken);
    r.entries.putAll(entries);
    r.suggested.addAll(suggested);
    return r;
  }

  boolean broken() {
    return broken;
  }

  boolean has(String key) {
    return node(key) != null;
  }

  /** The value node of {@code key}, or null when absent or written empty ({@code key:}). */
  Node node(String key) {
    NodeTuple t = entries.get(key);
    if (t == null || t.getValueNode().getTag().equals(Tag.NULL)) return null;
    return t.getValueNode();
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Reports a missing required key with an example of what to write. */
  void missing(String key, String example) {
    if (broken || suggested.contains(key)) return;
    cx.problems().at(anchor, "missing '" + key + "' in " + where(path) + "; write `" + example + "`");
  }

  String requiredString(String key, String example) {
    Node n = node(key);
    if (n == null) {
      missing(key, example);
      return null;
    }
    return stringValue(n, child(key));
  }

  String string(String key, String dflt) {
    Node n = node(key);
    return n == null ? dflt : stringValue(n, child(key));
  }

  Boolean bool(String key, boolean dflt) {
    Node n = node(key);
    if (n == null) return dflt;
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      return switch (s.getValue().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "on", "y" -> true;
        default -> false;
      };
    }
    cx.problems().at(n, child(key) + ": expected true or false, found " + Types.describe(n));
    return null;
  }

  /** An enum-like value, matched exactly as the docs write it; default when absent. */
  String oneOf(String key, String dflt, List<String> allowed) {
    String v = string(key, dflt);
    if (v == null || allowed.contains(v)) return v;
    cx.problems().at(node(key), child(key) + ": '" + v + "' is not one of "
        + String.join(", ", allowed) + Suggestions.nearest(v, allowed).map(s -> "; did you mean '" + s + "'?").orElse(""));
    return null;
  }

  /** A list's items (each located as path[i]), null when absent or not a list. */
  List<Node> list(String key) {
    Node n = node(key);
    if (n == null) return null;
    if (!(n instanceof SequenceNode seq)) {
      cx.problems().at(n, child(key) + ": expected a list, found " + Types.describe(n)
          + (n instanceof ScalarNode ? "; write [" + ((ScalarNode) n).getValue() + "]" : ""));
      return null;
    }
    List<Node> items = new ArrayList<>(seq.getValue());
    for (int i = 0; i < items.size(); i++) cx.locate(child(key) + "[" + i + "]", items.get(i));
    return items;
  }

  /** A nested map; null (silently) when absent. */
  MapReader map(String key, Collection<String> allowed) {
    Node n = node(key);
    return n == null ? null : of(cx, child(key), entries.get(key).getKeyNode(), n, allowed);
  }

  /** A string scalar, interpolated; numbers count as their text, booleans must be quoted. */
  String stringValue(Node n, String at) {
    String raw = Types.text(n);
    if (raw == null) {
      String hint = n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)
          ? "; quote it: \"" + s.getValue() + "\"" : "";
      cx.problems().at(n, at + ": expected a string, found " + Types.describe(n) + hint);
      return null;
    }
    return cx.variables().interpolate(raw, n, at, cx.problems());
  }

  Integer intValue(Node n, String at) {
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
      try {
        return Integer.valueOf(s.getValue().replace("_", ""));
      } catch (NumberFormatException e) {
        // hex, octal or too large: not what anyone means by a status code
      }
    }
    cx.problems().at(n, at + ": expected a whole number, found " + Types.describe(n));
    return null;
  }

  ReadContext context() {
    return cx;
  }

  private String keyOf(Node k) {
    if (k instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) && !s.getTag().equals(Tag.MERGE)) {
      return s.getValue();
    }
    String why = k instanceof ScalarNode s && s.getTag().equals(Tag.MERGE)
        ? "merge keys (<<) are not supported; write the keys out"
        : "a key must be a plain name, found " + Types.describe(k);
    cx.problems().at(k, why + " in " + where(path));
    return null;
  }

  private static String where(String path) {
    return path.isEmpty() ? "the top level" : path;
  }

  private static String what(String path) {
    return path.isEmpty() ? "the file" : path;
  }
}
