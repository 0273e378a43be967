package io.siteform.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code siteform destroy}: remove everything siteform made, dependents first. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = "Remove every resource in state, in reverse dependency order.")
final class DestroyCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Mixin ApplyOptions options;

  @Override
  public Integer call() throws InterruptedException {
    return new ApplyRunner(root, options, true).run();
  }
}
