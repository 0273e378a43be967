package io.siteform.cli;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.operation.PlanRequest;
import io.siteform.engine.operation.Planned;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.render.PlanJsonRenderer;
import io.siteform.engine.render.PlanTextRenderer;
import io.siteform.engine.render.Style;
import io.siteform.state.StateBackend;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code siteform plan}: refresh, diff, print. Never changes AWS or state. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Refresh from AWS, compare with the spec and print what apply would do.")
final class PlanCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Option(names = "--json", description = "Print the plan as JSON (Terraform's plan shape); --format json.")
  boolean json;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      completionCandidates = Format.Candidates.class,
      description = "text, json or markdown (a summary table and the whole plan folded, for a pull-request"
          + " comment or a CI job summary; default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--detailed-exitcode", description = "Exit 0 no changes, 1 error, 2 changes.")
  boolean detailedExitcode;

  @Option(names = "--refresh-only", description = "Only report what changed outside siteform.")
  boolean refreshOnly;

  @Option(names = "--offline", description = "Plan without any AWS request, taking state as live.")
  boolean offline;

  @Option(names = "--target", paramLabel = "ADDR",
      description = "Plan only this resource and what it depends on; repeatable.")
  java.util.List<String> targets;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Save the plan; `siteform apply FILE` applies exactly it (and refuses it once stale).")
  java.nio.file.Path outFile;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
      description = "AWS reads at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Override
  public Integer call() {
    Terminal t = root.terminal;
    Style style = t.style(root.global.noColor);
    PrintWriter out = t.out();
    if (json && format != Format.TEXT && format != Format.JSON) {
      throw new io.siteform.error.UsageException("--json is --format json; it cannot be combined with --format "
          + format.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (format == Format.JSON) json = true;
    boolean markdown = format == Format.MARKDOWN;
    if (outFile != null && (offline || refreshOnly)) {
      throw new io.siteform.error.UsageException("--out saves a plan to apply; it cannot be combined with "
          + (offline ? "--offline (an offline plan never looked at AWS)" : "--refresh-only"));
    }
    try (Session session = root.session()) {
      session.desired();
      if (offline && session.spec().backend().type() == io.siteform.engine.spec.BackendSpec.Type.S3) {
        throw new io.siteform.error.PlanException("--offline makes no AWS request, but this spec keeps its state"
            + " in S3 (backend: s3); plan without --offline, or with a local backend");
      }
      if (!offline) session.warmUp();
      StateBackend backend = session.backend();
      EngineListener listener = session.listener(json || markdown ? EngineListener.NONE : ProgressPrinter.on(t, style));
      var targetSet = Targets.parse(targets);
      var request = new PlanRequest(session.desired(), session.data(), session.readState(backend), offline, false,
          Math.max(1, parallelism), targetSet);
      if (!offline) session.clients().requireCredentials();
      Planned planned = session.plan(request, listener);
      Targets.warn(t.err(), targetSet);
      Plan plan = planned.plan();
      if (refreshOnly) {
        plan = new Plan(plan.drift(), java.util.List.of(), plan.stateSerial(), plan.lineage(), false);
      }
      if (json) {
        out.print(new PlanJsonRenderer().render(plan,
            new io.siteform.engine.operation.OutputsOperation(session.spec(), planned.base()).changes(plan)));
      } else if (markdown) {
        out.print(refreshOnly
            ? new io.siteform.engine.render.DriftRenderer().markdown(plan.drift(),
                planned.base().resources().isEmpty() && plan.drift().isEmpty())
            : new io.siteform.engine.render.PlanMarkdownRenderer().render(plan,
                new PlanTextRenderer.Scope(!targetSet.isEmpty(), offline)));
      } else {
        if (!plan.drift().isEmpty() || plan.hasChanges() || !refreshOnly) out.println();
        if (refreshOnly) {
          out.print(new PlanTextRenderer(style).renderRefreshOnly(plan.drift(),
              planned.base().resources().isEmpty() && plan.drift().isEmpty(), offline));
        } else {
          out.print(new PlanTextRenderer(style).render(plan,
              new PlanTextRenderer.Scope(!targetSet.isEmpty(), offline)));
        }
      }
      if (outFile != null) {
        var files = new io.siteform.engine.planfile.PlanFile(session.specDirectory());
        SavedPlans.write(outFile, files.write(plan, files.specDigest(session.desired(), session.data()),
            files.dataDigest(planned.data())));
        if (!json && !markdown) out.println("\nSaved the plan to " + outFile + ". To perform exactly these actions, run:\n"
            + "    siteform apply " + outFile);
      }
      out.flush();
      if (!plan.conflicts().isEmpty()) return Conflicts.report(root.errors(), plan);
      boolean changes = refreshOnly ? !plan.drift().isEmpty() : plan.hasChanges();
      return detailedExitcode && changes ? ExitCode.CHANGES : ExitCode.OK;
    }
  }
}
