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

  @Option(names = "--json", description = "Print the state document as JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (Session session = root.session()) {
      var state = session.readState(session.backend());
      PrintWriter out = root.terminal.out();
      out.print(json ? new StateCodec().toJson(state)
          : new StateTextRenderer(root.terminal.style(root.global.noColor)).render(state));
      out.flush();
      return ExitCode.OK;
    }
  }
}
