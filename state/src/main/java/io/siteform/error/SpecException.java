package io.siteform.error;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a spec, reported together; nothing was touched. */
public final class SpecException extends SiteformException {
  private final List<Diagnostic> diagnostics;

  public SpecException(List<Diagnostic> diagnostics) {
    super(render(diagnostics), null);
    if (diagnostics.isEmpty()) throw new IllegalArgumentException("no diagnostics");
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String render(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
  }
}
