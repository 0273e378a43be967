package io.siteform.error;

import java.util.Objects;

/**
 * One problem found in a spec, pinned to its place: rendered as {@code FILE:LINE:COLUMN: message}.
 * Lines and columns are 1-based, as editors and compilers print them.
 */
public record Diagnostic(String file, int line, int column, String message)
    implements Comparable<Diagnostic> {

  public Diagnostic {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }

  @Override
  public int compareTo(Diagnostic o) {
    int c = Integer.compare(line, o.line);
    if (c == 0) c = Integer.compare(column, o.column);
    return c != 0 ? c : message.compareTo(o.message);
  }
}
