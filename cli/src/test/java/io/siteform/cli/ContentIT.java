package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Publishing through the CLI against moto (patched to replicate as S3 does): exact uploads by
 * content hash, one edit one upload one invalidation path, backfill of an object written before
 * replication existed, and replicas that verify.
 */
@ExtendWith(MotoExtension.class)
class ContentIT {
  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;
  Path spec;
  Path dist;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    spec = cli.spec;
    dist = Files.createDirectories(dir.resolve("dist"));
    Files.writeString(spec, CliTest.SPEC + """
        content:
          source: dist/
          delete: true
          cache_control:
            "index.html": "no-cache"
            "assets/**": "public, max-age=31536000, immutable"
          invalidate: changed
        """);
    Files.writeString(dist.resolve("index.html"), "<h1>tickets</h1>");
    Files.writeString(dist.resolve("about.html"), "<p>about</p>");
    Files.writeString(dist.resolve("legacy.html"), "<p>from before replication</p>");
    Files.createDirectories(dist.resolve("assets"));
    Files.writeString(dist.resolve("assets/app.js"), "console.log('hi')");
    Files.writeString(dist.resolve("assets/style.css"), "h1{color:red}");
  }


  private static List<String> keys(AwsClients aws, String region, String bucket) {
    return aws.s3(region).listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
  }

  @Test
  void publishExactlyBackfillInvalidateAndVerify() throws Exception {
    // The seed's warning: an object already in the primary before replication is never replicated.
    var first = cli.run("apply", "--auto-approve", "--target", "s3_bucket.primary");
    assertThat(first.exit()).as(first.err()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      aws.s3("eu-west-1").putObject(b -> b.bucket("ticket-service-ui-jane-doe").key("legacy.html").contentType("text/html; charset=utf-8"),
          RequestBody.fromString("<p>from before replication</p>"));
    }
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    assertThat(apply.out()).contains("site_content.site: Creation complete");
    try (AwsClients aws = moto.newClients()) {
      assertThat(keys(aws, "ap-southeast-1", "ticket-service-ui-singapore-jane-doe"))
          .containsExactly("about.html", "assets/app.js", "assets/style.css", "index.html", "legacy.html");
      var head = aws.s3("eu-west-1").headObject(b -> b.bucket("ticket-service-ui-jane-doe").key("assets/app.js"));
      assertThat(head.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
      assertThat(head.contentType()).startsWith("text/javascript");
    }
    var verify = cli.run("verify");
    assertThat(verify.exit()).as(verify.out()).isEqualTo(0);

    // A fresh checkout: every mtime changes, no byte does. Nothing to publish.
    try (Stream<Path> files = Files.walk(dist)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(3600)));
      }
    }
    var same = cli.run("plan", "--detailed-exitcode");
    assertThat(same.exit()).as(same.out()).isEqualTo(0);

    // One edit: one upload, one invalidated path.
    Files.writeString(dist.resolve("about.html"), "<p>about us</p>");
    var edit = cli.run("plan");
    assertThat(edit.out()).contains("+ 1 to upload, content changed: \"about.html\"", "Plan: 0 to add, 2 to change, 0 to destroy.");
    var applied = cli.run("apply", "--auto-approve");
    assertThat(applied.exit()).as(applied.out() + applied.err()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      String id = aws.cloudFront().listDistributions(b -> {}).distributionList().items().get(0).id();
      var invalidations = aws.cloudFront().listInvalidations(b -> b.distributionId(id)).invalidationList().items();
      // The first publish invalidated everything; the edit exactly its one path.
      assertThat(invalidations).extracting(i -> aws.cloudFront().getInvalidation(b -> b.distributionId(id).id(i.id()))
              .invalidation().invalidationBatch().paths().items())
          .containsExactlyInAnyOrder(List.of("/*"), List.of("/about.html"));
    }
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    assertThat(cli.run("destroy", "--auto-approve", "--force-delete-content").exit()).isEqualTo(0);
  }
}
