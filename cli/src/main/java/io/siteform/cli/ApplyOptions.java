package io.siteform.cli;

import picocli.CommandLine.Option;

/** The options apply and destroy share, declared once (a picocli mixin). */
final class ApplyOptions {
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

  @Option(names = "--force-delete-content",
      description = "Allow deleting buckets that hold objects: every version and delete marker is removed first.")
  boolean forceDeleteContent;
}
