package io.siteform.cli;

import io.siteform.engine.graph.ResourceGraph;
import io.siteform.engine.spec.Spec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code siteform validate}: checks the spec without touching AWS or state. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check the spec; no network, no state. Exit 0 valid, 1 not.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Override
  public Integer call() {
    try (Session session = root.session()) {
      Spec spec = session.spec();
      io.siteform.engine.spec.ContentFolder.requireFolder(spec);
      int resources = new ResourceGraph(session.desired()).addresses().size();
      root.terminal.out().println(root.terminal.style(root.global.noColor).green("Success!")
          + " " + spec.file() + " is valid: " + resources + " resources for site " + spec.site().name() + ".");
      return ExitCode.OK;
    }
  }
}
