package io.siteform.cli;

import io.siteform.engine.graph.ResourceGraph;
import io.siteform.engine.render.GraphDotRenderer;
import io.siteform.error.PlanException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code siteform graph [--format dot|svg]}: the spec's resources and their dependencies. */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Print the resource graph as DOT, or as SVG through Graphviz's dot.")
final class GraphCommand implements Callable<Integer> {
  enum Format { DOT, SVG }

  /** Completion offers the values as they are written (and accepted): in lower case. */
  static final class Formats extends java.util.ArrayList<String> {
    Formats() {
      super(java.util.List.of("dot", "svg"));
    }
  }

  @ParentCommand SiteformCommand root;

  @Option(names = "--format", defaultValue = "dot", paramLabel = "FORMAT", completionCandidates = Formats.class,
      description = "dot or svg (needs Graphviz's `dot` on PATH; default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws IOException, InterruptedException {
    try (Session session = root.session()) {
      String dot = new GraphDotRenderer().render(new ResourceGraph(session.desired()));
      PrintWriter out = root.terminal.out();
      out.print(format == Format.DOT ? dot : svg(dot));
      out.flush();
      return ExitCode.OK;
    }
  }

  private static String svg(String dot) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("dot", "-Tsvg").redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      throw new PlanException("--format svg needs Graphviz's `dot` on PATH, and it is not there; install"
          + " Graphviz (apt install graphviz, brew install graphviz) or use --format dot");
    }
    try (var in = p.getOutputStream()) {
      in.write(dot.getBytes(StandardCharsets.UTF_8));
    }
    String svg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new PlanException("Graphviz's dot failed: " + svg.strip());
    }
    return svg;
  }
}
