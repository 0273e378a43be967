package io.siteform.cli;

import io.siteform.engine.render.Style;
import io.siteform.error.Diagnostic;
import io.siteform.error.SiteformException;
import io.siteform.error.SpecException;
import java.io.PrintWriter;

/**
 * The one place siteform prints {@code Error:}: a short message on stderr, no stack trace unless
 * {@code --debug}. A user error ({@link SiteformException}) says what to do; anything else is a
 * bug in siteform and says so, with the hint to rerun with {@code --debug} for the report.
 */
final class ErrorPrinter {
  static final String BUG = "this is a bug in siteform, please report it";

  private final PrintWriter err;
  private final Style style;
  private final boolean debug;

  ErrorPrinter(PrintWriter err, Style style, boolean debug) {
    this.err = err;
    this.style = style;
    this.debug = debug;
  }

  /** {@code Error: message}; further lines of {@code message} as given. */
  void error(String message) {
    err.println(style.red(style.bold("Error:")) + " " + message);
    err.flush();
  }

  /** Reports {@code e}, a user error or a bug; the command then exits 1. */
  int failure(Throwable e) {
    report(e);
    return ExitCode.ERROR;
  }

  private String bugHint() {
    return "; " + BUG + (debug ? " with the stack trace below." : " (run again with --debug for the details to include).");
  }

  /** Reports {@code e}, a user error or a bug, as {@link #failure} does, for one of several failures. */
  void report(Throwable e) {
    if (e instanceof SpecException se) {
      for (Diagnostic d : se.diagnostics()) err.println(d);
      int n = se.diagnostics().size();
      err.println(n + (n == 1 ? " error" : " errors") + " in " + se.diagnostics().get(0).file()
          + "; nothing was changed.");
    } else if (e instanceof SiteformException se) {
      error(se.getMessage());
    } else if (e instanceof InterruptedException) {
      error("interrupted.");
    } else {
      error("unexpected " + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "") + bugHint());
    }
    if (debug) e.printStackTrace(err);
    err.flush();
  }
}
