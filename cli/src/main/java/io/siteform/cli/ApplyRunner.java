package io.siteform.cli;

import io.siteform.engine.apply.Applier;
import io.siteform.engine.operation.Applied;
import io.siteform.engine.operation.ApplyOperation;
import io.siteform.engine.operation.OutputsOperation;
import io.siteform.engine.operation.PlanRequest;
import io.siteform.engine.operation.RollbackOperation;
import io.siteform.engine.operation.Planned;
import io.siteform.engine.operation.SavedPlanOperation;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.render.PlanTextRenderer;
import io.siteform.engine.render.Style;
import io.siteform.error.UsageException;
import io.siteform.state.State;
import io.siteform.state.StateBackend;
import io.siteform.state.StateLock;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The front end of apply and destroy: locks state, runs the engine's plan (or opens the saved
 * plan), shows it, asks, runs the engine's apply under the Ctrl-C trap, and reports. State is
 * written after every completed step, so even a failed apply keeps what it did.
 */
final class ApplyRunner {
  private final SiteformCommand root;
  private final ApplyOptions options;
  private final boolean destroy;
  private java.nio.file.Path planFile;
  /** Non-null for {@code siteform rollback}: the release asked for, if one was. */
  private Optional<Long> rollback;
  private java.util.Set<io.siteform.engine.resource.Address> targets = java.util.Set.of();

  ApplyRunner(SiteformCommand root, ApplyOptions options, boolean destroy) {
    if (options.parallelism < 1) throw new UsageException("--parallelism must be at least 1");
    this.root = root;
    this.options = options;
    this.destroy = destroy;
  }

  /** Roll back to this release (empty: the one before the latest) instead of publishing the spec. */
  ApplyRunner rollback(Optional<Long> release) {
    this.rollback = release;
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
      throw new UsageException("a saved plan is applied whole; give --target to `siteform plan --out` instead");
    }
    Terminal t = root.terminal;
    Style style = t.style(root.global.noColor);
    PrintWriter out = t.out();
    try (Session session = root.session()) {
      session.waitTimeout(options.waitTimeout);
      if (!destroy) session.desired();
      session.warmUp();
      StateBackend backend = session.backend();
      try (StateLock lock = session.lock(backend, destroy ? "destroy" : "apply")) {
        ProgressPrinter printer = ProgressPrinter.on(t, style);
        var progress = session.listener(printer);
        Planned planned;
        long rolledBackTo = 0;
        if (planFile != null) {
          State stored = backend.read().orElse(null);
          Optional<State> now = Optional.ofNullable(stored != null ? session.owned(stored) : null);
          planned = new SavedPlanOperation(SavedPlans.read(planFile, session.specDirectory()), planFile.toString(), now,
              session.spec().site().name(), session.spec().file(), session.desired(), session.data(),
              session::dataSources).call();
        } else {
          State recorded = session.readState(backend);
          PlanRequest request = destroy ? PlanRequest.destroy(recorded, options.parallelism)
              : new PlanRequest(session.desired(), session.data(), recorded, false, false, options.parallelism,
                  targets);
          session.clients().requireCredentials();
          if (rollback != null) {
            RollbackOperation op = new RollbackOperation(session.providers(), session.dataSources(), request, rollback,
                progress);
            rolledBackTo = op.release().number();
            out.println("Rolling back to release " + rolledBackTo + " (" + op.release().time() + ", "
                + op.release().files().size() + " files, " + op.release().digest() + ").");
            planned = op.call();
          } else {
            planned = session.plan(request, progress);
          }
          Targets.warn(t.err(), targets);
        }
        Plan plan = planned.plan();
        out.println();
        out.print(new PlanTextRenderer(style).render(plan, new PlanTextRenderer.Scope(!targets.isEmpty(), false)));
        out.flush();
        if (!plan.conflicts().isEmpty()) return Conflicts.report(root.errors(), plan);
        if (!plan.hasChanges()) return ExitCode.OK;
        ApplyOperation apply = new ApplyOperation(session.providers(), backend, planned, progress,
            options.parallelism, options.forceDeleteContent)
            .releases(new io.siteform.engine.apply.ReleaseBook(t.clock(), rolledBackTo));
        java.util.List<String> atRisk = apply.contentAtRisk();
        if (!atRisk.isEmpty() && !options.forceDeleteContent) {
          StringBuilder m = new StringBuilder("this " + (destroy ? "destroy" : "apply")
              + " would delete buckets that still hold objects:");
          atRisk.forEach(a -> m.append("\n  - ").append(a));
          root.errors().error(m + "\nNothing was changed. If that content may go, run again with"
              + " --force-delete-content: every object version and delete marker is then removed first.");
          return ExitCode.ERROR;
        }
        if (!atRisk.isEmpty()) {
          out.println();
          out.println(style.red(style.bold("--force-delete-content:")) + " these will be emptied, every version:");
          atRisk.forEach(a -> out.println("  - " + a));
        }
        // A saved plan was reviewed when it was made: applying it is the approval.
        if (planFile == null && !confirmed(t, plan, session)) return ExitCode.ERROR;
        out.println();
        Applied applied;
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        try (InterruptTrap trap = InterruptTrap.install(received -> {
          printer.interject(t.err(), "", style.yellow(received + " received.") + " Stopping: nothing new starts,"
              + " running operations finish and are saved to state. Press Ctrl-C again to exit at once (state is"
              + " already safe).");
          apply.cancel();
        }, received -> {
          printer.interject(t.err(), style.yellow(received + " received again.") + " Stopping the running"
              + " operations now; what AWS has returned is saved to state first.");
          // Every id AWS returned is checkpointed before its wait, and every create recorded before
          // its call: interrupting ends the waits, and the steps record what they have on the way out.
          apply.abort();
          try {
            if (finished.await(ABORT_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) return;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          // A call that does not answer its interrupt: what it may make is recorded as a create in
          // flight, by name or token. halt skips try-with-resources: release the lock first, and
          // never in the middle of a state write.
          apply.betweenStateWrites(() -> {
            try {
              session.releaseLock();
            } catch (RuntimeException e) {
              t.err().println("Warning: " + e.getMessage());
            }
            printer.interject(t.err(), "Exiting at once; state holds every id AWS returned, and the lock is released.");
            Runtime.getRuntime().halt(ExitCode.ERROR);
          });
        })) {
          try {
            applied = apply.call();
          } finally {
            finished.countDown();
          }
        }
        Applier.Result r = applied.result();
        out.println();
        if (r.ok()) {
          out.println(style.green(style.bold((destroy ? "Destroy" : "Apply") + " complete!")) + " Resources: "
              + (destroy ? r.destroyed() + " destroyed." : r.added() + " added, " + r.changed() + " changed, "
                  + r.destroyed() + " destroyed."));
          if (!destroy) printOutputs(out, style, new OutputsOperation(session.spec(), applied.state()).call());
          return ExitCode.OK;
        }
        ErrorPrinter errors = root.errors();
        // A bug says so, with the --debug hint; a user error says what to do.
        for (Applier.StepFailure f : r.failures()) errors.report(f.error());
        if (r.stateWriteFailed()) reportUnrecorded(errors, r);
        PrintWriter err = t.err();
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
  private static void reportUnrecorded(ErrorPrinter errors, Applier.Result r) {
    if (r.unrecorded().isEmpty()) {
      errors.error("a state write failed, so siteform started nothing new; a later write recorded everything done.");
      return;
    }
    StringBuilder m = new StringBuilder("the state could not be written, so siteform started nothing"
        + " new. Done in AWS but not recorded in state:");
    r.unrecorded().forEach(u -> m.append("\n  - ").append(u));
    errors.error(m + "\nThe next apply finds what it recorded by name or token (a create not yet confirmed) by itself;"
        + " `siteform import ADDR ID` adopts an object listed with its id, and a plan shows what is left.");
  }

  /** Terraform's closing "Outputs:" block, every output, from the state just written. */
  private static void printOutputs(PrintWriter out, Style style, OutputsOperation.Outputs all) {
    if (all.values().isEmpty()) return;
    out.println();
    out.println(style.green(style.bold("Outputs:")));
    out.println();
    out.print(new io.siteform.engine.render.OutputRenderer().hcl(all.values()));
  }

  /**
   * Asks on the terminal stdin reads from (the question goes to stdout, or to the terminal itself
   * when stdout is a pipe). Ctrl-C or SIGTERM while it waits cancels: the lock is released and
   * siteform exits 130 (143 for SIGTERM), as a shell reports a command interrupted there.
   */
  private boolean confirmed(Terminal t, Plan plan, Session session) {
    if (options.autoApprove) return true;
    if (!t.canAsk()) {
      root.errors().error((destroy ? "destroy" : "apply") + " needs confirmation, and there is no terminal"
          + " to ask on. Review the plan above, then run again with --auto-approve.");
      return false;
    }
    PrintWriter out = t.prompts();
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
    String answer;
    try (InterruptTrap trap = InterruptTrap.install(received -> {
      out.println();
      out.flush();
      root.errors().error(received + " received: " + (destroy ? "destroy" : "apply")
          + " cancelled, nothing was changed.");
      try {
        session.releaseLock();
      } catch (RuntimeException e) {
        t.err().println("Warning: " + e.getMessage());
      }
      t.err().flush();
      Runtime.getRuntime().exit(ExitCode.signalled(received));
    }, received -> {})) {
      answer = t.ask("\n  Enter a value: ").orElse("");
    }
    if (!answer.equals("yes")) {
      root.errors().error((destroy ? "destroy" : "apply") + " cancelled: nothing was changed.");
      return false;
    }
    return true;
  }
}
