package io.siteform.cli;

import io.siteform.engine.render.StateTextRenderer;
import io.siteform.state.StateCodec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code siteform show [--json]}: everything state records, read-only. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Print what state records about every object (or a saved plan, given its file).")
final class ShowCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Option(names = "--json", description = "Print JSON: the state document, or the plan in the contract's shape.")
  boolean json;

  @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved by `plan --out`.")
  java.nio.file.Path planFile;

  @Override
  public Integer call() {
    if (planFile != null) {
      var plan = SavedPlans.read(planFile, io.siteform.engine.spec.ContentFolder.specFolder(root.global.file.toString())).plan();
      var style = root.terminal.style(root.global.noColor);
      root.terminal.out().print(json ? new io.siteform.engine.render.PlanJsonRenderer().render(plan)
          : new io.siteform.engine.render.PlanTextRenderer(style).render(plan));
      root.terminal.out().flush();
      return ExitCode.OK;
    }
    try (Session session = root.session()) {
      var state = session.readStateAsIs(session.backend());
      PrintWriter out = root.terminal.out();
      out.print(json ? new StateCodec().toJson(state)
          : new StateTextRenderer(root.terminal.style(root.global.noColor)).render(state));
      out.flush();
      return ExitCode.OK;
    }
  }
}
