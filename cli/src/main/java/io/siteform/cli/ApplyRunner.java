package io.siteform.cli;

import io.siteform.engine.apply.Applier;
import io.siteform.engine.apply.StateRecorder;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.render.PlanTextRenderer;
import io.siteform.engine.render.Style;
import io.siteform.error.PlanException;
import io.siteform.state.StateBackend;
import io.siteform.state.StateLock;
import java.io.PrintWriter;

/**
 * The common path of apply and destroy: lock state, refresh, plan, show the plan, ask, apply,
 * and report. State is written after every completed step, so even a failed apply keeps what it
 * did.
 */
final class ApplyRunner {
  private final SiteformCommand root;
  private final boolean autoApprove;
  private final int parallelism;
  private final boolean destroy;
  private final java.time.Duration waitTimeout;

  ApplyRunner(SiteformCommand root, boolean autoApprove, int parallelism, boolean destroy,
      java.time.Duration waitTimeout) {
    this.waitTimeout = waitTimeout;
    if (parallelism < 1) throw new PlanException("--parallelism must be at least 1");
    this.root = root;
    this.autoApprove = autoApprove;
    this.parallelism = parallelism;
    this.destroy = destroy;
  }

  int run() throws InterruptedException {
    Terminal t = root.terminal;
    Style style = t.style(root.global.noColor);
    PrintWriter out = t.out();
    try (Session session = root.session()) {
      session.waitTimeout(waitTimeout);
      if (!destroy) session.desired();
      StateBackend backend = session.backend();
      try (StateLock lock = backend.lock(destroy ? "destroy" : "apply")) {
        ProgressPrinter progress = new ProgressPrinter(out, style);
        Planning.Planned planned = Planning.plan(session, session.readState(backend), false, destroy,
            parallelism, progress);
        Plan plan = planned.plan();
        out.println();
        out.print(new PlanTextRenderer(style).render(plan));
        out.flush();
        if (!plan.conflicts().isEmpty()) return Conflicts.report(t, style, plan);
        if (!plan.hasChanges()) return ExitCode.OK;
        if (!confirmed(t, plan)) return ExitCode.ERROR;
        out.println();
        Applier applier = new Applier(session.providers(), new StateRecorder(backend, planned.refreshed()),
            progress, parallelism);
        Applier.Result r = applier.apply(plan);
        out.println();
        if (r.ok()) {
          out.println(style.green(style.bold((destroy ? "Destroy" : "Apply") + " complete!")) + " Resources: "
              + (destroy ? r.destroyed() + " destroyed." : r.added() + " added, " + r.changed() + " changed, "
                  + r.destroyed() + " destroyed."));
          return ExitCode.OK;
        }
        PrintWriter err = t.err();
        for (Applier.StepFailure f : r.failures()) {
          err.println(style.red(style.bold("Error:")) + " " + f.error().getMessage());
        }
        err.println((destroy ? "Destroy" : "Apply") + " incomplete: " + r.added() + " added, " + r.changed()
            + " changed, " + r.destroyed() + " destroyed; " + r.failures().size() + " failed, "
            + r.skipped().size() + " not started. State keeps everything that completed; run the command again"
            + " to continue.");
        err.flush();
        return ExitCode.ERROR;
      }
    }
  }

  private boolean confirmed(Terminal t, Plan plan) {
    if (autoApprove) return true;
    PrintWriter err = t.err();
    if (!t.interactive()) {
      err.println("Error: " + (destroy ? "destroy" : "apply") + " needs confirmation, and there is no terminal"
          + " to ask on. Review the plan above, then run again with --auto-approve.");
      err.flush();
      return false;
    }
    PrintWriter out = t.out();
    out.println();
    out.println(destroy
        ? "Do you really want to destroy all resources listed above? There is no undo."
        : "Do you want to perform these actions?");
    out.println("  Only 'yes' will be accepted to approve.");
    String answer = t.ask("\n  Enter a value: ").orElse("");
    if (!answer.equals("yes")) {
      err.println("Error: " + (destroy ? "destroy" : "apply") + " cancelled: nothing was changed.");
      err.flush();
      return false;
    }
    return true;
  }
}
