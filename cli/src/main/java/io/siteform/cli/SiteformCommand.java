package io.siteform.cli;

import io.siteform.engine.render.Versions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code siteform}: the top command, holding the options every command shares. */
@Command(
    name = "siteform",
    mixinStandardHelpOptions = true,
    version = "siteform " + Versions.SITEFORM,
    description = "Builds and keeps a multi-region static website on AWS from one siteform.yaml.",
    subcommands = {ValidateCommand.class, PlanCommand.class, ApplyCommand.class, DestroyCommand.class,
        ImportCommand.class, VerifyCommand.class, DriftCommand.class, ReleasesCommand.class, RollbackCommand.class, StateCommand.class, ForceUnlockCommand.class,
        OutputCommand.class, ShowCommand.class, GraphCommand.class, picocli.AutoComplete.GenerateCompletion.class,
        picocli.CommandLine.HelpCommand.class},
    commandListHeading = "%nCommands:%n")
final class SiteformCommand {
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
