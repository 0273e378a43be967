package io.siteform.cli;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.operation.DriftOperation;
import io.siteform.engine.plan.Drift;
import io.siteform.engine.render.DriftRenderer;
import io.siteform.engine.render.PlanTextRenderer;
import io.siteform.engine.render.Style;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code siteform drift}: what changed outside siteform since the last apply, for CI. Reads AWS
 * and state, changes neither. Exit 0 none, 2 drift, 1 error; Markdown fits a job summary.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
    description = "Report what changed outside siteform since the last apply. Exit 0 none, 2 drift, 1 error.")
final class DriftCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", completionCandidates = Format.Candidates.class,
      description = "text, json or markdown (a table for a CI job summary; default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
      description = "AWS reads at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Override
  public Integer call() {
    Terminal t = root.terminal;
    Style style = t.style(root.global.noColor);
    PrintWriter out = t.out();
    try (Session session = root.session()) {
      var state = session.readState(session.backend());
      List<Drift> drift = new DriftOperation(session.providers(), state, Math.max(1, parallelism), session.listener(EngineListener.NONE))
          .call().drift();
      // With nothing applied, AWS was compared with nothing: no "AWS matches" claim.
      boolean nothing = state.resources().isEmpty();
      switch (format) {
        case JSON -> out.print(new DriftRenderer().json(drift));
        case MARKDOWN -> out.print(new DriftRenderer().markdown(drift, nothing));
        case TEXT -> out.print(nothing ? PlanTextRenderer.NOTHING_APPLIED + "\n" : drift.isEmpty()
            ? style.green(style.bold("No drift.")) + " AWS matches what siteform last applied.\n"
            : new PlanTextRenderer(style).renderDrift(drift));
      }
      out.flush();
      return drift.isEmpty() ? ExitCode.OK : ExitCode.CHANGES;
    }
  }
}
