package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.FaultProxy;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.state.Release;
import io.siteform.state.State;
import io.siteform.state.StateCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Ordered publishing (issue 15.1) and releases with rollback (15.2), end to end on moto. */
@ExtendWith(MotoExtension.class)
class ReleasesIT {
  private static final String PRIMARY = "ticket-service-ui-jane-doe";
  private static final String REPLICA = "ticket-service-ui-singapore-jane-doe";
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path dir;
  MotoServer moto;
  FaultProxy proxy;
  MotoCli cli;
  Path dist;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    this.moto = moto;
    proxy = new FaultProxy(moto.endpoint(), 50_000);
    cli = new MotoCli(dir, proxy.endpoint()).clock(Clock.fixed(T0, ZoneOffset.UTC));
    dist = Files.createDirectories(dir.resolve("dist"));
  }

  @AfterEach
  void tearDown() {
    proxy.close();
  }

  private void spec(String keepRemoved) throws Exception {
    Files.writeString(cli.spec, CliTest.SPEC + "content:\n  source: dist/\n  keep_removed: " + keepRemoved + "\n");
  }

  private CliRunner.Run apply() {
    var r = cli.run("apply", "--auto-approve");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(0);
    return r;
  }

  private Map<String, String> objects(String region, String bucket) {
    Map<String, String> out = new TreeMap<>();
    try (AwsClients aws = moto.newClients()) {
      var s3 = aws.s3(region);
      s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> out.put(o.key(),
          s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asUtf8String()));
    }
    return out;
  }

  private State state() throws Exception {
    return new StateCodec().fromJson(Files.readString(dir.resolve("siteform.state.json")), "state");
  }

  private static boolean s3Put(FaultProxy.Seen s, String suffix) {
    return s.request().method().equals("PUT") && s.request().path().startsWith("/" + PRIMARY + "/")
        && s.request().path().endsWith(suffix) && !s.request().headers().containsKey("x-amz-copy-source");
  }

  @Test
  void pagesGoUpAfterEveryAssetTheInvalidationBeforeAnyDeleteAndRemovedFilesStayTheirGracePeriod() throws Exception {
    spec("24h");
    Files.writeString(dist.resolve("index.html"), "<script src=app.js></script>");
    Files.writeString(dist.resolve("app.js"), "v1");
    Files.writeString(dist.resolve("old.js"), "old");
    apply();

    Files.writeString(dist.resolve("index.html"), "<script src=app2.js></script>");
    Files.writeString(dist.resolve("app2.js"), "v2");
    Files.writeString(dist.resolve("style.css"), "b{}");
    Files.delete(dist.resolve("old.js"));
    Files.delete(dist.resolve("app.js"));
    var plan = cli.run("plan");
    // Five files and "/" for the root index: the paths the invalidation sends.
    assertThat(plan.out()).contains("Publish: upload 2 assets, then 1 page, invalidate 6 paths, delete 0 (2 kept for 24h).");
    int from = proxy.seen().size();
    apply();
    List<FaultProxy.Seen> run = proxy.seen().subList(from, proxy.seen().size());

    int lastAssetAnswered = -1;
    int firstPageSent = Integer.MAX_VALUE;
    int invalidationAnswered = -1;
    int firstDelete = Integer.MAX_VALUE;
    for (int i = 0; i < run.size(); i++) {
      FaultProxy.Seen s = run.get(i);
      if (s.answered() && (s3Put(s, ".js") || s3Put(s, ".css"))) lastAssetAnswered = i;
      if (!s.answered() && s3Put(s, ".html")) firstPageSent = Math.min(firstPageSent, i);
      if (s.answered() && s.request().path().endsWith("/invalidation") && s.request().method().equals("POST")) {
        invalidationAnswered = i;
      }
      if (!s.answered() && s.request().method().equals("POST") && s.request().query().startsWith("delete")) {
        firstDelete = Math.min(firstDelete, i);
      }
    }
    assertThat(lastAssetAnswered).as("assets uploaded").isGreaterThanOrEqualTo(0);
    assertThat(firstPageSent).as("no page PUT before the last asset PUT is answered").isGreaterThan(lastAssetAnswered);
    assertThat(invalidationAnswered).as("invalidated").isGreaterThan(firstPageSent);
    assertThat(objects("eu-west-1", PRIMARY)).as("removed files kept for open pages")
        .containsKeys("old.js", "app.js").containsEntry("index.html", "<script src=app2.js></script>");

    cli.clock(Clock.fixed(T0.plus(Duration.ofHours(23)), ZoneOffset.UTC));
    assertThat(cli.run("plan").out()).contains("No changes.", "2 kept until 2030-01-02T00:00:00Z");

    cli.clock(Clock.fixed(T0.plus(Duration.ofHours(25)), ZoneOffset.UTC));
    assertThat(cli.run("plan").out()).contains("delete 2");
    from = proxy.seen().size();
    apply();
    assertThat(objects("eu-west-1", PRIMARY)).doesNotContainKeys("old.js", "app.js").containsKeys("app2.js");
    assertThat(objects("ap-southeast-1", REPLICA)).doesNotContainKeys("old.js", "app.js");
    assertThat(proxy.seen().subList(from, proxy.seen().size()).stream()
        .anyMatch(s -> s.request().query().startsWith("delete"))).isTrue();
    // The apply that published: its deletes (none were due) came after its invalidation by the graph's order.
    assertThat(firstDelete).isGreaterThan(invalidationAnswered);
  }

  @Test
  void rollbackPutsBackTheReleasesExactVersionsByCopyAndIsAReleaseItself() throws Exception {
    spec("0");
    Files.writeString(dist.resolve("index.html"), "<h1>v1</h1>");
    Files.writeString(dist.resolve("a.css"), "a1");
    Files.writeString(dist.resolve("gone.js"), "g1");
    apply();
    Map<String, String> v1 = objects("eu-west-1", PRIMARY);

    cli.clock(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
    Files.writeString(dist.resolve("index.html"), "<h1>v2</h1>");
    Files.writeString(dist.resolve("new.js"), "n2");
    Files.delete(dist.resolve("gone.js"));
    apply();
    assertThat(objects("eu-west-1", PRIMARY)).containsOnlyKeys("index.html", "a.css", "new.js");

    cli.clock(Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC));
    int from = proxy.seen().size();
    var rb = cli.run("rollback", "--auto-approve");
    assertThat(rb.exit()).as(rb.out() + rb.err()).isEqualTo(0);
    List<FaultProxy.Seen> run = proxy.seen().subList(from, proxy.seen().size());

    assertThat(objects("eu-west-1", PRIMARY)).isEqualTo(v1);
    assertThat(objects("ap-southeast-1", REPLICA)).isEqualTo(v1);
    assertThat(run.stream().filter(s -> !s.answered() && s3Put(s, ""))).as("nothing uploaded").isEmpty();
    State s = state();
    Release one = s.release(1).orElseThrow();
    Release three = s.latestRelease().orElseThrow();
    assertThat(three.number()).isEqualTo(3);
    assertThat(three.rollbackOf()).isEqualTo(1);
    assertThat(three.digest()).isEqualTo(one.digest());
    try (AwsClients aws = moto.newClients()) {
      for (var e : one.files().entrySet()) {
        String recorded = aws.s3("eu-west-1").getObjectAsBytes(b -> b.bucket(PRIMARY).key(e.getKey())
            .versionId(e.getValue().versionId())).asUtf8String();
        assertThat(recorded).as("release 1's version of " + e.getKey()).isEqualTo(v1.get(e.getKey()));
      }
    }
    String invalidation = run.stream().filter(x -> !x.answered() && x.request().method().equals("POST")
            && x.request().path().endsWith("/invalidation"))
        .map(x -> x.request().body()).findFirst().orElseThrow();
    assertThat(invalidation).contains("<Path>/index.html</Path>", "<Path>/gone.js</Path>", "<Path>/new.js</Path>")
        .doesNotContain("/a.css");
    assertThat(ReleasesCommand.render(s)).isEqualTo("""
        RELEASE  TIME                   FILES  CHANGED  DIGEST                   NOTE
        3        2030-01-01T00:02:00Z       3        3  %s current, rollback to 1
        2        2030-01-01T00:01:00Z       3        3  %s
        1        2030-01-01T00:00:00Z       3        3  %s
        """.formatted(pad(three.digest()), pad(s.release(2).orElseThrow().digest()), pad(one.digest())));
  }

  private static String pad(String digest) {
    return String.format("%-24s", digest);
  }
}
