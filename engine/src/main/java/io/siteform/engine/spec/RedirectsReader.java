package io.siteform.engine.spec;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code content.redirects}: moved pages, each a path the viewer-request function answers with a
 * 301 to a path of the site or an https URL. Checks what would never match (a key with a query
 * string, no leading '/'), what would loop, and what would not fit the function's 10 KB.
 */
final class RedirectsReader {
  /**
   * What the redirect table may take of the function's code. CloudFront Functions are at most
   * 10 KB (quotas); the routing code around the table takes about 2 KB, and leaves room for the names of
   * {@code domain.redirect_from}.
   */
  static final int TABLE_BUDGET = 7 * 1024;

  Map<String, String> read(MapReader m) {
    Map<String, String> raw = m.stringMap("redirects", "write where the page moved as a string, such as"
        + " \"/new.html\"");
    if (raw == null) return null;
    Node at = m.node("redirects");
    String base = m.child("redirects");
    Map<String, String> out = new LinkedHashMap<>();
    boolean ok = true;
    int bytes = 0;
    for (Map.Entry<String, String> e : raw.entrySet()) {
      String from = e.getKey();
      String to = e.getValue();
      String path = base + "." + from;
      String problem = fromProblem(from);
      Node where = HeadersReader.keyNode(at, from);
      if (problem == null) {
        problem = toProblem(from, to);
        where = valueNode(at, from);
      }
      if (problem != null) {
        m.context().problems().at(where, path + ": " + problem);
        ok = false;
        continue;
      }
      bytes += from.length() + to.length() + 8;
      out.put(from, to);
    }
    ok &= noLoops(m, at, base, out);
    if (ok && bytes > TABLE_BUDGET) {
      m.context().problems().at(at, base + ": " + out.size() + " redirects take about " + bytes
          + " bytes, more than the " + TABLE_BUDGET + " a CloudFront Function (10 KB at most) has room for;"
          + " redirect whole folders from one entry each, or drop redirects nobody follows any more");
      ok = false;
    }
    return ok ? out : null;
  }

  private static String fromProblem(String from) {
    if (!from.startsWith("/")) {
      return "a redirect's key is the path of the moved page, starting with '/'; write \"/" + from + "\"";
    }
    if (from.contains("?") || from.contains("#")) {
      return "the function matches the path alone, without query string or fragment; write \""
          + from.replaceAll("[?#].*", "") + "\"";
    }
    if (from.chars().anyMatch(c -> c <= ' ')) {
      return "a path has no spaces or control characters; percent-encode a space as %20";
    }
    return null;
  }

  private static String toProblem(String from, String to) {
    if (to.startsWith("http://")) {
      return "write \"https://" + to.substring(7) + "\": the site is served over HTTPS, and a 301 to HTTP"
          + " would downgrade the visitor";
    }
    boolean url = to.startsWith("https://") && to.length() > "https://".length() && !to.startsWith("https:///");
    boolean sitePath = to.startsWith("/") && !to.startsWith("//");
    if (!url && !sitePath) {
      return "'" + to + "' is neither a path of the site (\"/new.html\") nor an https URL"
          + " (\"https://example.org/page\")";
    }
    if (to.chars().anyMatch(c -> c <= ' ')) {
      return "a Location has no spaces or control characters; percent-encode a space as %20";
    }
    if (to.equals(from)) return "redirects to itself, which browsers give up on; remove it";
    return null;
  }

  /** A chain of site paths that comes back to where it started would loop in the browser. */
  private static boolean noLoops(MapReader m, Node at, String base, Map<String, String> redirects) {
    for (String start : redirects.keySet()) {
      Set<String> seen = new HashSet<>();
      String cur = start;
      while (redirects.containsKey(cur) && seen.add(cur)) cur = redirects.get(cur);
      if (cur.equals(start) && seen.size() > 1) {
        m.context().problems().at(HeadersReader.keyNode(at, start), base + "." + start + ": the redirects "
            + String.join(" -> ", chain(start, redirects)) + " go round in a loop; point one of them at the"
            + " page that now holds the content");
        return false;
      }
    }
    return true;
  }

  private static java.util.List<String> chain(String start, Map<String, String> redirects) {
    java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of(start));
    String cur = redirects.get(start);
    while (!cur.equals(start)) {
      out.add(cur);
      cur = redirects.get(cur);
    }
    out.add(start);
    return out;
  }

  private static Node valueNode(Node map, String key) {
    if (map instanceof org.yaml.snakeyaml.nodes.MappingNode mn) {
      for (var t : mn.getValue()) {
        if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k && k.getValue().equals(key)) {
          return t.getValueNode();
        }
      }
    }
    return map;
  }
}
