package io.siteform.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code siteform apply}: plan, confirm, apply. */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Plan, ask for confirmation, and bring AWS to the spec.")
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Mixin ApplyOptions options;

  @Option(names = "--target", paramLabel = "ADDR",
      description = "Apply only this resource and what it depends on; repeatable.")
  java.util.List<String> targets;

  @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "PLANFILE",
      description = "A plan saved by `siteform plan --out`: applied exactly, without asking, unless stale.")
  java.nio.file.Path planFile;

  @Override
  public Integer call() throws InterruptedException {
    return new ApplyRunner(root, options, false).planFile(planFile).targets(Targets.parse(targets)).run();
  }
}
