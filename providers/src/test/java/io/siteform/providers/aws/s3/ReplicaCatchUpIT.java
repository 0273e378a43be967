package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.content.LocalFilesDataSource;
import io.siteform.providers.testing.FaultProxy;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.providers.aws.s3.ReplicaCatchUp.Replica;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How the replica wait looks at the replicas, seen through a proxy that records each request: it
 * starts while the uploads run and asks a replica for few keys with HeadObject.
 */
@ExtendWith(MotoExtension.class)
class ReplicaCatchUpIT {
  private static final Address ADDRESS = new Address("site_content", "site");
  private static final String PRIMARY = "site";
  private static final String REGION = "eu-west-1";
  private static final String REPLICA = "site-sg";
  private static final String REPLICA_REGION = "ap-southeast-1";

  private final MotoServer moto;
  private final AwsClients direct;
  private FaultProxy proxy;
  private AwsClients clients;
  @TempDir Path site;

  ReplicaCatchUpIT(MotoServer moto) {
    this.moto = moto;
    this.direct = moto.newClients();
  }

  @BeforeEach
  void buckets() {
    proxy = new FaultProxy(moto.endpoint(), 10_000);
    clients = proxy.newClients();
    S3Client s3 = direct.s3(REGION);
    versioned(s3, PRIMARY, REGION);
    versioned(direct.s3(REPLICA_REGION), REPLICA, REPLICA_REGION);
    s3.putBucketReplication(b -> b.bucket(PRIMARY).replicationConfiguration(c -> c
        .role("arn:aws:iam::123456789012:role/site-crr")
        .rules(r -> r.id("replica-0").priority(1).status("Enabled").filter(f -> f.prefix(""))
            .deleteMarkerReplication(m -> m.status("Disabled"))
            .destination(d -> d.bucket("arn:aws:s3:::" + REPLICA)))));
  }

  @AfterEach
  void close() {
    clients.close();
    direct.close();
    proxy.close();
  }

  private static void versioned(S3Client s3, String name, String region) {
    s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint(region)));
    s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status("Enabled")));
  }

  private Map<String, Object> desired() {
    LiveResource files = new LocalFilesDataSource().read(new DataRequest(new Address("local_files", "site"),
        REGION, Map.of("source", site.toString(), "cache_control", List.of())));
    Map<String, Object> d = new HashMap<>();
    d.put("bucket", PRIMARY);
    d.put("delete", true);
    d.put("files", files.attributes().get("files"));
    d.put("replicas", List.of(Map.of("bucket", REPLICA, "region", REPLICA_REGION)));
    d.put("source", site.toString());
    return d;
  }

  private void write(int files, String content) throws IOException {
    for (int i = 0; i < files; i++) Files.writeString(site.resolve("page-" + i + ".html"), content + i);
  }

  private static Predicate<FaultProxy.Request> replica(String method) {
    return r -> r.method().equals(method) && r.path().startsWith("/" + REPLICA);
  }

  private long count(List<FaultProxy.Seen> seen, Predicate<FaultProxy.Request> which) {
    return seen.stream().filter(s -> !s.answered() && which.test(s.request())).count();
  }

  private ReplicaCatchUp catchUp() {
    return new ReplicaCatchUp(clients, new Poller(new Waits(Duration.ofSeconds(30), Duration.ofMillis(100))), ADDRESS,
        Operation.CREATE);
  }

  private static ReplicaCatchUp.Watch watch(ReplicaCatchUp catchUp, Map<String, SiteFile> want) {
    return catchUp.watch(List.of(new Replica(REPLICA, REPLICA_REGION)), want, Map.of(), "", ReplicaCatchUp.Recorded.NONE);
  }

  /** Uploads {@code want} directly (the proxy sees only the watch); their ETags. */
  private Map<String, String> uploaded(Map<String, SiteFile> want) {
    Map<String, String> etags = new TreeMap<>();
    for (String key : want.keySet()) {
      etags.put(key, BucketObjects.unquote(direct.s3(REGION)
          .putObject(b -> b.bucket(PRIMARY).key(key), RequestBody.fromFile(site.resolve(key))).eTag()));
    }
    return etags;
  }

  /** Waits until S3 has replicated each key of {@code want} from the primary. */
  private void awaitReplicated(Map<String, SiteFile> want) {
    awaitUntil(() -> want.keySet().stream().allMatch(k -> "COMPLETED".equals(direct.s3(REGION)
        .headObject(b -> b.bucket(PRIMARY).key(k)).replicationStatusAsString())));
  }

  /** {@link #uploaded} once S3 has replicated them. */
  private Map<String, String> uploadedAndReplicated(Map<String, SiteFile> want) {
    Map<String, String> etags = uploaded(want);
    awaitReplicated(want);
    return etags;
  }

  private static boolean listing(FaultProxy.Request r) {
    return r.query().contains("list-type=2");
  }

  /**
   * 20 edits of a 30-file site: the replica, recorded by the first publish as holding the site, is
   * not listed; its 10 unchanged keys are the spot check, and the 20 edited keys are asked for.
   */
  @Test
  void aFewEditsAreAskedForByHeadObjectNotByListingTheReplicaAgain() throws IOException {
    SiteContentProvider provider = new SiteContentProvider(clients, new Waits(Duration.ofSeconds(30), Duration.ofMillis(100)));
    write(30, "v1 ");
    LiveResource first = provider.create(new CreateRequest(ADDRESS, REGION, desired(), Progress.NONE));
    for (int i = 0; i < 20; i++) Files.writeString(site.resolve("page-" + i + ".html"), "v2 " + i);
    int before = proxy.seen().size();

    provider.update(new UpdateRequest(ADDRESS, REGION, PRIMARY, first.attributes(), desired(), Progress.NONE));

    List<FaultProxy.Seen> seen = proxy.seen().subList(before, proxy.seen().size());
    assertThat(count(seen, r -> replica("GET").test(r) && listing(r))).as("replica listings").isZero();
    assertThat(count(seen, replica("HEAD"))).as("HEADs of the unchanged and the edited keys").isGreaterThanOrEqualTo(30);
    for (int i = 0; i < 20; i++) {
      String key = "page-" + i + ".html";
      assertThat(direct.s3(REPLICA_REGION).getObjectAsBytes(b -> b.bucket(REPLICA).key(key)).asUtf8String())
          .isEqualTo("v2 " + i);
    }
  }

  /**
   * S3 replication takes seconds on AWS (no time bound without Replication Time Control): the
   * wait keeps looking, a round of HeadObject for the keys still missing each time, and ends with
   * the replica current. It looks promptly but not harder than that: within a second of the copies
   * landing (PollerTest proves the schedule with a clock of its own), so no more than a round of
   * 20 HEADs for each of the first looks and one a second after them.
   */
  @Test
  void whenS3TakesSecondsToReplicateTheWaitKeepsLookingAboutOnceASecondAndSeesTheCopies() throws IOException {
    SiteContentProvider provider = new SiteContentProvider(clients, Waits.DEFAULTS);
    write(30, "v1 ");
    LiveResource first = provider.create(new CreateRequest(ADDRESS, REGION, desired(), Progress.NONE));
    for (int i = 0; i < 20; i++) Files.writeString(site.resolve("page-" + i + ".html"), "v2 " + i);
    moto.replicationSeconds(3);
    int before = proxy.seen().size();
    List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();

    provider.update(new UpdateRequest(ADDRESS, REGION, PRIMARY, first.attributes(), desired(), progress::add));

    for (int i = 0; i < 20; i++) {
      String key = "page-" + i + ".html";
      assertThat(direct.s3(REPLICA_REGION).getObjectAsBytes(b -> b.bucket(REPLICA).key(key)).asUtf8String())
          .isEqualTo("v2 " + i);
    }
    List<FaultProxy.Seen> seen = proxy.seen().subList(before, proxy.seen().size());
    long heads = count(seen, replica("HEAD"));
    // the spot check's 10, then the 20 edits for each look: 250 ms, then 100, 200, 400 and 800 ms
    // apart, then a second (3 s and the looks' own time: at most 7 looks, and at least 4)
    assertThat(heads).as("HEADs of the replica").isBetween(10L + 4 * 20, 10L + 8 * 20);
    assertThat(progress).anyMatch(l -> l.startsWith("replica " + REPLICA_REGION + ": 10/30 objects current"));
  }

  /**
   * The wait after the uploads asks for no key sooner than S3 could have replicated it: keys whose
   * upload was answered a moment ago (here already replicated, told to the watch just now) are
   * asked for once each, after {@link ReplicaCatchUp#REPLICATION_SOONEST}, not at once and again.
   */
  @Test
  void theWaitAsksForNoKeySoonerThanS3CouldHaveReplicatedIt() throws IOException {
    write(10, "v1 ");
    Map<String, SiteFile> want = SiteFile.all(desired().get("files"));
    ReplicaCatchUp catchUp = catchUp();
    try (ReplicaCatchUp.Watch watch = watch(catchUp, want)) {
      Map<String, String> etags = uploadedAndReplicated(want);
      var held = watch.uploadsEnded();
      long landed = System.nanoTime();
      etags.forEach(watch::landed);
      int ended = proxy.seen().size();

      var lagging = catchUp.run(REGION, PRIMARY, watch, held, etags, want.keySet(), "", Progress.NONE);

      assertThat(lagging).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - landed)).as("asked no sooner than S3 replicates")
          .isGreaterThanOrEqualTo(ReplicaCatchUp.REPLICATION_SOONEST);
      List<FaultProxy.Seen> after = proxy.seen().subList(ended, proxy.seen().size());
      assertThat(count(after, replica("HEAD"))).as("one HeadObject per key, none of them early").isEqualTo(want.size());
    }
  }

  /**
   * What S3 replicates while the uploads still run is seen then (the watch looks for each key
   * answered a while ago), and the wait after the uploads does not ask for it again.
   */
  @Test
  void theWatchSeesWhatIsReplicatedWhileTheUploadsRunAndTheWaitAfterThemDoesNotAskAgain() throws IOException {
    write(10, "v1 ");
    Map<String, SiteFile> want = SiteFile.all(desired().get("files"));
    ReplicaCatchUp catchUp = catchUp();
    try (ReplicaCatchUp.Watch watch = watch(catchUp, want)) {
      // The uploads, made directly (the proxy sees only the watch), and told to the watch once S3
      // has replicated them, so that its first look for them finds them.
      Map<String, String> etags = uploadedAndReplicated(want);
      int replicated = proxy.seen().size();
      etags.forEach(watch::landed);
      // The watch asks for each key a while after its upload was answered, while the uploads still run.
      awaitUntil(() -> {
        List<FaultProxy.Seen> since = proxy.seen().subList(replicated, proxy.seen().size());
        Set<String> headed = since.stream().filter(x -> x.answered() && replica("HEAD").test(x.request()))
            .map(x -> x.request().path().substring(REPLICA.length() + 2)).collect(Collectors.toSet());
        return count(since, r -> replica("GET").test(r) && listing(r)) > 0 || headed.containsAll(want.keySet());
      });

      var held = watch.uploadsEnded();
      int ended = proxy.seen().size();
      var lagging = catchUp.run(REGION, PRIMARY, watch, held, etags, want.keySet(), "", Progress.NONE);

      assertThat(lagging).isEmpty();
      List<FaultProxy.Seen> after = proxy.seen().subList(ended, proxy.seen().size());
      assertThat(count(after, r -> r.path().startsWith("/" + REPLICA))).as("requests to the replica after the uploads").isZero();
    }
  }

  /**
   * More keys than one round of HeadObject: the watch does not list the replica while the uploads
   * run (a listing then would have to be made again for the keys still to come); the wait after
   * them lists it once.
   */
  @Test
  void manyKeysAreListedOnceTheUploadsHaveEndedNotWhileTheyRun() throws Exception {
    write(AwsClients.MAX_CONNECTIONS + 6, "v1 ");
    Map<String, SiteFile> want = SiteFile.all(desired().get("files"));
    ReplicaCatchUp catchUp = catchUp();
    try (ReplicaCatchUp.Watch watch = watch(catchUp, want)) {
      Map<String, String> etags = uploaded(want);
      etags.forEach(watch::landed);
      awaitReplicated(want);
      Thread.sleep(1_000); // the watch's pauses are 100 ms here: ten looks' time

      var held = watch.uploadsEnded();
      assertThat(count(proxy.seen(), r -> replica("GET").test(r) && listing(r))).as("listings before the uploads ended")
          .isEqualTo(1);
      assertThat(count(proxy.seen(), replica("HEAD"))).isZero();
      var lagging = catchUp.run(REGION, PRIMARY, watch, held, etags, want.keySet(), "", Progress.NONE);

      assertThat(lagging).isEmpty();
      assertThat(count(proxy.seen(), r -> replica("GET").test(r) && listing(r))).as("listings in all").isEqualTo(2);
    }
  }

  /**
   * Uploaded after the listing made before, and still held by the replica as it was then: each
   * round's listing shows the old copy, which no HeadObject of its recorded MD5 could make
   * current. Here replication has been switched off, so the wait runs out (an answer, not a failure).
   */
  @Test
  void keysTheReplicaStillHoldsAsBeforeTheirUploadAreNotHeadedEachRound() throws Exception {
    write(AwsClients.MAX_CONNECTIONS + 6, "v1 ");
    Map<String, Object> v1 = desired();
    new SiteContentProvider(direct, new Waits(Duration.ofSeconds(30), Duration.ofMillis(100)))
        .create(new CreateRequest(ADDRESS, REGION, v1, Progress.NONE));
    direct.s3(REGION).deleteBucketReplication(b -> b.bucket(PRIMARY));
    write(AwsClients.MAX_CONNECTIONS + 6, "v2 ");
    Map<String, SiteFile> want = SiteFile.all(desired().get("files"));
    ReplicaCatchUp catchUp = new ReplicaCatchUp(clients,
        new Poller(new Waits(Duration.ofSeconds(1), Duration.ofMillis(100))), ADDRESS, Operation.UPDATE);
    try (ReplicaCatchUp.Watch watch = watch(catchUp, want)) {
      var held = watch.uploadsEnded(); // the listing is made: the uploads come after it
      Map<String, String> etags = uploaded(want);
      etags.forEach(watch::landed);
      Thread.sleep(ReplicaCatchUp.REPLICATION_SOONEST.toMillis()); // none answered too recently to list

      var lagging = catchUp.run(REGION, PRIMARY, watch, held, etags, want.keySet(), "", Progress.NONE);

      assertThat(lagging.values()).singleElement().asList().hasSize(want.size());
      assertThat(count(proxy.seen(), r -> replica("GET").test(r) && listing(r))).as("listings").isGreaterThan(2);
      assertThat(count(proxy.seen(), replica("HEAD"))).as("HEADs of the replica").isZero();
    }
  }

  private void awaitUntil(java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 20 s; the proxy saw %s", proxy.seen()).isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
