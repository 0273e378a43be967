package io.siteform.cli;

import io.siteform.engine.plan.Plan;

/** The error a plan with conflicts ends in: nothing is applied while someone else's object is in the way. */
final class Conflicts {
  private Conflicts() {}

  static int report(ErrorPrinter errors, Plan plan) {
    int n = plan.conflicts().size();
    errors.error(n + (n == 1 ? " object" : " objects")
        + " made outside siteform stand" + (n == 1 ? "s" : "") + " in the way of this plan (listed above);"
        + " siteform never overwrites them. Import or remove " + (n == 1 ? "it" : "them") + ", then plan again.");
    return ExitCode.ERROR;
  }
}
