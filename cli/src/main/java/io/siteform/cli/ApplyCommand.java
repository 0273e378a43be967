package io.siteform.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code siteform apply}: plan, confirm, apply. */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Plan, ask for confirmation, and bring AWS to the spec.")
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Option(names = "--auto-approve", description = "Do not ask; needed when there is no terminal.")
  boolean autoApprove;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
      description = "Resources worked on at once (default: ${DEFAULT-VALUE}); 1 runs serially.")
  int parallelism;

  @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "30m",
      converter = DurationConverter.class,
      description = "How long to wait for CloudFront to deploy or a certificate to be issued"
          + " (default: ${DEFAULT-VALUE}); running apply again continues the wait.")
  java.time.Duration waitTimeout;

  @Option(names = "--target", paramLabel = "ADDR",
      description = "Apply only this resource and what it depends on; repeatable.")
  java.util.List<String> targets;

  @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "PLANFILE",
      description = "A plan saved by `siteform plan --out`: applied exactly, without asking, unless stale.")
  java.nio.file.Path planFile;

  @Option(names = "--force-delete-content",
      description = "Allow deleting buckets that hold objects: every version and delete marker is removed first.")
  boolean forceDeleteContent;

  @Override
  public Integer call() throws InterruptedException {
    return new ApplyRunner(root, autoApprove, parallelism, false, waitTimeout).planFile(planFile).targets(Targets.parse(targets)).forceDeleteContent(forceDeleteContent).run();
  }
}
