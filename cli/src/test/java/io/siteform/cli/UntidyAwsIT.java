package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's first apply on a real account: the workshop example, the whole seed, against a moto
 * that behaves as AWS does — every eventual-consistency and throttling behaviour of the launcher
 * armed (buckets, roles and certificates not yet visible right after create, CloudFront not yet
 * seeing the certificate, replication before versioning has propagated, Route53 at five requests
 * a second, an invalidation in progress for a while), ACM's hyphenated key algorithm and stable validation records — at
 * {@code --parallelism 10}. It must succeed the first time, plan "No changes." right after, and
 * apply nothing the second time.
 */
@ExtendWith(MotoExtension.class)
class UntidyAwsIT {
  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;

  @BeforeEach
  void setUp(MotoServer moto) throws IOException {
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    cli.copyWorkshop();
    try (AwsClients aws = moto.newClients()) {
      aws.route53().createHostedZone(b -> b.name("example.com").callerReference("untidy-" + System.nanoTime()));
    }
    moto.untidy("all");
    moto.route53Rate(5);
  }


  @Test
  void theWorkshopAppliesFirstTimeOnAnUntidyAwsAndThenPlansNoChanges() {
    assertThat(moto.untidyArmed()).contains("s3_bucket_propagation", "s3_replication_versioning_propagation",
        "iam_role_propagation", "cloudfront_viewer_certificate_propagation", "acm_certificate_propagation",
        "route53_throttling", "cloudfront_invalidation_in_progress");

    var apply = cli.run("apply", "--auto-approve", "--parallelism", "10");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    assertThat(apply.out()).contains("Apply complete! Resources: 16 added, 0 changed, 0 destroyed.")
        // the handling was exercised, not bypassed
        .contains("(AWS answered NoSuchBucket)", "(AWS answered ResourceNotFoundException)",
            "(AWS answered InvalidViewerCertificate)", "(AWS answered InvalidRequest)")
        // CloudFront completes the invalidation on its own: the deploy does not wait minutes for it
        .contains("(1 path(s)) is InProgress: CloudFront completes it on its own, usually within minutes");

    var again = cli.run("plan", "--detailed-exitcode");
    assertThat(again.exit()).as(again.out() + again.err()).isEqualTo(0);
    assertThat(again.out()).contains("No changes.");

    var second = cli.run("apply", "--auto-approve");
    assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(0);
    assertThat(second.out()).contains("No changes.").doesNotContain("Creation complete", "Modifications complete");

    var verify = cli.run("verify");
    assertThat(verify.exit()).as(verify.out() + verify.err()).isEqualTo(0);
  }
}
