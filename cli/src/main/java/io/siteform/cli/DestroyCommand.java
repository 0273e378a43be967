package io.siteform.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code siteform destroy}: remove everything siteform made, dependents first. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = "Remove every resource in state, in reverse dependency order.")
final class DestroyCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Option(names = "--auto-approve", description = "Do not ask; needed when there is no terminal.")
  boolean autoApprove;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
      description = "Resources worked on at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "30m",
      converter = DurationConverter.class,
      description = "How long to wait for CloudFront to deploy or a certificate to be issued"
          + " (default: ${DEFAULT-VALUE}); running apply again continues the wait.")
  java.time.Duration waitTimeout;

  @Option(names = "--force-delete-content",
      description = "Allow deleting buckets that hold objects: every version and delete marker is removed first.")
  boolean forceDeleteContent;

  @Override
  public Integer call() throws InterruptedException {
    return new ApplyRunner(root, autoApprove, parallelism, true, waitTimeout).forceDeleteContent(forceDeleteContent).run();
  }
}
