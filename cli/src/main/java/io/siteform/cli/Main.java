package io.siteform.cli;

import io.siteform.error.Diagnostic;
import io.siteform.error.ProviderException;
import io.siteform.error.SiteformException;
import io.siteform.error.SpecException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;

/**
 * Entry point. {@link #run} drives the whole CLI in-process for tests; {@code main} only exits
 * with its result. Errors are rendered here, in one place: a short message, a hint, no stack
 * trace unless {@code --debug}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Terminal terminal = new Terminal(out, err, in, System.console() != null, System.getenv());
    System.exit(run(terminal, args));
  }

  public static int run(Terminal terminal, String... args) {
    SiteformCommand root = new SiteformCommand(terminal);
    IFactory factory = new IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == SiteformCommand.class) return cls.cast(root);
        return CommandLine.defaultFactory().create(cls);
      }
    };
    CommandLine cli = new CommandLine(root, factory);
    cli.setOut(terminal.out());
    cli.setErr(terminal.err());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(Main::badUsage);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> failure(root, e));
    cli.setExecutionStrategy(new CommandLine.RunLast());
    // For hints that repeat the command line (the mixin exists once the CommandLine is built).
    root.global.args = java.util.List.of(args);
    int code = cli.execute(args);
    terminal.out().flush();
    terminal.err().flush();
    return code;
  }

  private static int badUsage(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("Error: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCode.ERROR;
  }

  private static int failure(SiteformCommand root, Exception e) {
    PrintWriter err = root.terminal.err();
    boolean debug = root.global != null && root.global.debug;
    if (e instanceof SpecException se) {
      for (Diagnostic d : se.diagnostics()) err.println(d);
      int n = se.diagnostics().size();
      err.println(n + (n == 1 ? " error" : " errors") + " in " + se.diagnostics().get(0).file()
          + "; nothing was changed.");
    } else if (e instanceof ProviderException pe) {
      err.println("Error: " + pe.getMessage());
    } else if (e instanceof SiteformException se) {
      err.println("Error: " + se.getMessage());
    } else if (e instanceof IllegalArgumentException iae) {
      err.println("Error: " + iae.getMessage());
    } else if (e instanceof InterruptedException) {
      err.println("Error: interrupted.");
    } else {
      err.println("Error: unexpected " + e.getClass().getSimpleName()
          + (e.getMessage() != null ? ": " + e.getMessage() : "")
          + (debug ? "" : " (run with --debug for details, and please report it)"));
    }
    if (debug) e.printStackTrace(err);
    err.flush();
    return ExitCode.ERROR;
  }
}
