package io.siteform.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code siteform rollback [RELEASE]}: plan, confirm and put the primary back to one release's exact versions. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Put the site back to a release (default: the one before the latest) by server-side copies of"
        + " its exact object versions: nothing is uploaded or rebuilt. Shows the plan and asks like apply.")
final class RollbackCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Mixin ApplyOptions options;

  @Parameters(arity = "0..1", paramLabel = "RELEASE", description = "A release number from `siteform releases`.")
  Long release;

  @Override
  public Integer call() throws InterruptedException {
    return new ApplyRunner(root, options, false).rollback(Optional.ofNullable(release)).run();
  }
}
