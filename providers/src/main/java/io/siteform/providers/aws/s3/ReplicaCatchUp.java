package io.siteform.providers.aws.s3;

import io.siteform.engine.provider.Progress;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Parallel;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.s3.BucketObjects.Listed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ReplicationStatus;

/**
 * Makes every replica bucket hold the published files, then waits until it does. S3 replicates
 * only objects written after replication was configured, and never retries a FAILED one (the
 * seed's warning): those siteform copies itself. Objects S3 is still replicating (PENDING) and the
 * ones this apply uploaded are left to S3.
 *
 * <p>The wait begins with the uploads ({@link Watch}): while they run, the uploaded keys S3 has
 * had time to replicate are looked for, so that when the last upload is answered little is left
 * to confirm.
 */
final class ReplicaCatchUp {
  /** A replica bucket of the site. */
  record Replica(String bucket, String region) {
    static List<Replica> all(Object replicas) {
      List<Replica> out = new ArrayList<>();
      if (replicas instanceof List<?> l) {
        for (Object o : l) {
          Map<?, ?> m = (Map<?, ?>) o;
          out.add(new Replica(String.valueOf(m.get("bucket")), String.valueOf(m.get("region"))));
        }
      }
      return out;
    }
  }

  /**
   * How long after its upload was answered a key is first looked for in a replica while the
   * uploads run: S3 replicates nothing sooner, so an earlier look is a request spent for nothing.
   */
  static final Duration REPLICATION_SOONEST = Duration.ofMillis(250);

  private final AwsClients clients;
  private final Poller poller;
  private final Address address;
  private final Operation op;

  ReplicaCatchUp(AwsClients clients, Poller poller, Address address, Operation op) {
    this.clients = clients;
    this.poller = poller;
    this.address = address;
    this.op = op;
  }

  /**
   * What each replica holds, listed all at once (the replicas are in different regions), each in
   * parallel ranges split by {@code expected}, the keys it should hold; a replica bucket that does
   * not exist is left out. The maps are the caller's to change.
   */
  static Map<Replica, Map<String, Listed>> list(AwsClients clients, Address address, Operation op, List<Replica> replicas,
      Collection<String> expected) {
    List<Optional<Map<String, Listed>>> listed = Parallel.map(replicas,
        r -> BucketObjects.list(clients.s3(r.region()), address, op, r.bucket(), expected));
    Map<Replica, Map<String, Listed>> out = new LinkedHashMap<>();
    for (int i = 0; i < replicas.size(); i++) {
      Replica r = replicas.get(i);
      listed.get(i).ifPresent(l -> out.put(r, new TreeMap<>(l)));
    }
    return out;
  }

  /**
   * What the state says the replicas held when the publish began: {@code replicas}, recorded by
   * the last publish as holding every file it published, and {@code unchanged}, the keys the
   * primary still holds as that publish left them (as the primary's listing shows them) and this
   * one does not write: the copies S3 or siteform made of those are the replicas' too.
   */
  record Recorded(List<Replica> replicas, Map<String, Listed> unchanged) {
    static final Recorded NONE = new Recorded(List.of(), Map.of());
  }

  /**
   * How many keys of a replica recorded as holding the site are asked for by HeadObject before
   * what the state says is taken instead of a listing: one parallel round. A replica bucket made
   * anew, emptied or partly expired shows in them; with no more keys than this every key is asked
   * for, so a small site is always checked whole.
   */
  static final int SPOT_CHECK = 16;

  /**
   * Starts watching {@code replicas} for {@code want}, the publish's files, with the uploads:
   * learns what each replica held before this publish (but for uploads S3 may already have
   * replicated), once the uploads have ended or run for {@link #REPLICATION_SOONEST}, then, while they run,
   * asks for the keys whose upload was answered at least {@link #REPLICATION_SOONEST} ago, by
   * HeadObject when they fit one parallel round (a listing waits for the uploads to end). What a
   * replica held is its listing, or for one in {@code recorded} whose {@link #SPOT_CHECK} keys
   * checked by HeadObject hold what the state says, what the state says: a re-publish of a large
   * site then lists only the primary. Close it when the publish ends, however it ends.
   *
   * @param primaryEtags each key's ETag in the primary bucket before this publish
   * @param replicationPrefix the prefix the replication rules cover ("" for every key)
   */
  Watch watch(List<Replica> replicas, Map<String, SiteFile> want, Map<String, String> primaryEtags,
      String replicationPrefix, Recorded recorded) {
    return new Watch(replicas, want, primaryEtags, replicationPrefix, recorded);
  }

  /** The replicas as seen since the publish began: what they held, and which keys they hold current. */
  final class Watch implements AutoCloseable {
    private final List<Replica> replicas;
    private final Map<String, SiteFile> want;
    private final Map<String, String> etags;
    private final String prefix;
    /** Keys this publish wrote, with when S3 answered (System.nanoTime). */
    private final Map<String, Long> answered = new ConcurrentHashMap<>();
    private final Map<Replica, Set<String>> sure = new ConcurrentHashMap<>();
    private final CountDownLatch uploadsEnded = new CountDownLatch(1);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "siteform-replica-watch");
      t.setDaemon(true);
      return t;
    });
    private final Future<Map<Replica, Map<String, Listed>>> held;
    /** When {@link #held} was complete: a key answered later was held in its old version, if at all. */
    private volatile long listed = Long.MAX_VALUE;
    /** The replicas {@link #held} took from the state, unlisted. */
    private final Set<Replica> unlisted = ConcurrentHashMap.newKeySet();
    private final Future<?> watching;

    private Watch(List<Replica> replicas, Map<String, SiteFile> want, Map<String, String> primaryEtags, String prefix,
        Recorded recorded) {
      this.replicas = List.copyOf(replicas);
      this.want = want;
      this.etags = new ConcurrentHashMap<>(primaryEtags);
      this.prefix = prefix;
      replicas.forEach(r -> sure.put(r, ConcurrentHashMap.newKeySet()));
      this.held = thread.submit(() -> {
        // The first uploads go out first: the listing would hold them up at the endpoint, and S3
        // replicates nothing of them sooner anyway. A re-publish's few uploads end before this.
        uploadsEnded.await(REPLICATION_SOONEST.toNanos(), TimeUnit.NANOSECONDS);
        Map<Replica, Map<String, Listed>> listing = held(recorded);
        listed = System.nanoTime();
        return listing;
      });
      this.watching = thread.submit(this::whileUploading);
    }

    /**
     * What each replica holds: what the state says of a recorded one whose spot check agrees,
     * listed otherwise (the replicas at once). A spot check that finds a key missing or old lists.
     */
    private Map<Replica, Map<String, Listed>> held(Recorded recorded) {
      List<Boolean> trusted = Parallel.map(replicas, r -> recorded.replicas().contains(r)
          && !recorded.unchanged().isEmpty() && spotCheck(r, recorded.unchanged()));
      List<Replica> toList = new ArrayList<>();
      for (int i = 0; i < replicas.size(); i++) {
        if (trusted.get(i)) unlisted.add(replicas.get(i));
        else toList.add(replicas.get(i));
      }
      Map<Replica, Map<String, Listed>> out = new LinkedHashMap<>(list(clients, address, op, toList, want.keySet()));
      for (Replica r : unlisted) out.put(r, new TreeMap<>(recorded.unchanged()));
      return out;
    }

    /** Whether {@link #SPOT_CHECK} keys of {@code unchanged}, drawn at random, are current in {@code r}. */
    private boolean spotCheck(Replica r, Map<String, Listed> unchanged) {
      List<String> keys = new ArrayList<>(unchanged.keySet());
      java.util.Collections.shuffle(keys, java.util.concurrent.ThreadLocalRandom.current());
      List<String> sample = keys.subList(0, Math.min(SPOT_CHECK, keys.size()));
      S3Client s3 = clients.s3(r.region());
      List<Boolean> current = Parallel.map(sample, AwsClients.MAX_CONNECTIONS, k -> BucketObjects
          .head(s3, address, op, r.bucket(), k).map(h -> current(h, k)).orElse(false));
      if (current.contains(false)) return false;
      sure.get(r).addAll(sample);
      return true;
    }

    /**
     * Whether the watch took what {@code r} held from the state rather than a listing: the run's
     * removal, which needs every key the replica holds, lists it then.
     */
    boolean unlisted(Replica r) {
      return unlisted.contains(r);
    }

    /** S3 answered the upload of {@code key} with {@code etag}: from any upload thread. */
    void landed(String key, String etag) {
      etags.put(key, etag);
      answered.put(key, System.nanoTime());
    }

    /**
     * The uploads have ended: stops the watch (a look under way ends first) and returns what each
     * replica held when the publish began, with whatever S3 had replicated by then.
     */
    Map<Replica, Map<String, Listed>> uploadsEnded() {
      uploadsEnded.countDown();
      Map<Replica, Map<String, Listed>> listing = Parallel.await(held);
      try {
        watching.get();
      } catch (java.util.concurrent.ExecutionException e) {
        // a look of the watch failed: the wait after the uploads looks again, and says so if it fails too
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(address.toString(), op, "interrupted while watching the replicas", null, null, e);
      }
      return listing;
    }

    @Override
    public void close() {
      uploadsEnded.countDown();
      thread.shutdownNow();
    }

    /** Looks, paced by the one poller, until the uploads end; a clock whose pause ends with them. */
    private Void whileUploading() throws Exception {
      if (replicas.isEmpty() || want.isEmpty()) return null;
      Map<Replica, Map<String, Listed>> before = held.get();
      Poller.Clock untilUploadsEnd = new Poller.Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
          uploadsEnded.await(d.toNanos(), TimeUnit.NANOSECONDS);
        }
      };
      new Poller(poller.waits(), untilUploadsEnd).poll(address, op, Progress.NONE, poller.waits().status(), () -> {
        if (uploadsEnded.getCount() == 0) return Poller.done(true);
        // Only what this publish has written so far: the rest is still to be uploaded.
        lookAll(before, k -> k.startsWith(prefix) && answered.containsKey(k) && due(k), true);
        return Poller.pending("watching the replicas");
      });
      return null;
    }

    /**
     * One look at every replica, all at once, for the keys not yet seen current that {@code ask}
     * accepts: HeadObject each when they fit one parallel round, otherwise one listing. A listing
     * covers every key at once, so it waits while more keys are to come (the uploads run) or some
     * were answered too recently for S3 to have replicated them: made then, it would have to be
     * made again for them a round later. What it finds current goes into {@link #sure}; {@link
     * #lacking} says what is still missing.
     *
     * @param uploading whether the uploads still run
     * @return the replicas whose listing waited (for the uploads, or for keys not yet due), and
     *     those listed
     */
    private Looked lookAll(Map<Replica, Map<String, Listed>> before, Predicate<String> ask, boolean uploading) {
      List<How> how = Parallel.map(replicas, r -> {
        Set<String> seen = sure.get(r);
        List<String> unseen = want.keySet().stream().filter(k -> !seen.contains(k) && ask.test(k)).toList();
        int size = before.getOrDefault(r, Map.of()).size();
        boolean recent = want.keySet().stream().anyMatch(k -> !seen.contains(k) && !due(k));
        boolean heads = headRatherThanList(unseen.size(), size);
        if (!heads && (uploading || recent)) return How.WAITED;
        look(r, unseen, before.getOrDefault(r, Map.of()));
        return heads || unseen.isEmpty() ? How.ASKED : How.LISTED;
      });
      Set<Replica> waited = new HashSet<>();
      Set<Replica> listed = new HashSet<>();
      for (int i = 0; i < replicas.size(); i++) {
        if (how.get(i) == How.WAITED) waited.add(replicas.get(i));
        if (how.get(i) == How.LISTED) listed.add(replicas.get(i));
      }
      return new Looked(waited, listed);
    }

    /**
     * Whether S3 may have replicated {@code key} by now: it was not written by this publish, or
     * its upload was answered at least {@link #REPLICATION_SOONEST} ago.
     */
    boolean due(String key) {
      return answered.getOrDefault(key, Long.MIN_VALUE) <= System.nanoTime() - REPLICATION_SOONEST.toNanos();
    }

    /** When (System.nanoTime) S3 may first have replicated {@code key}: see {@link #due}. */
    long dueAt(String key) {
      Long at = answered.get(key);
      return at == null ? Long.MIN_VALUE : at + REPLICATION_SOONEST.toNanos();
    }

    /** The keys each replica is not yet seen to hold current, for the replicas that lack any. */
    Map<Replica, List<String>> lacking() {
      Map<Replica, List<String>> out = new LinkedHashMap<>();
      for (Replica r : replicas) {
        Set<String> seen = sure.get(r);
        List<String> lack = want.keySet().stream().filter(k -> !seen.contains(k)).toList();
        if (!lack.isEmpty()) out.put(r, lack);
      }
      return out;
    }

    /** Looks for {@code unseen} in replica {@code r}, which held {@code before}; returns those not current. */
    private List<String> look(Replica r, List<String> unseen, Map<String, Listed> before) {
      if (unseen.isEmpty()) return List.of();
      int size = before.size();
      S3Client s3 = clients.s3(r.region());
      Set<String> seen = sure.get(r);
      List<String> unsure = new ArrayList<>();
      if (headRatherThanList(unseen.size(), size)) {
        List<Optional<HeadObjectResponse>> heads = Parallel.map(unseen, AwsClients.MAX_CONNECTIONS,
            k -> BucketObjects.head(s3, address, op, r.bucket(), k));
        for (int i = 0; i < unseen.size(); i++) {
          String k = unseen.get(i);
          if (heads.get(i).filter(h -> current(h, k)).isPresent()) seen.add(k);
          else unsure.add(k);
        }
        return unsure;
      }
      Map<String, Listed> listing = BucketObjects.list(s3, address, op, r.bucket(), want.keySet())
          .orElseThrow(() -> gone(r));
      for (String k : unseen) {
        if (ReplicaCatchUp.current(listing.get(k), etags.get(k), want.get(k))) seen.add(k);
        else unsure.add(k);
      }
      // Held, but under an ETag that is no MD5 (an SSE-KMS replica, a copy siteform made): the
      // MD5 siteform recorded in the object's metadata says whether it is the published one; not
      // asked of a key uploaded after the listing before, which the replica still holds as it was.
      List<String> headed = unsure.stream()
          .filter(k -> listing.containsKey(k) && !stillOld(k, listing.get(k), before)).toList();
      List<Boolean> same = Parallel.map(headed, AwsClients.MAX_CONNECTIONS, k -> BucketObjects
          .head(s3, address, op, r.bucket(), k).map(h -> current(h, k)).orElse(false));
      for (int i = 0; i < headed.size(); i++) if (same.get(i)) seen.add(headed.get(i));
      return unsure.stream().filter(k -> !seen.contains(k)).toList();
    }

    /** Whether the replica holds {@code key} as it did before its upload, which came after that listing. */
    private boolean stillOld(String key, Listed now, Map<String, Listed> before) {
      Listed was = before.get(key);
      return was != null && was.etag().equals(now.etag()) && answered.getOrDefault(key, Long.MIN_VALUE) > listed;
    }

    /** Whether HeadObject shows the published copy of {@code key}: by ETag, or by the MD5 siteform recorded. */
    private boolean current(HeadObjectResponse h, String key) {
      String etag = BucketObjects.unquote(h.eTag());
      return ReplicaCatchUp.current(new Listed(etag, 0L), etags.get(key), want.get(key))
          || BucketObjects.md5(h, etag).equals(want.get(key).md5());
    }
  }

  /**
   * @param watch the watch begun with the uploads, which have ended ({@link Watch#uploadsEnded})
   * @param held what each replica held, as the watch listed it when the publish began
   * @param primaryEtags each key's ETag in the primary bucket
   * @param uploaded keys this apply wrote, which S3 replicates on its own if they are under
   * @param replicationPrefix the prefix the replication rules cover ("" for every key)
   * @return the keys each replica still lacks (or holds an old copy of) when the wait ran out;
   *     empty once every replica holds the site
   */
  Map<Replica, List<String>> run(String primaryRegion, String primary, Watch watch,
      Map<Replica, Map<String, Listed>> held, Map<String, String> primaryEtags, Set<String> uploaded,
      String replicationPrefix, Progress progress) {
    List<Replica> replicas = watch.replicas;
    Map<String, SiteFile> want = watch.want;
    if (replicas.isEmpty() || want.isEmpty()) return Map.of();
    long start = System.nanoTime();
    primaryEtags.forEach(watch.etags::put);
    // Failover serves every file from the replica, replicated by S3 or not.
    Set<String> replicatedByS3 = uploaded.stream().filter(k -> k.startsWith(replicationPrefix))
        .collect(Collectors.toSet());
    for (Replica r : replicas) {
      Map<String, Listed> before = held(held, r);
      Set<String> copied = backfill(clients.s3(primaryRegion), primary, r, before, want, primaryEtags,
          replicatedByS3, progress);
      // What the listing made before shows current stays so; only what this publish wrote (uploaded,
      // or copied just now) is still to be seen, if the watch has not seen it already.
      Set<String> sure = watch.sure.get(r);
      want.forEach((k, f) -> {
        if (!uploaded.contains(k) && !copied.contains(k) && current(before.get(k), primaryEtags.get(k), f)) sure.add(k);
      });
      copied.forEach(sure::remove);
    }
    long now = System.nanoTime();
    progress.step("replica copy", Duration.ofNanos(now - start));
    Map<Replica, List<String>> lagging = await(watch, held, progress);
    progress.step("replica wait", Duration.ofNanos(System.nanoTime() - now));
    return lagging;
  }

  /** The keys copied into {@code r}. */
  private Set<String> backfill(S3Client primaryS3, String primary, Replica r, Map<String, Listed> held,
      Map<String, SiteFile> want, Map<String, String> primaryEtags, Set<String> uploaded, Progress progress) {
    S3Client s3 = clients.s3(r.region());
    List<String> candidates = want.keySet().stream()
        .filter(k -> !uploaded.contains(k) && !current(held.get(k), primaryEtags.get(k), want.get(k)))
        .toList();
    List<Boolean> copied = Parallel.map(candidates, key -> {
      var head = BucketObjects.head(primaryS3, address, op, primary, key);
      // PENDING: S3 is replicating it. Anything else (no status: written before replication was
      // set up; FAILED; COMPLETED towards a bucket that has since been replaced) it never will.
      if (head.isEmpty() || head.get().replicationStatus() == ReplicationStatus.PENDING) return false;
      AwsFailures.call(address, op, () -> s3.copyObject(b -> b
          .sourceBucket(primary).sourceKey(key)
          .destinationBucket(r.bucket()).destinationKey(key)
          .metadataDirective(MetadataDirective.COPY)));
      return true;
    });
    Set<String> made = new HashSet<>();
    for (int i = 0; i < candidates.size(); i++) if (copied.get(i)) made.add(candidates.get(i));
    long n = made.size();
    if (n > 0) {
      progress.report("replica " + r.region() + ": copied " + n
          + " object(s) S3 replication does not copy (written before replication was set up, or failed)");
    }
    return made;
  }

  /**
   * Whether the keys still to be seen in a replica are better asked for with HeadObject, in
   * parallel, than by listing the replica again: when they take no more requests than the listing
   * (1,000 keys a page), or fit one parallel round of them (as many as the connection pool holds),
   * which takes about one request's time where the listing's pages come one after another. After a
   * re-publish of 20 edits, a replica of any size is 20 HEADs at once.
   */
  static boolean headRatherThanList(int unseen, int held) {
    return unseen <= Math.max(held / 1000 + 1, AwsClients.MAX_CONNECTIONS);
  }

  /**
   * Looks at each replica once a round until all hold the site, the replicas (in different
   * regions) at once, for what neither the listing made before nor the watch has seen current;
   * each key from {@link #REPLICATION_SOONEST} after its upload was answered (the last uploads of
   * a publish are not asked for the moment they end), the rounds 100 ms apart at first
   * ({@link io.siteform.providers.aws.Waits#brisk}), as a re-publish's copies can land within a
   * second, and never more than a second apart, or a quarter of the time waited, after that, as
   * they often take seconds: the wait ends soon after the last copy lands. Cross-region
   * replication has no time bound without Replication Time Control, so running out of time is an
   * answer, not a failure.
   */
  private Map<Replica, List<String>> await(Watch watch, Map<Replica, Map<String, Listed>> held, Progress progress) {
    Map<Replica, List<String>> missing = new LinkedHashMap<>();
    Poller.Outcome<Boolean> last = poller.poll(address, op, progress, poller.waits().brisk(), () -> {
      // Only the keys S3 may have replicated by now: one answered a moment ago is not asked for
      // yet (a request spent for nothing), but counts as missing until it is seen.
      Looked looked = watch.lookAll(held, watch::due, false);
      missing.clear();
      missing.putAll(watch.lacking());
      if (missing.isEmpty()) return Poller.done(true);
      String status = watch.replicas.stream()
          .map(r -> "replica " + r.region() + ": " + (watch.want.size() - missing.getOrDefault(r, List.of()).size())
              + "/" + watch.want.size() + " objects current")
          .collect(Collectors.joining("; "));
      // Not yet asked for, or few left after a listing: the wait knows when to look again.
      return nextLook(missing, looked, r -> held.getOrDefault(r, Map.of()).size(), watch::dueAt, System.nanoTime(),
          poller.waits().brisk().firstPause())
          .map(d -> Poller.<Boolean>idle(status, d)).orElseGet(() -> Poller.pending(status));
    });
    return last instanceof Poller.Done<Boolean> ? Map.of() : Map.copyOf(missing);
  }

  /** How one look of the wait went: the replicas whose listing waited, and those it listed. */
  record Looked(Set<Replica> waited, Set<Replica> listed) {}

  /** What a look did at one replica: waited to list it, asked by HeadObject (or nothing), or listed it. */
  private enum How { WAITED, ASKED, LISTED }

  /**
   * When the replica wait looks next, if it knows better than the poller's pauses: {@link #idle},
   * or, after a listing that left only keys for one round of HeadObject, {@code brisk} (the
   * wait's first pause). That round costs a fraction of the listing: the listing's own time, which
   * the poller would otherwise wait again, is no reason to wait for it, and the keys still missing
   * are the last few uploads, which S3 replicates a moment later.
   *
   * @param held how many keys each replica held when the publish began
   */
  static Optional<Duration> nextLook(Map<Replica, List<String>> missing, Looked looked,
      java.util.function.ToIntFunction<Replica> held, java.util.function.ToLongFunction<String> dueAt, long now,
      Duration brisk) {
    Optional<Duration> idle = idle(missing, looked.waited(), dueAt, now);
    if (idle.isPresent() || looked.listed().isEmpty()) return idle;
    boolean fewLeft = missing.entrySet().stream()
        .allMatch(e -> headRatherThanList(e.getValue().size(), held.applyAsInt(e.getKey())));
    return fewLeft ? Optional.of(brisk) : Optional.empty();
  }

  /**
   * How long the replica wait has nothing to ask, after a look that left {@code missing}: empty if
   * the look asked for a key and found it missing (then the wait backs off). Otherwise every key
   * still missing was not asked for, as S3 cannot have replicated it yet ({@code dueAt}, in
   * System.nanoTime), and the next look is worth making when the first of them falls due, or for
   * a replica whose listing {@code waited} for all of them to fall due, the last.
   */
  static Optional<Duration> idle(Map<Replica, List<String>> missing, Set<Replica> waited,
      java.util.function.ToLongFunction<String> dueAt, long now) {
    long next = Long.MAX_VALUE;
    for (Map.Entry<Replica, List<String>> e : missing.entrySet()) {
      boolean lists = waited.contains(e.getKey());
      long first = Long.MAX_VALUE;
      long lastDue = now;
      boolean dueNow = false;
      for (String k : e.getValue()) {
        long at = dueAt.applyAsLong(k);
        if (at <= now) {
          dueNow = true;
        } else {
          first = Math.min(first, at);
          lastDue = Math.max(lastDue, at);
        }
      }
      if (dueNow && !lists) return Optional.empty();
      next = Math.min(next, lists ? lastDue : first);
    }
    return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos(next - now));
  }

  private Map<String, Listed> held(Map<Replica, Map<String, Listed>> listed, Replica r) {
    return Optional.ofNullable(listed.get(r)).orElseThrow(() -> gone(r));
  }

  private ProviderException gone(Replica r) {
    return new ProviderException(address.toString(), op, "replica bucket " + r.bucket()
        + " in " + r.region() + " does not exist: apply creates it before publishing; run plan again");
  }

  /** Whether the replica's copy is the published one: the primary's ETag, or (copied by siteform) the MD5. */
  private static boolean current(Listed held, String primaryEtag, SiteFile want) {
    return held != null && (held.etag().equals(primaryEtag) || held.etag().equals(want.md5()));
  }

  /** What a wait that ran out says: which replicas lag, by how much, and what finishes the job. */
  static String lagging(Map<Replica, List<String>> missing, Map<String, SiteFile> want) {
    return missing.entrySet().stream()
        .map(e -> "replica " + e.getKey().bucket() + " in " + e.getKey().region() + " lacks or holds an old copy of "
            + e.getValue().size() + " of " + want.size() + " object(s), first: "
            + String.join(", ", e.getValue().subList(0, Math.min(5, e.getValue().size()))))
        .collect(Collectors.joining("; "));
  }
}
