package io.siteform.engine.spec;

import io.siteform.error.Diagnostic;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each value of a spec was written, by path ({@code primary.bucket}, {@code
 * replicas[0].region}), so that problems found after loading (a hosted zone that does not exist)
 * still point at a line and column.
 */
public final class Locations {
  private final String file;
  private final Map<String, int[]> byPath;

  public Locations(String file, Map<String, int[]> byPath) {
    this.file = file;
    this.byPath = new TreeMap<>();
    byPath.forEach((k, v) -> this.byPath.put(k, new int[] {v[0], v[1]}));
  }

  public String file() {
    return file;
  }

  /** A diagnostic at {@code path}, or at the path's nearest written ancestor, or at 1:1. */
  public Diagnostic at(String path, String message) {
    String p = path;
    while (true) {
      int[] lc = byPath.get(p);
      if (lc != null) return new Diagnostic(file, lc[0], lc[1], message);
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) return new Diagnostic(file, 1, 1, message);
      p = p.substring(0, cut);
    }
  }

  public Optional<int[]> lineColumn(String path) {
    int[] lc = byPath.get(path);
    return lc == null ? Optional.empty() : Optional.of(new int[] {lc[0], lc[1]});
  }
}
