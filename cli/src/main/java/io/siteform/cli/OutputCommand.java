package io.siteform.cli;

import io.siteform.engine.operation.OutputsOperation;
import io.siteform.engine.render.OutputRenderer;
import io.siteform.error.PlanException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code siteform output [NAME] [--json]}: what scripts need from an applied site — the
 * distribution's id and domain, the buckets and their regions, the certificate, the site's URL —
 * read from state, without calling AWS. Printed in HCL, sorted by name, as {@code terraform output}.
 */
@Command(name = "output", mixinStandardHelpOptions = true,
    description = "Print the site's outputs (distribution, buckets, certificate, URL) from state.")
final class OutputCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One output; its bare value is printed.")
  String name;

  @Option(names = "--json", description = "Print as JSON: each output's value, type and sensitive, as Terraform does.")
  boolean json;

  @Override
  public Integer call() {
    try (Session session = root.session()) {
      Map<String, Object> outputs = new OutputsOperation(session.spec(), session.readStateAsIs(session.backend()))
          .call().values();
      OutputRenderer render = new OutputRenderer();
      PrintWriter out = root.terminal.out();
      if (name != null) {
        if (!outputs.containsKey(name)) {
          throw new PlanException("no output named " + name + (outputs.isEmpty()
              ? "; nothing has been applied yet" : "; the outputs are " + String.join(", ", outputs.keySet())));
        }
        Object v = outputs.get(name);
        // A string alone prints bare, for scripts (as `terraform output -raw`); other values in HCL.
        out.print(json ? render.jsonValue(v) : v instanceof String s ? s + "\n" : render.hclValue(v) + "\n");
      } else if (json) {
        out.print(render.json(outputs));
      } else if (outputs.isEmpty()) {
        out.println("No outputs: nothing has been applied yet. Run `siteform apply`.");
      } else {
        out.print(render.hcl(outputs));
      }
      out.flush();
      return ExitCode.OK;
    }
  }
}
