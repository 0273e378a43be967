package io.siteform.cli;

import io.siteform.engine.render.Versions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code siteform}: the top command, holding the options every command shares. */
@Command(
    name = "siteform",
    mixinStandardHelpOptions = true,
    version = "siteform " + Versions.SITEFORM,
    description = "Builds and keeps a multi-region static website on AWS from one siteform.yaml.",
    commandListHeading = "%nCommands:%n")
final class SiteformCommand {
  /**
   * The commands, in the order help lists them. They are not in {@code @Command(subcommands)}:
   * picocli builds the model of every command it is given, by reflection, before parsing (about
   * 0.2 s of a run's start, issue 14.3), so {@link #register} gives it only the command a run
   * names, and all of them when the command line names none it knows (help, usage errors).
   */
  static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("validate", ValidateCommand.class);
    m.put("plan", PlanCommand.class);
    m.put("apply", ApplyCommand.class);
    m.put("destroy", DestroyCommand.class);
    m.put("import", ImportCommand.class);
    m.put("verify", VerifyCommand.class);
    m.put("drift", DriftCommand.class);
    m.put("releases", ReleasesCommand.class);
    m.put("rollback", RollbackCommand.class);
    m.put("state", StateCommand.class);
    m.put("force-unlock", ForceUnlockCommand.class);
    m.put("output", OutputCommand.class);
    m.put("show", ShowCommand.class);
    m.put("graph", GraphCommand.class);
    m.put("generate-completion", AutoComplete.GenerateCompletion.class);
    m.put("help", HelpCommand.class);
    return Collections.unmodifiableMap(m);
  }

  /**
   * Adds to {@code cli} (the top command alone) the command {@code args} runs: the first argument
   * that is not an option of the top command or an option's value. Every command when that is
   * none of them, or one that works on the others ({@code help}, {@code generate-completion}),
   * so that help lists them all and a mistyped name gets its suggestions.
   */
  static void register(CommandLine cli, String[] args) {
    String named = commandNamed(cli.getCommandSpec(), args);
    boolean alone = named != null && !named.equals("help") && !named.equals("generate-completion");
    COMMANDS.forEach((name, type) -> {
      if (!alone || name.equals(named)) cli.addSubcommand(name, type);
    });
  }

  private static String commandNamed(CommandSpec top, String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) return null;
      if (!a.startsWith("-")) return COMMANDS.containsKey(a) ? a : null;
      OptionSpec o = top.findOption(a);
      // "--file x" and "-f x" take the next argument; "--file=x" and "-fx" do not.
      if (o != null && o.arity().max() > 0 && (a.startsWith("--") ? a.indexOf('=') < 0 : a.length() == 2)) i++;
    }
    return null;
  }

  @Mixin GlobalOptions global;
  final Terminal terminal;
  /** When {@code main} began (epoch millis), 0 if not run from {@code main}. */
  private final long mainEntered;

  SiteformCommand(Terminal terminal, long mainEntered) {
    this.terminal = terminal;
    this.mainEntered = mainEntered;
  }

  /** Where every {@code Error:} of this run is printed. */
  ErrorPrinter errors() {
    return errors(global.debug);
  }

  ErrorPrinter errors(boolean debug) {
    boolean noColor = global == null || global.noColor;
    return new ErrorPrinter(terminal.err(), terminal.style(noColor), debug);
  }

  Session session() {
    return new Session(global, terminal, mainEntered);
  }
}
