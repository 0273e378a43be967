package io.siteform.providers.aws.s3;

import io.siteform.engine.event.Durations;
import io.siteform.engine.provider.Checkpoint;
import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Parallel;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.aws.s3.BucketObjects.Listed;
import io.siteform.providers.aws.s3.ReplicaCatchUp.Replica;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * {@code site_content}: the site's files published to the primary bucket, the seed's {@code aws
 * s3 sync --delete dist/ s3://bucket} done exactly, and present in every replica bucket. The id
 * is the primary bucket's name; the request's region is its region.
 *
 * <p>Attributes: {@code bucket}, {@code delete} (Boolean: remove objects the site no longer has),
 * {@code files} (path to {@code {md5, size, content_type, cache_control}}, as the {@code
 * local_files} data source gives them), {@code replicas} (List of {@code {bucket, region}}), and
 * {@code source}, the folder the files are read from (desired only; kept as recorded).
 *
 * <p>With {@code delete} false, objects siteform never published are none of its business: they
 * are neither read nor deleted.
 */
public final class SiteContentProvider implements Provider {
  public static final String TYPE = "site_content";

  /**
   * The source folder is passed through but never compared: it differs between a laptop and CI.
   * A new primary bucket is an update: the content is published there and the replicas, which
   * stay, keep every version they hold (io.siteform.engine.provider.Schemas).
   */
  private static final ResourceSchema SCHEMA = io.siteform.engine.provider.Schemas.SITE_CONTENT;
  /** The files a publish is writing, recorded once its uploads have run a moment (the schema's in-flight attribute; {@link InFlight}). */
  static final String PENDING = SCHEMA.inFlight().orElseThrow();

  private final AwsClients clients;
  private final Poller poller;
  /** The run's bucket listings, shared with site_content_removal (the one per-run memo of this provider). */
  private final Listings listings;
  private final java.time.Duration inFlightAfter;

  public SiteContentProvider(AwsClients clients, Waits waits) {
    this(clients, new Poller(waits));
  }

  /** @param poller the wait for the replicas to hold the site */
  public SiteContentProvider(AwsClients clients, Poller poller) {
    this(clients, poller, new Listings());
  }

  /** @param listings the run's listings, shared with the run's {@link SiteContentRemovalProvider} */
  SiteContentProvider(AwsClients clients, Poller poller, Listings listings) {
    this(clients, poller, listings, InFlight.AFTER);
  }

  /** @param inFlightAfter how long a publish's uploads run before it records them in flight ({@link InFlight}) */
  SiteContentProvider(AwsClients clients, Poller poller, Listings listings, java.time.Duration inFlightAfter) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = Objects.requireNonNull(poller, "poller");
    this.listings = Objects.requireNonNull(listings, "listings");
    this.inFlightAfter = Objects.requireNonNull(inFlightAfter, "inFlightAfter");
  }

  /**
   * This type and {@code site_content_removal}, sharing one run's bucket listings: a publish and
   * the removal after it list each bucket once between them.
   */
  public static List<io.siteform.engine.provider.Provider> withRemoval(AwsClients clients, Waits waits,
      java.time.Clock clock) {
    Listings listings = new Listings();
    return List.of(new SiteContentProvider(clients, new Poller(waits), listings),
        new SiteContentRemovalProvider(clients, clock, listings));
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    Address address = request.address();
    Map<String, Object> prior = request.prior();
    String bucket = request.id();
    S3Client s3 = clients.s3(request.region());
    Map<String, SiteFile> recorded = SiteFile.all(prior.get("files"));
    Optional<Map<String, Listed>> listing = listings.get(Listings.Use.CONTENT_READ, s3, address, Operation.READ,
        request.region(), bucket, recorded.keySet());
    if (listing.isEmpty()) return Optional.empty();
    // Nothing recorded (an import): the user hands the whole bucket to siteform. Otherwise the
    // published files alone: objects the site does not have are site_content_removal's to delete.
    boolean delete = !Boolean.FALSE.equals(prior.get("delete"));
    // A publish interrupted part-way recorded the files it was uploading: each one the bucket holds
    // is asked with HeadObject, as it stands now, whatever was recorded of it before.
    Map<String, SiteFile> pending = SiteFile.all(prior.get(PENDING));
    Map<String, SiteFile> known = recorded;
    Collection<String> keys = recorded.keySet();
    if (!pending.isEmpty()) {
      known = new TreeMap<>(recorded);
      known.keySet().removeAll(pending.keySet());
      keys = new java.util.TreeSet<>(recorded.keySet());
      keys.addAll(pending.keySet());
    }
    if (delete && !prior.containsKey("files")) keys = listing.get().keySet();
    Map<String, SiteFile> live = BucketObjects.describe(s3, address, Operation.READ, bucket, listing.get(), keys, known);
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("bucket", prior.getOrDefault("bucket", bucket));
    a.put("delete", delete);
    a.put("replicas", prior.getOrDefault("replicas", List.of()));
    a.put("replication_prefix", prior.getOrDefault("replication_prefix", ""));
    if (prior.containsKey("source")) a.put("source", prior.get("source"));
    if (prior.containsKey("keep_releases")) a.put("keep_releases", prior.get("keep_releases"));
    if (prior.containsKey("versions")) a.put("versions", vouchedVersions(prior.get("versions"), recorded, pending, live));
    a.put("files", SiteFile.attribute(live));
    if (!pending.isEmpty()) a.put(PENDING, prior.get(PENDING));
    return Optional.of(new LiveResource(bucket, a));
  }

  /**
   * The recorded version ids that still name what each key serves: not a key an interrupted
   * publish was writing, nor one whose bytes are no longer the recorded ones. The next publish
   * asks the bucket for the others' current versions, so a release never names an overwritten one.
   */
  private static Map<String, Object> vouchedVersions(Object versions, Map<String, SiteFile> recorded,
      Map<String, SiteFile> pending, Map<String, SiteFile> live) {
    Map<String, Object> out = new TreeMap<>();
    if (!(versions instanceof Map<?, ?> m)) return out;
    m.forEach((k, v) -> {
      String key = String.valueOf(k);
      SiteFile was = recorded.get(key);
      SiteFile now = live.get(key);
      if (pending.containsKey(key) || was == null || now == null || !was.md5().equals(now.md5())) return;
      out.put(key, v);
    });
    return out;
  }

  @Override
  public LiveResource create(CreateRequest request) {
    return publish(request.address(), request.region(), Map.of(), request.desired(), request.progress(),
        request.checkpoint(), Operation.CREATE);
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    return publish(request.address(), request.region(), request.prior(), request.desired(), request.progress(),
        request.checkpoint(), Operation.UPDATE);
  }

  /**
   * Publishes in the order that never serves a broken page: new and changed files that are not
   * pages first, then the pages that may name them. Nothing is deleted here: the site's removed
   * files are {@code site_content_removal}'s, which runs after the invalidation.
   */
  private LiveResource publish(Address address, String region, Map<String, Object> prior,
      Map<String, Object> desired, Progress progress, Checkpoint checkpoint, Operation op) {
    String bucket = (String) desired.get("bucket");
    if (bucket == null) throw new ProviderException(address.toString(), op, "attribute 'bucket' is missing");
    Map<String, String> restore = strings(desired.get("restore"));
    Map<String, SiteFile> want = SiteFile.all(desired.get("files"));
    boolean delete = Boolean.TRUE.equals(desired.get("delete"));
    List<Replica> replicas = Replica.all(desired.get("replicas"));
    S3Client s3 = clients.s3(region);

    long started = System.nanoTime();
    Map<String, Listed> listing = listings.get(Listings.Use.PUBLISH, s3, address, op, region, bucket)
        .orElseThrow(() -> new ProviderException(address.toString(), op,
            "bucket " + bucket + " does not exist in " + region + ": apply creates it first; run plan again"));
    Map<String, SiteFile> live = BucketObjects.describe(s3, address, op, bucket, listing, want.keySet(),
        SiteFile.all(prior.get("files")));
    Map<String, SiteFile> changed = new TreeMap<>();
    want.forEach((key, f) -> {
      if (!f.servesSameAs(live.get(key))) changed.put(key, f);
    });
    started = step(progress, "primary listing", started);

    Map<String, String> etags = new TreeMap<>();
    listing.forEach((key, l) -> etags.put(key, l.etag()));
    Map<String, Uploads.Put> written = new TreeMap<>();
    ReplicaCatchUp catchUp = new ReplicaCatchUp(clients, poller, address, op);
    String replicationPrefix = String.valueOf(desired.getOrDefault("replication_prefix", ""));
    // Each replica listed once, all at once, while the uploads run (the catch-up needs what the
    // replicas held before this publish: what it uploads S3 replicates by itself), then watched
    // for what S3 has had time to replicate of the uploads answered so far.
    try (ReplicaCatchUp.Watch watch = catchUp.watch(replicas, want, etags, replicationPrefix,
        recorded(prior, replicas, want, live, listing, changed.keySet()))) {
      // Recorded beside the uploads once they have run a moment, so a run killed during them leaves state that says so.
      InFlight inFlight = InFlight.record(checkpoint, bucket, inFlight(bucket, delete, prior, desired, changed),
          inFlightAfter);
      try {
        upload(address, op, region, bucket, s3, restore, changed, desired, want, prior, written, progress,
            (key, put) -> watch.landed(key, put.etag()));
      } catch (RuntimeException e) {
        inFlight.failed(e);
        throw e;
      }
      inFlight.done();
      started = step(progress, "uploads", started);
      Map<Replica, Map<String, Listed>> held = watch.uploadsEnded();
      started = step(progress, "replica listing", started);
      written.forEach((k, put) -> etags.put(k, put.etag()));
      Map<String, Object> versions = versions(s3, address, op, bucket, want.keySet(), prior, written);
      Map<Replica, List<String>> lagging = catchUp.run(region, bucket, watch, held, etags, written.keySet(),
          replicationPrefix, progress);
      // A replica known from the state alone is listed by the removal, if one runs: it deletes by what is there.
      held.keySet().removeIf(watch::unlisted);
      return published(address, op, region, bucket, delete, desired, want, versions, listing, held, etags, lagging,
          checkpoint);
    }
  }

  /**
   * What the state says the replicas held, for the replica watch: the replicas the last publish
   * recorded as holding its files, when every file of this publish is either written now or
   * still in the primary as that publish recorded it (else nothing: the replicas are listed).
   */
  private static ReplicaCatchUp.Recorded recorded(Map<String, Object> prior, List<Replica> replicas,
      Map<String, SiteFile> want, Map<String, SiteFile> live, Map<String, Listed> listing, Set<String> written) {
    Map<String, SiteFile> files = SiteFile.all(prior.get("files"));
    Map<String, Listed> unchanged = new TreeMap<>();
    for (String k : want.keySet()) {
      if (written.contains(k)) continue;
      SiteFile was = files.get(k);
      SiteFile now = live.get(k);
      if (was == null || now == null || !was.md5().equals(now.md5()) || !listing.containsKey(k)) {
        return ReplicaCatchUp.Recorded.NONE;
      }
      unchanged.put(k, listing.get(k));
    }
    List<Replica> holding = Replica.all(prior.get("replicas")).stream().filter(replicas::contains).toList();
    return new ReplicaCatchUp.Recorded(holding, unchanged);
  }

  /**
   * The content as it stands before this publish writes anything, with {@code changed} as {@value
   * #PENDING}: the files it has not confirmed. No replica is recorded as holding the site, so the
   * publish after an interrupted one checks every replica.
   */
  private static Map<String, Object> inFlight(String bucket, boolean delete, Map<String, Object> prior,
      Map<String, Object> desired, Map<String, SiteFile> changed) {
    Map<String, Object> a = attributes(bucket, delete, List.of(), desired, SiteFile.all(prior.get("files")), Map.of());
    // What the state held before: its prefix and versions, not this publish's.
    a.put("replication_prefix", prior.getOrDefault("replication_prefix", a.get("replication_prefix")));
    a.put("versions", prior.getOrDefault("versions", Map.of()));
    a.put(PENDING, SiteFile.attribute(changed));
    return a;
  }

  /** Records the publish; a replica still behind is recorded as such and fails the publish. */
  private LiveResource published(Address address, Operation op, String region, String bucket, boolean delete,
      Map<String, Object> desired, Map<String, SiteFile> want, Map<String, Object> versions,
      Map<String, Listed> listing, Map<Replica, Map<String, Listed>> held, Map<String, String> etags,
      Map<Replica, List<String>> lagging, Checkpoint checkpoint) {
    if (!lagging.isEmpty()) {
      // The primary is published: recorded as such, with only the replicas known to hold it, so
      // the next plan shows the others as still to be brought up to date, and the next apply does.
      List<Object> current = new ArrayList<>();
      for (Object r : (List<?>) desired.getOrDefault("replicas", List.of())) {
        Map<?, ?> m = (Map<?, ?>) r;
        boolean behind = lagging.keySet().stream().anyMatch(l -> l.bucket().equals(String.valueOf(m.get("bucket"))));
        if (!behind) current.add(r);
      }
      checkpoint.reached(new LiveResource(bucket, attributes(bucket, delete, current, desired, want, versions)));
      throw new ProviderException(address.toString(), op, "the primary bucket " + bucket + " is published and recorded,"
          + " but replication has not caught up within " + Durations.format(poller.waits().timeout()) + ": "
          + ReplicaCatchUp.lagging(lagging, want) + ". S3 replication without Replication Time Control has no time"
          + " bound; it carries on by itself: `siteform verify` checks the replicas again, and the next `siteform apply`"
          + " copies what S3 will not and waits for the rest");
    }
    keepForRemoval(region, bucket, listing, held, want, etags);
    return new LiveResource(bucket, attributes(bucket, delete, desired.getOrDefault("replicas", List.of()), desired,
        want, versions));
  }

  /** Writes the changed files in publishing order: uploaded from the source, or for a rollback copied from their versions. */
  private void upload(Address address, Operation op, String region, String bucket, S3Client s3,
      Map<String, String> restore, Map<String, SiteFile> changed, Map<String, Object> desired,
      Map<String, SiteFile> want, Map<String, Object> prior, Map<String, Uploads.Put> written, Progress progress,
      java.util.function.BiConsumer<String, Uploads.Put> answered) {
    if (!restore.isEmpty()) {
      // A rollback: the release's exact versions, copied inside the bucket, checked to exist first.
      Map<String, String> toCopy = new TreeMap<>();
      changed.keySet().forEach(k -> toCopy.put(k, restore.get(k)));
      ObjectVersions.requireAll(s3, address, op, bucket, toCopy);
      for (Map<String, SiteFile> phase : PublishOrder.phases(changed)) {
        List<String> keys = List.copyOf(phase.keySet());
        List<Uploads.Put> puts = Parallel.map(keys, k -> ObjectVersions.restore(s3, address, op, bucket, k, toCopy.get(k)));
        for (int i = 0; i < keys.size(); i++) {
          written.put(keys.get(i), puts.get(i));
          answered.accept(keys.get(i), puts.get(i));
        }
      }
      if (!changed.isEmpty()) progress.report("restored " + changed.size() + " object version(s) by server-side copy");
    } else {
      Path source = source(address, op, desired);
      // An earlier run killed mid-upload left parts of the site's files: abort them before the new upload.
      Set<String> siteKeys = new java.util.HashSet<>(want.keySet());
      siteKeys.addAll(SiteFile.all(prior.get("files")).keySet());
      Runnable clearLeftovers = () -> {
        int leftover = IncompleteUploads.abort(s3, address, op, bucket, siteKeys::contains);
        if (leftover > 0) progress.report("aborted " + leftover + " incomplete multipart upload(s) an earlier run left in " + bucket);
      };
      written.putAll(new Uploads(address, op).run(() -> clients.s3Async(region), s3, bucket, source,
          PublishOrder.phases(changed), progress, answered, clearLeftovers));
    }
  }

  /**
   * What the primary and each replica hold after this publish, for the removal that follows it in
   * this run: what they held, and every published file (the replicas hold them once the wait is
   * over: a replica still behind fails the publish, and no removal follows).
   */
  private void keepForRemoval(String region, String bucket, Map<String, Listed> listing,
      Map<Replica, Map<String, Listed>> held, Map<String, SiteFile> want, Map<String, String> etags) {
    Map<String, Listed> primary = new TreeMap<>(listing);
    want.forEach((k, f) -> primary.put(k, new Listed(etags.getOrDefault(k, f.md5()), f.size())));
    listings.keep(region, bucket, primary, Listings.Use.REMOVAL);
    held.forEach((r, keys) -> {
      Map<String, Listed> after = new TreeMap<>(keys);
      want.forEach((k, f) -> after.putIfAbsent(k, primary.get(k)));
      listings.keep(r.region(), r.bucket(), after, Listings.Use.REMOVAL);
    });
  }

  /**
   * The S3 version id each published key serves: what this apply's puts and copies answered, the
   * recorded one for a key left alone, and for a key with neither (state from before releases, an
   * unversioned answer) the current version from the bucket's version listing.
   */
  private static Map<String, Object> versions(S3Client s3, Address address, Operation op, String bucket,
      Set<String> keys, Map<String, Object> prior, Map<String, Uploads.Put> written) {
    Map<String, String> recorded = strings(prior.get("versions"));
    Map<String, Object> out = new TreeMap<>();
    List<String> unknown = new ArrayList<>();
    for (String k : keys) {
      Uploads.Put p = written.get(k);
      String v = p != null ? p.versionId() : recorded.get(k);
      if (v == null || v.isEmpty() || "null".equals(v)) unknown.add(k);
      else out.put(k, v);
    }
    out.putAll(ObjectVersions.current(s3, address, op, bucket, Set.copyOf(unknown)));
    return out;
  }

  private static Map<String, String> strings(Object m) {
    Map<String, String> out = new TreeMap<>();
    if (m instanceof Map<?, ?> map) map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  /** Reports step {@code name}, begun at {@code start}, as ended; returns now. */
  private static long step(Progress progress, String name, long start) {
    long now = System.nanoTime();
    progress.step(name, java.time.Duration.ofNanos(now - start));
    return now;
  }

  private static Map<String, Object> attributes(String bucket, boolean delete, Object replicas,
      Map<String, Object> desired, Map<String, SiteFile> want, Map<String, Object> versions) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("bucket", bucket);
    a.put("delete", delete);
    a.put("replicas", replicas);
    a.put("replication_prefix", desired.getOrDefault("replication_prefix", ""));
    if (desired.containsKey("source")) a.put("source", desired.get("source"));
    if (desired.containsKey("keep_releases")) a.put("keep_releases", desired.get("keep_releases"));
    a.put("files", SiteFile.attribute(want));
    a.put("versions", versions);
    return a;
  }

  private static Path source(Address address, Operation op, Map<String, Object> desired) {
    if (desired.get("source") instanceof String s && Path.of(s).isAbsolute()) return Path.of(s);
    // The plan always carries the folder (the local_files data source's id): without it, siteform went wrong.
    throw new io.siteform.error.SiteformBug(address + ": the folder to publish from is not known (attribute 'source' is "
        + desired.get("source") + ")");
  }

  @Override
  public void delete(DeleteRequest request) {
    Map<String, Object> prior = request.prior();
    // With delete true the bucket's every object is the site's, including the old versions of
    // files siteform removed; otherwise only the files it published.
    boolean all = Boolean.TRUE.equals(prior.get("delete"));
    Set<String> mine = SiteFile.all(prior.get("files")).keySet();
    int n = ObjectDeletes.purge(clients.s3(request.region()), request.address(), request.id(), k -> all || mine.contains(k));
    for (Replica r : Replica.all(prior.get("replicas"))) {
      n += ObjectDeletes.purge(clients.s3(r.region()), request.address(), r.bucket(), k -> all || mine.contains(k));
    }
    request.progress().report("deleted " + n + " object version(s) and delete marker(s)");
  }
}
