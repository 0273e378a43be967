package io.siteform.cli;

import io.siteform.engine.operation.ImportOperation;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.engine.render.Style;
import io.siteform.error.PlanException;
import io.siteform.state.State;
import io.siteform.state.StateBackend;
import io.siteform.state.StateLock;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code siteform import ADDR ID}: adopts an object made outside siteform (by hand, following the
 * seed) into state at an address the spec expands to. AWS is only read; the next plan shows what
 * differs between the object and the spec.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Adopt an object made outside siteform into state at ADDR; AWS is only read.")
final class ImportCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Parameters(index = "0", paramLabel = "ADDR", description = "An address the spec expands to, e.g. route53_record.a_www_example_com.")
  String address;

  @Parameters(index = "1", paramLabel = "ID", description = "The object's id in AWS, as the plan or the AWS console names it.")
  String id;

  @Override
  public Integer call() {
    Terminal t = root.terminal;
    Style style = t.style(root.global.noColor);
    PrintWriter out = t.out();
    try (Session session = root.session()) {
      Address target = parse(address);
      ResourceSpec spec = ImportOperation.resourceAt(session.desired(), target);
      StateBackend backend = session.backend();
      try (StateLock lock = session.lock(backend, "import")) {
        State state = session.readState(backend);
        new ImportOperation(session.providers(), backend, state, spec, id).call();
      }
      out.println(style.green(style.bold("Import successful!")) + " " + target + " now manages " + id + ".");
      out.println("Run `siteform plan` to see how it differs from the spec; apply brings it in line.");
      out.flush();
      return ExitCode.OK;
    }
  }

  private static Address parse(String text) {
    try {
      return Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw new PlanException(e.getMessage());
    }
  }
}
