package io.siteform.cli;

import io.siteform.engine.plan.Plan;
import io.siteform.engine.render.Style;
import java.io.PrintWriter;

/** The error a plan with conflicts ends in: nothing is applied while someone else's object is in the way. */
final class Conflicts {
  private Conflicts() {}

  static int report(Terminal t, Style style, Plan plan) {
    PrintWriter err = t.err();
    int n = plan.conflicts().size();
    err.println(style.red(style.bold("Error:")) + " " + n + (n == 1 ? " object" : " objects")
        + " made outside siteform stand" + (n == 1 ? "s" : "") + " in the way of this plan (listed above);"
        + " siteform never overwrites them. Import or remove " + (n == 1 ? "it" : "them") + ", then plan again.");
    err.flush();
    return ExitCode.ERROR;
  }
}
