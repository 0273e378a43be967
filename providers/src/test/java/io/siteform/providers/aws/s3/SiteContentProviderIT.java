package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.content.LocalFilesDataSource;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/** Publishing a folder to a replicated bucket, on moto with the launcher's replication patch. */
@ExtendWith(MotoExtension.class)
class SiteContentProviderIT {
  private static final Address ADDRESS = new Address("site_content", "site");
  private static final String PRIMARY = "site";
  private static final String PRIMARY_REGION = "eu-west-1";
  private static final String REPLICA = "site-sg";
  private static final String REPLICA_REGION = "ap-southeast-1";
  private static final List<Map<String, String>> RULES = List.of(
      Map.of("glob", "*.html", "value", "no-cache"),
      Map.of("glob", "assets/**", "value", "max-age=31536000, immutable"));

  private final AwsClients clients;
  private final SiteContentProvider provider;
  private final S3Client s3;
  private final S3Client replicaS3;
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @TempDir Path tmp;
  private Path site;

  SiteContentProviderIT(MotoServer moto) {
    this.clients = moto.newClients();
    this.provider = new SiteContentProvider(clients, new Waits(Duration.ofSeconds(30), Duration.ofMillis(100)));
    this.s3 = clients.s3(PRIMARY_REGION);
    this.replicaS3 = clients.s3(REPLICA_REGION);
  }

  @BeforeEach
  void buckets() throws IOException {
    versionedBucket(s3, PRIMARY, PRIMARY_REGION);
    versionedBucket(replicaS3, REPLICA, REPLICA_REGION);
    site = Files.createDirectories(tmp.resolve("dist"));
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  private static void versionedBucket(S3Client s3, String name, String region) {
    s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint(region)));
    s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status("Enabled")));
  }

  private void replicate() {
    replicate("");
  }

  private void replicate(String prefix) {
    s3.putBucketReplication(b -> b.bucket(PRIMARY).replicationConfiguration(c -> c
        .role("arn:aws:iam::123456789012:role/site-crr")
        .rules(r -> r.id("replica-0").priority(1).status("Enabled").filter(f -> f.prefix(prefix))
            .deleteMarkerReplication(m -> m.status("Disabled"))
            .destination(d -> d.bucket("arn:aws:s3:::" + REPLICA)))));
  }

  private Path write(String relative, String content) throws IOException {
    Path p = site.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  /** What the engine passes: the data source's files, and the folder to read them from. */
  private Map<String, Object> desired(boolean delete) {
    LiveResource files = new LocalFilesDataSource().read(new DataRequest(new Address("local_files", "site"),
        PRIMARY_REGION, Map.of("source", site.toString(), "cache_control", RULES)));
    Map<String, Object> d = new HashMap<>();
    d.put("bucket", PRIMARY);
    d.put("delete", delete);
    d.put("files", files.attributes().get("files"));
    d.put("replicas", List.of(Map.of("bucket", REPLICA, "region", REPLICA_REGION)));
    d.put("source", site.toString());
    return d;
  }

  private LiveResource create(Map<String, Object> desired) {
    return provider.create(new CreateRequest(ADDRESS, PRIMARY_REGION, desired, progress::add));
  }

  private LiveResource update(LiveResource prior, Map<String, Object> desired) {
    return provider.update(new UpdateRequest(ADDRESS, PRIMARY_REGION, PRIMARY, prior.attributes(), desired, progress::add));
  }

  private LiveResource read(LiveResource prior) {
    return provider.read(new ReadRequest(ADDRESS, PRIMARY_REGION, PRIMARY, prior.attributes())).orElseThrow();
  }

  /** Every version id of every key: a PUT adds one, so equal maps mean nothing was written. */
  private static Map<String, List<String>> versions(S3Client s3, String bucket) {
    Map<String, List<String>> out = new TreeMap<>();
    for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket))) {
      page.versions().forEach(v -> out.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v.versionId()));
      page.deleteMarkers().forEach(m -> out.computeIfAbsent(m.key(), k -> new ArrayList<>()).add("marker " + m.versionId()));
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  private static List<String> keys(S3Client s3, String bucket) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
  }

  private static List<String> fileKeys(LiveResource r) {
    return ((Map<?, ?>) r.attributes().get("files")).keySet().stream().map(String::valueOf).toList();
  }

  private static String md5(Map<String, Object> desired, String key) {
    return (String) ((Map<?, ?>) ((Map<?, ?>) desired.get("files")).get(key)).get("md5");
  }

  @Test
  void publishesWithHeadersAndTheReplicaCatchesUp() throws IOException {
    replicate();
    write("index.html", "<h1>home</h1>");
    write("assets/app.js", "console.log(1)");
    write("img/logo.svg", "<svg/>");
    Map<String, Object> desired = desired(true);

    LiveResource created = create(desired);

    assertThat(created.id()).isEqualTo(PRIMARY);
    assertThat(created.attributes().get("files")).isEqualTo(desired.get("files"));
    HeadObjectResponse index = s3.headObject(b -> b.bucket(PRIMARY).key("index.html"));
    assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(index.cacheControl()).isEqualTo("no-cache");
    assertThat(index.metadata()).containsEntry("siteform-md5", md5(desired, "index.html"));
    HeadObjectResponse app = s3.headObject(b -> b.bucket(PRIMARY).key("assets/app.js"));
    assertThat(app.contentType()).isEqualTo("text/javascript; charset=utf-8");
    assertThat(app.cacheControl()).isEqualTo("max-age=31536000, immutable");
    assertThat(s3.headObject(b -> b.bucket(PRIMARY).key("img/logo.svg")).cacheControl()).isNull();
    // create returned only once the replica held every file, with the same headers
    HeadObjectResponse copy = replicaS3.headObject(b -> b.bucket(REPLICA).key("index.html"));
    assertThat(copy.eTag()).isEqualTo(index.eTag());
    assertThat(copy.contentType()).isEqualTo(index.contentType());
    assertThat(copy.cacheControl()).isEqualTo("no-cache");
    assertThat(keys(replicaS3, REPLICA)).containsExactlyInAnyOrder("index.html", "assets/app.js", "img/logo.svg");
    assertThat(progress).anyMatch(p -> p.matches("uploaded 3/3 files, 0\\.0 MB of 0\\.0 MB, [0-9.]+ MB/s"));
    assertThat(clients.built()).as("small files go up on the sync client: no async client, no Netty")
        .noneMatch(c -> c.startsWith("s3-async/"));

    assertThat(read(created)).isEqualTo(created);
  }

  /**
   * With SSE-KMS default encryption an object's ETag is not its MD5 (S3 API reference, Common
   * Response Headers: ETag; the launcher's s3_sse_kms_etag): the plan reads the recorded
   * siteform-md5 instead, so a re-plan shows no change, and the replica wait still sees its copies
   * as current.
   */
  @Test
  void underSseKmsTheRecordedMd5DecidesForThePlanAndTheReplicas() throws IOException {
    for (S3Client c : List.of(s3, replicaS3)) {
      String bucket = c == s3 ? PRIMARY : REPLICA;
      c.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(e -> e
          .rules(r -> r.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm("aws:kms")))));
    }
    replicate();
    write("index.html", "<h1>home</h1>");
    write("assets/app.js", "console.log(1)");
    Map<String, Object> desired = desired(true);

    LiveResource created = create(desired);

    String etag = BucketObjects.unquote(s3.headObject(b -> b.bucket(PRIMARY).key("index.html")).eTag());
    assertThat(etag).as("an SSE-KMS ETag is no MD5").isNotEqualTo(md5(desired, "index.html"));
    assertThat(read(created).attributes().get("files")).isEqualTo(desired.get("files"));
    Map<String, List<String>> before = versions(s3, PRIMARY);
    progress.clear();
    LiveResource again = update(created, desired);
    assertThat(versions(s3, PRIMARY)).as("nothing uploaded again").isEqualTo(before);
    assertThat(again.attributes().get("files")).isEqualTo(desired.get("files"));
  }

  @Test
  void republishingUploadsOnlyWhatChanged() throws IOException {
    replicate();
    Path index = write("index.html", "<h1>home</h1>");
    Path about = write("about.html", "<p>about</p>");
    LiveResource created = create(desired(true));
    Map<String, List<String>> before = versions(s3, PRIMARY);

    for (Path p : List.of(index, about)) Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    LiveResource same = update(created, desired(true));
    assertThat(versions(s3, PRIMARY)).as("a new mtime alone uploads nothing").isEqualTo(before);
    assertThat(same).isEqualTo(created);

    Files.writeString(about, "<p>about us</p>");
    Map<String, Object> edited = desired(true);
    LiveResource after = update(same, edited);
    Map<String, List<String>> now = versions(s3, PRIMARY);
    assertThat(now.get("index.html")).isEqualTo(before.get("index.html"));
    assertThat(now.get("about.html")).hasSize(2).containsAll(before.get("about.html"));
    assertThat(replicaS3.headObject(b -> b.bucket(REPLICA).key("about.html")).eTag()).contains(md5(edited, "about.html"));
    assertThat(read(after).attributes().get("files")).isEqualTo(edited.get("files"));
  }

  /**
   * A publish that fails part-way records the files it was writing, so the read after it asks the
   * bucket for each one (as after a run killed part-way, which KillsIT covers), and the next
   * publish writes only what is missing and records the version each key now serves, not the one
   * the state had before the failed publish overwrote it.
   */
  @Test
  void aPublishThatFailsPartWayIsReadBackExactlyAndFinishedByTheNext() throws IOException {
    replicate();
    write("index.html", "<h1>home</h1>");
    Path css = write("app.css", "p{}");
    LiveResource created = create(desired(true));
    Files.writeString(css, "p{color:red}");
    Path page = write("new.html", "<p>new</p>");
    Map<String, Object> edited = desired(true);
    // The asset goes up first; the page, changed since the plan, is refused.
    Files.writeString(page, "<p>edited after the plan</p>");
    List<LiveResource> checkpoints = new CopyOnWriteArrayList<>();
    assertThatThrownBy(() -> provider.update(new UpdateRequest(ADDRESS, PRIMARY_REGION, PRIMARY, created.attributes(),
        edited, progress::add, checkpoints::add))).hasMessageContaining("new.html changed since the plan was made");
    assertThat(checkpoints).as("the files in flight, recorded once").hasSize(1);
    Map<String, Object> partWay = checkpoints.get(0).attributes();
    assertThat(List.copyOf(((Map<?, ?>) partWay.get(SiteContentProvider.PENDING)).keySet()))
        .isEqualTo(List.of("app.css", "new.html"));
    assertThat(partWay.get("files")).isEqualTo(created.attributes().get("files"));
    assertThat(partWay.get("replicas")).as("no replica vouched for until the publish ends").isEqualTo(List.of());
    assertThat(keys(s3, PRIMARY)).doesNotContain("new.html");
    String cssNow = s3.headObject(b -> b.bucket(PRIMARY).key("app.css")).versionId();

    LiveResource read = provider.read(new ReadRequest(ADDRESS, PRIMARY_REGION, PRIMARY, partWay)).orElseThrow();
    assertThat(fileKeys(read)).containsExactly("app.css", "index.html");
    assertThat(((Map<?, ?>) ((Map<?, ?>) read.attributes().get("files")).get("app.css")).get("md5"))
        .isEqualTo(md5(edited, "app.css"));
    assertThat(List.copyOf(((Map<?, ?>) read.attributes().get("versions")).keySet()))
        .as("app.css's recorded version is no longer the one served").isEqualTo(List.of("index.html"));

    Files.writeString(page, "<p>new</p>");
    Map<String, List<String>> before = versions(s3, PRIMARY);
    LiveResource finished = provider.update(new UpdateRequest(ADDRESS, PRIMARY_REGION, PRIMARY, read.attributes(),
        edited, progress::add));
    assertThat(versions(s3, PRIMARY).get("app.css")).as("not written again").isEqualTo(before.get("app.css"));
    assertThat(keys(s3, PRIMARY)).contains("new.html");
    assertThat(finished.attributes()).doesNotContainKey(SiteContentProvider.PENDING);
    assertThat(((Map<?, ?>) finished.attributes().get("versions")).get("app.css")).isEqualTo(cssNow);
    assertThat(finished.attributes().get("files")).isEqualTo(edited.get("files"));
  }

  /** The requests {@code run} makes, by service, operation and region, beside those made before it. */
  private Map<String, Long> requestsOf(Runnable run) {
    Map<String, Long> before = clients.operations();
    run.run();
    Map<String, Long> out = new TreeMap<>();
    clients.operations().forEach((k, n) -> {
      long d = n - before.getOrDefault(k, 0L);
      if (d > 0) out.put(k, d);
    });
    return out;
  }

  private List<Path> pages(int n) throws IOException {
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(write(String.format("page-%02d.html", i), "<p>page " + i + "</p>"));
    return out;
  }

  /**
   * A replica the last publish recorded as holding the site is not listed again: a few of its
   * keys are asked for by HeadObject ({@link ReplicaCatchUp#SPOT_CHECK}), and the state is taken
   * for the rest, so a re-publish lists only the primary (issue 14.3).
   */
  @Test
  void aRepublishChecksTheRecordedReplicaWithoutListingIt() throws IOException {
    replicate();
    List<Path> pages = pages(3 * ReplicaCatchUp.SPOT_CHECK);
    LiveResource created = create(desired(true));
    Files.writeString(pages.get(0), "<p>edited</p>");
    Map<String, Object> edited = desired(true);

    LiveResource[] after = new LiveResource[1];
    Map<String, Long> requests = requestsOf(() -> after[0] = update(created, edited));

    assertThat(requests).as("the primary listed, the replica not").doesNotContainKey("S3 ListObjectsV2 " + REPLICA_REGION)
        .containsKey("S3 ListObjectsV2 " + PRIMARY_REGION);
    assertThat(requests.get("S3 HeadObject " + REPLICA_REGION)).as("the spot check and the edited page")
        .isBetween(1L + ReplicaCatchUp.SPOT_CHECK, 5L + ReplicaCatchUp.SPOT_CHECK);
    assertThat(replicaS3.headObject(b -> b.bucket(REPLICA).key("page-00.html")).eTag())
        .contains(md5(edited, "page-00.html"));
    assertThat(after[0].attributes().get("replicas")).isEqualTo(edited.get("replicas"));
  }

  /**
   * A replica emptied since the last publish (a bucket made anew under the same name) fails the
   * spot check: it is listed, and siteform copies what S3 will not replicate again, so failover
   * serves the whole site once more. Taking the state on trust would leave it empty.
   */
  @Test
  void aReplicaEmptiedSinceTheLastPublishIsListedAndFilledAgain() throws IOException {
    replicate();
    List<Path> pages = pages(3 * ReplicaCatchUp.SPOT_CHECK);
    LiveResource created = create(desired(true));
    ObjectDeletes.purge(replicaS3, ADDRESS, REPLICA, k -> true);
    assertThat(keys(replicaS3, REPLICA)).isEmpty();
    Files.writeString(pages.get(0), "<p>edited</p>");
    Map<String, Object> edited = desired(true);

    Map<String, Long> requests = requestsOf(() -> update(created, edited));

    assertThat(requests).containsKey("S3 ListObjectsV2 " + REPLICA_REGION);
    assertThat(keys(replicaS3, REPLICA)).hasSize(pages.size())
        .containsExactlyInAnyOrderElementsOf(keys(s3, PRIMARY));
    assertThat(progress).anyMatch(p -> p.startsWith("replica ap-southeast-1: copied " + (pages.size() - 1) + " object(s)"));
  }

  /**
   * site_content only writes: a file removed locally leaves its record at once, and stays in the
   * buckets for open pages; site_content_removal deletes it after the invalidation, once
   * keep_removed has passed (ReleasesIT), and only with delete: true.
   */
  @Test
  void aFileRemovedLocallyLeavesTheRecordButNotTheBuckets() throws IOException {
    replicate();
    write("index.html", "i");
    Path old = write("old.html", "o");
    LiveResource created = create(desired(false));
    Files.delete(old);

    LiveResource kept = update(created, desired(false));
    assertThat(keys(s3, PRIMARY)).containsExactlyInAnyOrder("index.html", "old.html");
    assertThat(fileKeys(kept)).containsExactly("index.html");
    assertThat(fileKeys(read(kept))).as("not siteform's any more").containsExactly("index.html");

    LiveResource published = update(kept, desired(true));
    assertThat(keys(s3, PRIMARY)).containsExactlyInAnyOrder("index.html", "old.html");
    assertThat(keys(replicaS3, REPLICA)).contains("index.html", "old.html");
    assertThat(fileKeys(published)).containsExactly("index.html");
    assertThat(read(published)).isEqualTo(published);
  }

  @Test
  void filesOutsideTheReplicationPrefixAreCopiedBySiteformSinceFailoverServesThemToo() throws IOException {
    replicate("assets/");
    write("index.html", "i");
    write("assets/app.js", "a");
    Map<String, Object> d = desired(true);
    d.put("replication_prefix", "assets/");
    LiveResource created = create(d);
    assertThat(keys(replicaS3, REPLICA)).containsExactlyInAnyOrder("index.html", "assets/app.js");
    assertThat(created.attributes()).containsEntry("replication_prefix", "assets/");
    assertThat(read(created)).isEqualTo(created);
  }

  @Test
  void anObjectWrittenBeforeReplicationIsCopiedToTheReplica() throws IOException {
    s3.putObject(b -> b.bucket(PRIMARY).key("old.html").contentType("text/html; charset=utf-8").cacheControl("no-cache"),
        RequestBody.fromString("<p>old</p>"));
    replicate();
    write("old.html", "<p>old</p>");
    write("new.html", "<p>new</p>");
    Map<String, List<String>> before = versions(s3, PRIMARY);

    create(desired(true));

    assertThat(versions(s3, PRIMARY).get("old.html")).as("not uploaded again").isEqualTo(before.get("old.html"));
    HeadObjectResponse copied = replicaS3.headObject(b -> b.bucket(REPLICA).key("old.html"));
    assertThat(copied.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(copied.cacheControl()).isEqualTo("no-cache");
    assertThat(copied.replicationStatusAsString()).as("copied by siteform, not by replication").isNull();
    assertThat(replicaS3.headObject(b -> b.bucket(REPLICA).key("new.html")).replicationStatusAsString()).isEqualTo("REPLICA");
    assertThat(progress).anyMatch(p -> p.startsWith("replica ap-southeast-1: copied 1 object(s)"));
  }

  @Test
  void aFileOverEightMegabytesGoesUpInPartsAndRoundTripsItsMd5() throws IOException {
    replicate();
    byte[] big = new byte[9 * 1024 * 1024];
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
    Files.createDirectories(site.resolve("assets"));
    Files.write(site.resolve("assets/video.bin"), big);
    Map<String, Object> desired = desired(true);

    LiveResource created = create(desired);

    HeadObjectResponse head = s3.headObject(b -> b.bucket(PRIMARY).key("assets/video.bin"));
    assertThat(head.eTag()).as("a multipart ETag, no MD5").contains("-");
    assertThat(clients.built()).contains("s3-async/" + PRIMARY_REGION);
    assertThat(head.metadata()).containsEntry("siteform-md5", md5(desired, "assets/video.bin"));
    assertThat(head.contentType()).isEqualTo("application/octet-stream");
    assertThat(head.cacheControl()).isEqualTo("max-age=31536000, immutable");
    assertThat(read(created).attributes().get("files")).isEqualTo(desired.get("files"));
    Map<String, List<String>> before = versions(s3, PRIMARY);
    update(created, desired(true));
    assertThat(versions(s3, PRIMARY)).isEqualTo(before);
    assertThat(replicaS3.headObject(b -> b.bucket(REPLICA).key("assets/video.bin")).eTag()).isEqualTo(head.eTag());
  }

  @Test
  void deleteRemovesEveryVersionFromBothBucketsSoTheyCanBeDeleted() throws IOException {
    replicate();
    write("index.html", "1");
    Path gone = write("gone.html", "g");
    LiveResource first = create(desired(true));
    write("index.html", "2");
    Files.delete(gone);
    LiveResource second = update(first, desired(true));
    assertThat(versions(s3, PRIMARY).get("index.html")).hasSize(2);

    provider.delete(new DeleteRequest(ADDRESS, PRIMARY_REGION, PRIMARY, second.attributes(), Progress.NONE));

    assertThat(versions(s3, PRIMARY)).isEmpty();
    assertThat(versions(replicaS3, REPLICA)).isEmpty();
    s3.deleteBucket(b -> b.bucket(PRIMARY));
    replicaS3.deleteBucket(b -> b.bucket(REPLICA));
    provider.delete(new DeleteRequest(ADDRESS, PRIMARY_REGION, PRIMARY, second.attributes(), Progress.NONE));
    assertThat(provider.read(new ReadRequest(ADDRESS, PRIMARY_REGION, PRIMARY, second.attributes()))).isEmpty();
  }

  @Test
  void aReplicaThatNeverCatchesUpIsAnErrorNamingTheMissingKeys() throws IOException {
    // replication not configured: S3 never copies what siteform uploads
    write("index.html", "i");
    write("about.html", "a");
    SiteContentProvider impatient = new SiteContentProvider(clients, new Waits(Duration.ofSeconds(1), Duration.ofMillis(100)));
    List<LiveResource> recorded = new ArrayList<>();
    Map<String, Object> desired = desired(true);
    assertThatThrownBy(() -> impatient.create(
            new CreateRequest(ADDRESS, PRIMARY_REGION, desired, progress::add, recorded::add)))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("the primary bucket site is published and recorded, but replication has not caught up")
        .hasMessageContaining("replica site-sg in ap-southeast-1 lacks or holds an old copy of 2 of 2 object(s), first:"
            + " about.html, index.html")
        .hasMessageContaining("`siteform verify` checks the replicas again, and the next `siteform apply` copies");
    assertThat(progress).contains("replica ap-southeast-1: 0/2 objects current");
    // what was published is recorded, without the replica that lags: the next plan brings it up to date
    // (after the record of the files in flight, if the uploads took long enough to make one)
    assertThat(recorded).last().satisfies(r -> assertThat(r.attributes()).containsEntry("files", desired.get("files"))
        .containsEntry("replicas", List.of()).doesNotContainKey(SiteContentProvider.PENDING));
    assertThat(recorded).filteredOn(r -> !r.attributes().containsKey(SiteContentProvider.PENDING)).hasSize(1);
  }

  @Test
  void aMissingReplicaBucketIsAnError() throws IOException {
    write("index.html", "i");
    replicaS3.deleteBucket(b -> b.bucket(REPLICA));
    assertThatThrownBy(() -> create(desired(true)))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("replica bucket site-sg in ap-southeast-1 does not exist");
  }

  @Test
  void withoutTheSourceFolderNothingIsPublished() throws IOException {
    write("index.html", "i");
    Map<String, Object> d = desired(true);
    d.remove("source");
    assertThatThrownBy(() -> create(d)).isInstanceOf(io.siteform.error.SiteformBug.class).hasMessageContaining("'source'");
    assertThat(keys(s3, PRIMARY)).isEmpty();
  }

  @Test
  void aFileChangedAfterThePlanIsNotPublished() throws IOException {
    Path index = write("index.html", "planned");
    Map<String, Object> planned = desired(true);
    Files.writeString(index, "edited after the plan");
    assertThatThrownBy(() -> create(planned)).isInstanceOf(ProviderException.class)
        .hasMessageContaining("index.html changed since the plan was made");
    assertThat(keys(s3, PRIMARY)).isEmpty();
  }
}
