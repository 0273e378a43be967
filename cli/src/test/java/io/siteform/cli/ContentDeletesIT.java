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

/** What goes is what was listed: a renamed primary keeps the replicas' history; destroy lists every bucket. */
@ExtendWith(MotoExtension.class)
class ContentDeletesIT {
  private static final String REPLICA = "ticket-service-ui-singapore-jane-doe";
  private static final String CONTENT = """
      content:
        source: dist/
        delete: true
      """;

  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;
  Path dist;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    dist = Files.createDirectories(dir.resolve("dist"));
    Files.writeString(cli.spec, CliTest.SPEC + CONTENT);
    Files.writeString(dist.resolve("index.html"), "<h1>v1</h1>");
    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);
    Files.writeString(dist.resolve("index.html"), "<h1>v2</h1>");
    var second = cli.run("apply", "--auto-approve");
    assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(0);
  }

  private List<String> versions(String region, String bucket, String key) {
    try (AwsClients aws = moto.newClients()) {
      return aws.s3(region).listObjectVersionsPaginator(b -> b.bucket(bucket)).versions().stream()
          .filter(v -> v.key().equals(key)).map(v -> v.versionId()).sorted().toList();
    }
  }

  @Test
  void renamingThePrimaryKeepsTheReplicasVersionsAndListsOnlyTheOldPrimary() throws Exception {
    List<String> before = versions("ap-southeast-1", REPLICA, "index.html");
    assertThat(before).hasSize(2);
    Files.writeString(cli.spec, CliTest.SPEC.replace("bucket: ticket-service-ui-${var.owner}",
        "bucket: ticket-service-ui-renamed-${var.owner}") + CONTENT);

    var plan = cli.run("plan");
    assertThat(plan.out()).contains("~ resource \"site_content\" \"site\"").doesNotContain("-/+ resource \"site_content\"");
    var refused = cli.run("apply", "--auto-approve");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("s3_bucket.primary: bucket ticket-service-ui-jane-doe in eu-west-1 holds 2 object versions")
        .doesNotContain(REPLICA);
    var apply = cli.run("apply", "--auto-approve", "--force-delete-content");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    assertThat(apply.out()).contains("these will be emptied", "s3_bucket.primary: bucket ticket-service-ui-jane-doe")
        .doesNotContain("bucket " + REPLICA);

    assertThat(versions("ap-southeast-1", REPLICA, "index.html")).as("the replica's history").containsAll(before);
    try (AwsClients aws = moto.newClients()) {
      assertThat(aws.s3("eu-west-1").listBuckets().buckets()).extracting(b -> b.name())
          .doesNotContain("ticket-service-ui-jane-doe").contains("ticket-service-ui-renamed-jane-doe");
      String body = aws.s3("eu-west-1").getObjectAsBytes(b -> b.bucket("ticket-service-ui-renamed-jane-doe")
          .key("index.html")).asUtf8String();
      assertThat(body).isEqualTo("<h1>v2</h1>");
    }
    var after = cli.run("plan", "--detailed-exitcode");
    assertThat(after.exit()).as(after.out() + after.err()).isEqualTo(0);
  }

  @Test
  void forceDeleteContentListsEveryBucketItEmptiesReplicasIncluded() throws Exception {
    var refused = cli.run("destroy", "--auto-approve");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains(
        "s3_bucket.primary: bucket ticket-service-ui-jane-doe in eu-west-1 holds 2 object versions and 0 delete markers",
        "s3_bucket.replica_ap_southeast_1: bucket " + REPLICA + " in ap-southeast-1 holds 2 object versions and 0 delete markers");

    var forced = cli.run("destroy", "--auto-approve", "--force-delete-content");
    assertThat(forced.exit()).as(forced.out() + forced.err()).isEqualTo(0);
    assertThat(forced.out()).contains("these will be emptied",
        "s3_bucket.primary: bucket ticket-service-ui-jane-doe", "s3_bucket.replica_ap_southeast_1: bucket " + REPLICA);
    assertThat(cli.run("state", "list").out()).isBlank();
  }
}
