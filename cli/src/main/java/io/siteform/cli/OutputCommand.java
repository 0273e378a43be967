package io.siteform.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.siteform.engine.operation.OutputsOperation;
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
 * read from state, without calling AWS.
 */
@Command(name = "output", mixinStandardHelpOptions = true,
    description = "Print the site's outputs (distribution, buckets, certificate, URL) from state.")
final class OutputCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @ParentCommand SiteformCommand root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One output; its bare value is printed.")
  String name;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    try (Session session = root.session()) {
      Map<String, Object> outputs = new OutputsOperation(session.spec(), session.readStateAsIs(session.backend()))
          .call().values();
      PrintWriter out = root.terminal.out();
      if (name != null) {
        if (!outputs.containsKey(name)) {
          throw new PlanException("no output named " + name + (outputs.isEmpty()
              ? "; nothing has been applied yet" : "; the outputs are " + String.join(", ", outputs.keySet())));
        }
        Object v = outputs.get(name);
        out.println(json || !(v instanceof String) ? JSON.writeValueAsString(v) : v);
      } else if (json) {
        out.println(JSON.writeValueAsString(outputs));
      } else if (outputs.isEmpty()) {
        out.println("No outputs: nothing has been applied yet. Run `siteform apply`.");
      } else {
        int width = outputs.keySet().stream().mapToInt(String::length).max().orElse(0);
        outputs.forEach((k, v) -> {
          try {
            out.println(String.format("%-" + width + "s", k) + " = " + JSON.writeValueAsString(v));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        });
      }
      out.flush();
      return ExitCode.OK;
    }
  }
}
