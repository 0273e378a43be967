package io.siteform.providers.aws.s3;

import io.siteform.engine.provider.Progress;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.aws.s3.BucketObjects.Listed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final Waits waits;
  private final Address address;
  private final String op;

  ReplicaCatchUp(AwsClients clients, Waits waits, Address address, String op) {
    this.clients = clients;
    this.waits = waits;
    this.address = address;
    this.op = op;
  }

  /**
   * @param want the published files by key
   * @param primaryEtags each key's ETag in the primary bucket
   * @param uploaded keys this apply wrote, which S3 replicates on its own if they are under
   * @param replicationPrefix the prefix the replication rules cover ("" for every key)
   */
  void run(String primaryRegion, String primary, List<Replica> replicas, Map<String, SiteFile> want,
      Map<String, String> primaryEtags, Set<String> uploaded, String replicationPrefix, Progress progress) {
    if (replicas.isEmpty() || want.isEmpty()) return;
    // Failover serves every file from the replica, replicated by S3 or not.
    Set<String> replicatedByS3 = uploaded.stream().filter(k -> k.startsWith(replicationPrefix))
        .collect(Collectors.toSet());
    for (Replica r : replicas) {
      backfill(clients.s3(primaryRegion), primary, r, want, primaryEtags, replicatedByS3, progress);
    }
    await(replicas, want, primaryEtags, progress);
  }

  private void backfill(S3Client primaryS3, String primary, Replica r, Map<String, SiteFile> want,
      Map<String, String> primaryEtags, Set<String> uploaded, Progress progress) {
    S3Client s3 = clients.s3(r.region());
    Map<String, Listed> held = held(s3, r);
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
    long n = copied.stream().filter(Boolean::booleanValue).count();
    if (n > 0) {
      progress.report("replica " + r.region() + ": copied " + n
          + " object(s) S3 replication does not copy (written before replication was set up, or failed)");
    }
  }

  private void await(List<Replica> replicas, Map<String, SiteFile> want, Map<String, String> primaryEtags, Progress progress) {
    long start = System.nanoTime();
    Duration timeout = waits.timeout();
    Throttle throttle = new Throttle(progress, Duration.ofSeconds(1));
    for (int attempt = 0; ; attempt++) {
      Map<Replica, List<String>> missing = new LinkedHashMap<>();
      long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
      List<String> lines = new ArrayList<>();
      for (Replica r : replicas) {
        Map<String, Listed> held = held(clients.s3(r.region()), r);
        List<String> lacking = want.keySet().stream()
            .filter(k -> !current(held.get(k), primaryEtags.get(k), want.get(k)))
            .toList();
        if (!lacking.isEmpty()) missing.put(r, lacking);
        lines.add("replica " + r.region() + ": " + (want.size() - lacking.size()) + "/" + want.size()
            + " objects current (" + elapsed + "s elapsed)");
      }
      if (missing.isEmpty()) return;
      throttle.report(() -> String.join("; ", lines));
      Duration left = timeout.minusNanos(System.nanoTime() - start);
      if (left.isNegative() || left.isZero()) throw notCaughtUp(missing, timeout);
      sleep(waits.delay(attempt).compareTo(left) < 0 ? waits.delay(attempt) : left);
    }
  }

  private Map<String, Listed> held(S3Client s3, Replica r) {
    return BucketObjects.list(s3, address, op, r.bucket())
        .orElseThrow(() -> new ProviderException(address.toString(), op, "replica bucket " + r.bucket()
            + " in " + r.region() + " does not exist: apply creates it before publishing; run plan again"));
  }

  /** Whether the replica's copy is the published one: the primary's ETag, or (copied by siteform) the MD5. */
  private static boolean current(Listed held, String primaryEtag, SiteFile want) {
    return held != null && (held.etag().equals(primaryEtag) || held.etag().equals(want.md5()));
  }

  private ProviderException notCaughtUp(Map<Replica, List<String>> missing, Duration timeout) {
    String detail = missing.entrySet().stream()
        .map(e -> "replica " + e.getKey().bucket() + " in " + e.getKey().region() + " lacks or holds an old copy of "
            + e.getValue().size() + " object(s), first: " + String.join(", ", e.getValue().subList(0, Math.min(10, e.getValue().size()))))
        .collect(Collectors.joining("; "));
    return new ProviderException(address.toString(), op, "replication has not caught up after " + timeout.toSeconds()
        + " s: " + detail + ". S3 may still be copying them: `siteform verify` re-checks, and the next apply copies"
        + " what S3 replication will not");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(1, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for replication", e);
    }
  }
}
