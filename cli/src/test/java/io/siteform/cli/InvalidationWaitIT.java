package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A deploy and CloudFront's invalidation, on a moto whose invalidations stay in progress for a
 * while as AWS's do (the launcher's {@code cloudfront_invalidation_in_progress}). With files kept
 * an hour after they leave the site, the deploy sends the invalidation and ends; with {@code
 * keep_removed: 0} it waits for CloudFront to complete it before the removal deletes anything.
 */
@ExtendWith(MotoExtension.class)
class InvalidationWaitIT {
  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;
  Path dist;

  static String spec(String keepRemoved) {
    return """
        version: 1
        site: {name: invalidation-wait}
        primary: {region: eu-west-1, bucket: iw-primary}
        replicas: [{region: ap-southeast-1, bucket: iw-replica}]
        content: {source: dist/, delete: true, invalidate: changed, keep_removed: %s}
        """.formatted(keepRemoved);
  }

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    dist = Files.createDirectories(dir.resolve("dist"));
    Files.writeString(dist.resolve("index.html"), "<h1>home</h1><a href=old.html>old</a>");
    Files.writeString(dist.resolve("old.html"), "<h1>old</h1>");
    moto.untidy("cloudfront_invalidation_in_progress");
  }

  private CliRunner.Run apply() {
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
    return apply;
  }

  private java.util.List<String> primaryKeys() {
    try (AwsClients aws = moto.newClients()) {
      return aws.s3("eu-west-1").listObjectsV2(b -> b.bucket("iw-primary")).contents().stream()
          .map(S3Object::key).sorted().toList();
    }
  }

  @Test
  void theDeployWaitsForTheInvalidationOnlyWhenTheRemovalMayDeleteBeforeCloudFrontHasFinished() throws Exception {
    Files.writeString(cli.spec, spec("1h"));
    var first = apply();
    assertThat(first.out()).as("sent, not awaited")
        .contains("cloudfront_invalidation.site: Still creating...")
        .contains("(1 path(s)) is InProgress: CloudFront completes it on its own, usually within minutes")
        .doesNotContain("(1 path(s)): InProgress");

    Files.writeString(cli.spec, spec("0"));
    Files.delete(dist.resolve("old.html"));
    Files.writeString(dist.resolve("index.html"), "<h1>home</h1>");
    var second = apply();
    String out = second.out();
    assertThat(out).as("awaited")
        .contains("path(s)): InProgress")
        .doesNotContain("CloudFront completes it on its own");
    assertThat(out.indexOf("cloudfront_invalidation.site: Modifications complete"))
        .as("the removal deletes only once CloudFront has completed the invalidation")
        .isPositive()
        .isLessThan(out.indexOf("site_content_removal.site: Modifying..."));
    assertThat(primaryKeys()).containsExactly("index.html");

    var plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
    assertThat(plan.out()).contains("No changes.");
  }
}
