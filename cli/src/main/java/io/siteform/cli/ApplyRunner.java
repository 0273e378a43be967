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
  private java.nio.file.Path planFile;

  ApplyRunner(SiteformCommand root, boolean autoApprove, int parallelism, boolean destroy,
      java.time.Duration waitTimeout) {
    this.waitTimeout = waitTimeout;
    if (parallelism < 1) throw new PlanException("--parallelism must be at least 1");
    this.root = root;
    this.autoApprove = autoApprove;
    this.parallelism = parallelism;
    this.destroy = destroy;
  }

  private java.util.Set<io.siteform.engine.resource.Address> targets = java.util.Set.of();

  private boolean forceDeleteContent;

  ApplyRunner forceDeleteContent(boolean force) {
    this.forceDeleteContent = force;
    return this;
  }

  ApplyRunner targets(java.util.Set<io.siteform.engine.resource.Address> targets) {
    this.targets = targets;
    return this;
  }

  /** Apply this saved plan instead of planning afresh. */
  ApplyRunner planFile(java.nio.file.Path file) {
    this.planFile = file;
    return this;
  }

  int run() throws InterruptedException {
    if (planFile != null && !targets.isEmpty()) {
      throw new PlanException("a saved plan is applied whole; give --target to `siteform plan --out` instead");
    }
    Terminal t = root.terminal;
    Style style = t.style(root.global.noColor);
    PrintWriter out = t.out();
    try (Session session = root.session()) {
      session.waitTimeout(waitTimeout);
      if (!destroy) session.desired();
      StateBackend backend = session.backend();
      try (StateLock lock = session.lock(backend, destroy ? "destroy" : "apply")) {
        ProgressPrinter progress = new ProgressPrinter(out, style, t.interactive());
        Plan plan;
        io.siteform.state.State base;
        if (planFile != null) {
          // No state yet: the plan's lineage becomes the new state's.
          io.siteform.state.State stored = backend.read().orElse(null);
          io.siteform.state.State now = stored != null ? session.owned(stored) : null;
          plan = saved(session, now);
          base = now != null ? now
              : new io.siteform.state.State(io.siteform.state.State.FORMAT_VERSION, 0, plan.lineage(), java.util.List.of())
                  .withSite(session.spec().site().name());
        } else {
          Planning.Planned planned = Planning.plan(session, session.readState(backend), false, destroy,
              parallelism, progress, targets);
          Targets.warn(t.err(), targets);
          plan = planned.plan();
          base = planned.refreshed();
        }
        out.println();
        out.print(new PlanTextRenderer(style).render(plan));
        out.flush();
        if (!plan.conflicts().isEmpty()) return Conflicts.report(t, style, plan);
        if (!plan.hasChanges()) return ExitCode.OK;
        java.util.List<String> atRisk = contentAtRisk(session, plan);
        if (!atRisk.isEmpty() && !forceDeleteContent) {
          PrintWriter err = t.err();
          err.println(style.red(style.bold("Error:")) + " this " + (destroy ? "destroy" : "apply")
              + " would delete buckets that still hold objects:");
          atRisk.forEach(a -> err.println("  - " + a));
          err.println("Nothing was changed. If that content may go, run again with --force-delete-content:"
              + " every object version and delete marker is then removed first.");
          err.flush();
          return ExitCode.ERROR;
        }
        if (!atRisk.isEmpty()) {
          out.println();
          out.println(style.red(style.bold("--force-delete-content:")) + " these will be emptied, every version:");
          atRisk.forEach(a -> out.println("  - " + a));
        }
        // A saved plan was reviewed when it was made: applying it is the approval.
        if (planFile == null && !confirmed(t, plan)) return ExitCode.ERROR;
        out.println();
        StateRecorder recorder = new StateRecorder(backend, base);
        Applier applier = new Applier(session.providers(), recorder,
            progress, parallelism).forceDeleteContent(forceDeleteContent);
        Applier.Result r;
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        try (InterruptTrap trap = InterruptTrap.install(received -> {
          t.err().println();
          t.err().println(style.yellow(received + " received.") + " Stopping: nothing new starts, running operations"
              + " finish and are saved to state. Press Ctrl-C again to exit at once (state is already safe).");
          t.err().flush();
          applier.cancel();
        }, received -> {
          t.err().println(style.yellow(received + " received again.") + " Stopping the running operations now;"
              + " what AWS has returned is saved to state first.");
          t.err().flush();
          // Every id AWS returned is checkpointed before its wait, and every create recorded before
          // its call: interrupting ends the waits, and the steps record what they have on the way out.
          applier.abort();
          try {
            if (finished.await(ABORT_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) return;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          // A call that does not answer its interrupt: what it may make is recorded as a create in
          // flight, by name or token. halt skips try-with-resources: release the lock first, and
          // never in the middle of a state write.
          recorder.between(() -> {
            try {
              session.releaseLock();
            } catch (RuntimeException e) {
              t.err().println("Warning: " + e.getMessage());
            }
            t.err().println("Exiting at once; state holds every id AWS returned, and the lock is released.");
            t.err().flush();
            Runtime.getRuntime().halt(ExitCode.ERROR);
          });
        })) {
          try {
            r = applier.apply(plan);
          } finally {
            finished.countDown();
          }
        }
        out.println();
        if (r.ok()) {
          out.println(style.green(style.bold((destroy ? "Destroy" : "Apply") + " complete!")) + " Resources: "
              + (destroy ? r.destroyed() + " destroyed." : r.added() + " added, " + r.changed() + " changed, "
                  + r.destroyed() + " destroyed."));
          if (!destroy) printOutputs(out, style, session, recorder.current());
          return ExitCode.OK;
        }
        PrintWriter err = t.err();
        for (Applier.StepFailure f : r.failures()) {
          err.println(style.red(style.bold("Error:")) + " " + f.error().getMessage());
        }
        if (r.stateWriteFailed()) reportUnrecorded(err, style, r);
        boolean stopped = r.cancelled() && !r.stateWriteFailed();
        err.println((destroy ? "Destroy" : "Apply") + (stopped ? " interrupted: " : " incomplete: ") + r.added()
            + " added, " + r.changed() + " changed, " + r.destroyed() + " destroyed; " + r.failures().size()
            + " failed, " + r.skipped().size() + " not started. "
            + (r.unrecorded().isEmpty() ? "State keeps everything that completed; run the command again to continue."
                : "Run the command again once the state can be written."));
        err.flush();
        return ExitCode.ERROR;
      }
    }
  }

  /** How long the second Ctrl-C waits for the interrupted operations to record what they have. */
  private static final java.time.Duration ABORT_GRACE = java.time.Duration.ofSeconds(3);

  /** After a state write failed: what AWS holds that the stored state does not. */
  private static void reportUnrecorded(PrintWriter err, Style style, Applier.Result r) {
    if (r.unrecorded().isEmpty()) {
      err.println(style.red(style.bold("Error:")) + " a state write failed, so siteform started nothing new;"
          + " a later write recorded everything done.");
      return;
    }
    err.println(style.red(style.bold("Error:")) + " the state could not be written, so siteform started nothing"
        + " new. Done in AWS but not recorded in state:");
    r.unrecorded().forEach(u -> err.println("  - " + u));
    err.println("The next apply finds what it recorded by name or token (a create not yet confirmed) by itself;"
        + " `siteform import ADDR ID` adopts an object listed with its id, and a plan shows what is left.");
  }

  /** Terraform's closing "Outputs:" block, from the state just written. */
  private static void printOutputs(PrintWriter out, Style style, Session session, io.siteform.state.State state) {
    var outputs = OutputCommand.outputs(session, state);
    for (String key : java.util.List.of("primary_bucket", "replica_buckets")) outputs.remove(key);
    if (outputs.isEmpty()) return;
    out.println();
    out.println(style.green(style.bold("Outputs:")));
    out.println();
    int width = outputs.keySet().stream().mapToInt(String::length).max().orElse(0);
    outputs.forEach((k, v) -> out.println(String.format("%-" + width + "s", k) + " = \"" + v + "\""));
  }

  /** The saved plan, if it still describes this state, spec and data; a clear refusal otherwise. */
  private Plan saved(Session session, io.siteform.state.State now) {
    var saved = SavedPlans.read(planFile);
    Plan plan = saved.plan();
    String remake = "; run `siteform plan --out " + planFile + "` again and review the new plan";
    if (now == null) {
      if (plan.stateSerial() != 0) {
        throw new io.siteform.error.PlanException(planFile + " was made from a state that no longer exists" + remake);
      }
    } else if (!now.lineage().equals(plan.lineage())) {
      throw new io.siteform.error.PlanException(planFile + " was made for another state (lineage "
          + plan.lineage() + ", this state's is " + now.lineage() + ")" + remake);
    }
    if (now != null && now.serial() != plan.stateSerial()) {
      throw new io.siteform.error.PlanException(planFile + " is stale: the state changed since it was made"
          + " (serial " + plan.stateSerial() + ", now " + now.serial() + ")" + remake);
    }
    if (!Planning.specDigest(session).equals(saved.specDigest())) {
      throw new io.siteform.error.PlanException(planFile + " is stale: " + session.spec().file()
          + " or its variables changed since it was made" + remake);
    }
    var data = new io.siteform.engine.plan.DataReader(session.dataSources()).read(session.data());
    if (!io.siteform.engine.planfile.PlanFile.dataDigest(data).equals(saved.dataDigest())) {
      throw new io.siteform.error.PlanException(planFile + " is stale: what it read changed since it was made"
          + " (the site's files or the hosted zone)" + remake);
    }
    return plan;
  }

  /** What the plan's deletes would destroy beyond the objects themselves (a bucket's objects). */
  private static java.util.List<String> contentAtRisk(Session session, Plan plan) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (var c : plan.actions()) {
      if (!c.action().deletes() || c.prior().isEmpty() || c.prior().get().isCreating()) continue;
      var prior = c.prior().get();
      session.providers().get(c.address().type()).contentAtRisk(prior.region(), prior.id())
          .ifPresent(what -> out.add(c.address() + ": " + what));
    }
    return out;
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
    if (destroy) {
      out.println("siteform will destroy:");
      plan.actions().forEach(c -> out.println("  - " + c.address() + c.prior()
          .map(p -> p.isCreating() ? " (a create that never confirmed)" : " (" + p.id() + ")").orElse("")));
      out.println();
    }
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
