package io.siteform.cli;

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
    long entered = System.currentTimeMillis();
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.exit(run(surroundings(out, err, in, System.getenv()), entered, args));
  }

  /**
   * What this process runs in. Colours and progress redrawn in place follow stdout; the prompt
   * follows stdin, as Terraform's does: under {@code apply | tee log} stdin is still the terminal,
   * so the question goes to the terminal and the answer comes from stdin.
   */
  static Terminal surroundings(PrintWriter out, PrintWriter err, BufferedReader in, java.util.Map<String, String> env) {
    boolean both = System.console() != null;
    boolean stdout = both || Tty.isTerminal(Tty.STDOUT);
    boolean stdin = both || Tty.isTerminal(Tty.STDIN);
    PrintWriter prompts = !stdin ? null : stdout ? out : Tty.openTerminal().orElse(err);
    java.util.function.IntSupplier columns = stdout ? Tty.width(env) : () -> 0;
    return new Terminal(out, err, in, stdout, env, prompts, columns);
  }

  public static int run(Terminal terminal, String... args) {
    return run(terminal, 0L, args);
  }

  /** @param mainEntered when {@code main} began (epoch millis), for {@code --stats}; 0 in a test's JVM */
  static int run(Terminal terminal, long mainEntered, String... args) {
    SiteformCommand root = new SiteformCommand(terminal, mainEntered);
    IFactory factory = new IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == SiteformCommand.class) return cls.cast(root);
        return CommandLine.defaultFactory().create(cls);
      }
    };
    CommandLine cli = new CommandLine(root, factory);
    SiteformCommand.register(cli, args);
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
    // Before the options are parsed there is no --no-color to honour: plain.
    new ErrorPrinter(err, io.siteform.engine.render.Style.PLAIN, false).error(usageMessage(e));
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCode.ERROR;
  }

  /** picocli's message said as siteform says things: what was wrong and what to write instead. */
  static String usageMessage(ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      boolean command = u.getCommandLine().getSubcommands().size() > 1 && !first.startsWith("-");
      return (first.startsWith("-") ? "unknown option '" : command ? "unknown command '" : "unexpected argument '")
          + first + "'";
    }
    if (e instanceof CommandLine.MissingParameterException m && m.getMissing() != null && !m.getMissing().isEmpty()) {
      var arg = m.getMissing().get(0);
      if (arg.isOption()) {
        String name = ((picocli.CommandLine.Model.OptionSpec) arg).longestName();
        return name + " needs a value: " + name + " " + arg.paramLabel()
            + (name.equals("--var") ? " (for example --var owner=jane)" : "");
      }
      return "missing " + arg.paramLabel();
    }
    String message = String.valueOf(e.getMessage());
    // "Value for option option '--var' (NAME=VALUE) should be in KEY=VALUE format but was x"
    java.util.regex.Matcher keyValue = java.util.regex.Pattern
        .compile("option '(--[a-z-]+)' \\(([^)]*)\\) should be in KEY=VALUE format but was (.*)").matcher(message);
    if (keyValue.find()) {
      return keyValue.group(1) + " takes " + keyValue.group(2) + ", not '" + keyValue.group(3)
          + "' (for example " + keyValue.group(1) + " owner=jane)";
    }
    return message.replace("option option", "option");
  }

  private static int failure(SiteformCommand root, Exception e) {
    boolean debug = root.global != null && root.global.debug;
    return root.errors(debug).failure(e);
  }
}
