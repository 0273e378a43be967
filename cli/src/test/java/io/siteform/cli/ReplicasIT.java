package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 family's everyday edits on moto (issue 13.1): a replica region added, the replicas
 * reordered (the failover origin changes), a region removed; each applies, and the plan after it
 * is "No changes.". The new replica gets the published site before failover may serve it.
 */
@ExtendWith(MotoExtension.class)
class ReplicasIT {
  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;

  static final String HEAD = """
      version: 1
      site: {name: ticket-service-ui}
      primary: {region: eu-west-1, bucket: tsu-primary}
      content: {source: dist/, keep_removed: 0}
      replicas:
      """;
  static final String SINGAPORE = "  - {region: ap-southeast-1, bucket: tsu-singapore}\n";
  static final String OREGON = "  - {region: us-west-2, bucket: tsu-oregon}\n";

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    Path dist = Files.createDirectories(dir.resolve("dist"));
    Files.writeString(dist.resolve("index.html"), "<h1>home</h1>");
    Files.writeString(dist.resolve("app.js"), "console.log(1)");
  }

  private void applyThenNoChanges(String replicas) throws Exception {
    Files.writeString(cli.spec, HEAD + replicas);
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
    var plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
    assertThat(plan.out()).contains("No changes.");
  }

  private static List<String> keys(AwsClients aws, String region, String bucket) {
    return aws.s3(region).listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
  }

  private static String failoverBucket(AwsClients aws) {
    String id = aws.cloudFront().listDistributions(b -> {}).distributionList().items().get(0).id();
    var c = aws.cloudFront().getDistributionConfig(b -> b.id(id)).distributionConfig();
    String replicaOrigin = c.originGroups().items().get(0).members().items().get(1).originId();
    return c.origins().items().stream().filter(o -> o.id().equals(replicaOrigin)).findFirst().orElseThrow().domainName();
  }

  @Test
  void addingReorderingAndRemovingAReplicaRegionEachApplyAndThenPlanNoChanges() throws Exception {
    applyThenNoChanges(SINGAPORE);

    applyThenNoChanges(SINGAPORE + OREGON);
    try (AwsClients aws = moto.newClients()) {
      assertThat(keys(aws, "us-west-2", "tsu-oregon")).as("the new replica holds the site").containsExactly("app.js", "index.html");
      assertThat(aws.s3("eu-west-1").getBucketReplication(b -> b.bucket("tsu-primary")).replicationConfiguration().rules())
          .hasSize(2);
      assertThat(failoverBucket(aws)).startsWith("tsu-singapore.");
    }

    applyThenNoChanges(OREGON + SINGAPORE);
    try (AwsClients aws = moto.newClients()) {
      assertThat(failoverBucket(aws)).as("the first replica is the failover origin").startsWith("tsu-oregon.");
      assertThat(keys(aws, "ap-southeast-1", "tsu-singapore")).as("reordering replaced nothing")
          .containsExactly("app.js", "index.html");
    }

    Files.writeString(cli.spec, HEAD + OREGON);
    var plan = cli.run("plan");
    assertThat(plan.out()).contains("# s3_bucket.replica_ap_southeast_1 will be destroyed");
    var refused = cli.run("apply", "--auto-approve");
    assertThat(refused.exit()).as("a replica holding objects is emptied only when asked").isEqualTo(1);
    assertThat(refused.err()).contains("--force-delete-content");
    var forced = cli.run("apply", "--auto-approve", "--force-delete-content");
    assertThat(forced.exit()).as(forced.out() + forced.err()).isZero();
    var after = cli.run("plan", "--detailed-exitcode");
    assertThat(after.exit()).as(after.out()).isZero();
    try (AwsClients aws = moto.newClients()) {
      assertThat(aws.s3("ap-southeast-1").listBuckets().buckets()).noneMatch(b -> b.name().equals("tsu-singapore"));
      assertThat(aws.s3("eu-west-1").getBucketReplication(b -> b.bucket("tsu-primary")).replicationConfiguration().rules())
          .hasSize(1);
    }
  }
}
