package io.siteform.providers.aws.s3;

import io.siteform.engine.provider.Progress;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.s3.BucketObjects.Listed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ReplicationStatus;

/**
 * Makes every replica bucket hold the published files, then waits until it does. S3 replicates
 * only objects written after replication was configured, and never retries a FAILED one (the
 * seed's warning): those siteform copies itself. Objects S3 is still replicating (PENDING) and the
 * ones this apply uploaded are left to S3.
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
   * What each replica holds, listed all at once (the replicas are in different regions); a
   * replica bucket that does not exist is left out. The maps are the caller's to change.
   */
  static Map<Replica, Map<String, Listed>> list(AwsClients clients, Address address, Operation op, List<Replica> replicas) {
    List<java.util.Optional<Map<String, Listed>>> listed = Parallel.map(replicas,
        r -> BucketObjects.list(clients.s3(r.region()), address, op, r.bucket()));
    Map<Replica, Map<String, Listed>> out = new LinkedHashMap<>();
    for (int i = 0; i < replicas.size(); i++) {
      Replica r = replicas.get(i);
      listed.get(i).ifPresent(l -> out.put(r, new java.util.TreeMap<>(l)));
    }
    return out;
  }

  /**
   * @param held what each replica holds, as {@link #list} found it just before (after the
   *     publish's deletes); the first look of the wait uses it when nothing was written since
   * @param want the published files by key
   * @param primaryEtags each key's ETag in the primary bucket
   * @param uploaded keys this apply wrote, which S3 replicates on its own if they are under
   * @param replicationPrefix the prefix the replication rules cover ("" for every key)
   * @return the keys each replica still lacks (or holds an old copy of) when the wait ran out;
   *     empty once every replica holds the site
   */
  Map<Replica, List<String>> run(String primaryRegion, String primary, List<Replica> replicas,
      Map<Replica, Map<String, Listed>> held, Map<String, SiteFile> want,
      Map<String, String> primaryEtags, Set<String> uploaded, String replicationPrefix, Progress progress) {
    if (replicas.isEmpty() || want.isEmpty()) return Map.of();
    long start = System.nanoTime();
    // Failover serves every file from the replica, replicated by S3 or not.
    Set<String> replicatedByS3 = uploaded.stream().filter(k -> k.startsWith(replicationPrefix))
        .collect(Collectors.toSet());
    Map<Replica, Set<String>> written = new LinkedHashMap<>();
    for (Replica r : replicas) {
      Set<String> copied = backfill(clients.s3(primaryRegion), primary, r, held(held, r), want, primaryEtags,
          replicatedByS3, progress);
      copied.addAll(uploaded);
      written.put(r, copied);
    }
    long now = System.nanoTime();
    progress.step("replica copy", java.time.Duration.ofNanos(now - start));
    // The first look is the listing made before: what it shows current stays so, and only what this
    // publish wrote (uploaded, or copied just now) is still to be seen in the replicas.
    Map<Replica, List<String>> lagging = await(replicas, held, written, want, primaryEtags, progress);
    progress.step("replica wait", java.time.Duration.ofNanos(System.nanoTime() - now));
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
    Set<String> made = new java.util.HashSet<>();
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
   * (1,000 keys a page), or one parallel round of them. After a re-publish of 20 edits a
   * 20,000-key replica is 20 HEADs at once, not 20 listing pages one after another.
   */
  static boolean headRatherThanList(int unseen, int held) {
    return unseen <= Math.max(held / 1000 + 1, Parallel.THREADS);
  }

  /**
   * Looks at each replica once a round until all hold the site: the first look is {@code held},
   * with the keys of {@code written} still to be seen; a later round lists each replica once, or,
   * when few keys are still to be seen, asks for just those. Cross-region replication has no time
   * bound without Replication Time Control, so running out of time is an answer, not a failure.
   */
  private Map<Replica, List<String>> await(List<Replica> replicas, Map<Replica, Map<String, Listed>> held,
      Map<Replica, Set<String>> written, Map<String, SiteFile> want, Map<String, String> primaryEtags,
      Progress progress) {
    Map<Replica, List<String>> missing = new LinkedHashMap<>();
    Map<Replica, Set<String>> confirmed = new ConcurrentHashMap<>();
    boolean[] first = {true};
    Poller.Outcome<Boolean> last = poller.poll(address, op, progress, poller.waits().status(), () -> {
      Map<Replica, List<String>> before = Map.copyOf(missing);
      missing.clear();
      List<String> lines = new ArrayList<>();
      boolean firstRound = first[0];
      first[0] = false;
      boolean few = !firstRound && before.entrySet().stream()
          .allMatch(e -> headRatherThanList(e.getValue().size(), held(held, e.getKey()).size()));
      // One listing of each replica a round, the replicas (in different regions) at once.
      Map<Replica, Map<String, Listed>> round = firstRound ? held : few ? Map.of() : list(clients, address, op, replicas);
      for (Replica r : replicas) {
        S3Client s3 = clients.s3(r.region());
        Set<String> sure = confirmed.computeIfAbsent(r, x -> ConcurrentHashMap.newKeySet());
        Set<String> unseen = firstRound ? written.getOrDefault(r, Set.of()) : Set.of();
        Map<String, Listed> look = few ? heads(s3, r, before.getOrDefault(r, List.of())) : held(round, r);
        List<String> unsure = new ArrayList<>();
        for (String k : (few ? before.getOrDefault(r, List.of()) : want.keySet())) {
          if (sure.contains(k) || unseen.contains(k)) {
            if (unseen.contains(k)) unsure.add(k);
            continue;
          }
          if (current(look.get(k), primaryEtags.get(k), want.get(k))) sure.add(k);
          else unsure.add(k);
        }
        // Held, but under an ETag that is no MD5 (an SSE-KMS replica, a copy siteform made): the
        // MD5 siteform recorded in the object's metadata says whether it is the published one.
        List<String> headed = unsure.stream().filter(k -> !unseen.contains(k) && look.containsKey(k)).toList();
        List<Boolean> same = Parallel.map(headed, k -> BucketObjects
            .head(s3, address, op, r.bucket(), k)
            .map(h -> BucketObjects.md5(h, look.get(k).etag()).equals(want.get(k).md5())).orElse(false));
        for (int i = 0; i < headed.size(); i++) if (same.get(i)) sure.add(headed.get(i));
        List<String> lacking = unsure.stream().filter(k -> !sure.contains(k)).toList();
        if (!lacking.isEmpty()) missing.put(r, lacking);
        lines.add("replica " + r.region() + ": " + (want.size() - lacking.size()) + "/" + want.size() + " objects current");
      }
      return missing.isEmpty() ? Poller.done(true) : Poller.pending(String.join("; ", lines));
    });
    return last instanceof Poller.Done<Boolean> ? Map.of() : Map.copyOf(missing);
  }

  /** What HeadObject says of each of {@code keys} in replica {@code r}, as a listing would; keys not there are left out. */
  private Map<String, Listed> heads(S3Client s3, Replica r, List<String> keys) {
    List<java.util.Optional<software.amazon.awssdk.services.s3.model.HeadObjectResponse>> found =
        Parallel.map(keys, k -> BucketObjects.head(s3, address, op, r.bucket(), k));
    Map<String, Listed> out = new java.util.TreeMap<>();
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      found.get(i).ifPresent(h -> out.put(k, new Listed(BucketObjects.unquote(h.eTag()),
          h.contentLength() == null ? 0L : h.contentLength())));
    }
    return out;
  }

  private Map<String, Listed> held(Map<Replica, Map<String, Listed>> listed, Replica r) {
    return java.util.Optional.ofNullable(listed.get(r))
        .orElseThrow(() -> new ProviderException(address.toString(), op, "replica bucket " + r.bucket()
            + " in " + r.region() + " does not exist: apply creates it before publishing; run plan again"));
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
