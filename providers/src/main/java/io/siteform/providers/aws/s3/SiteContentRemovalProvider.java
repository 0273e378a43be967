package io.siteform.providers.aws.s3;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.Schemas;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.s3.BucketObjects.Listed;
import io.siteform.providers.aws.s3.ReplicaCatchUp.Replica;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * {@code site_content_removal}: the last phase of a publish (with {@code content.delete}), after
 * the upload and the invalidation. A file that left the site is recorded with the time it left
 * and deleted from the primary and the replicas once {@code keep_removed_seconds} have passed (at
 * once with 0), so pages open in a browser keep loading the assets they name. The id is the
 * primary bucket's name.
 *
 * <p>Attributes: {@code bucket}, {@code replicas}, {@code paths} (the site's keys, from the
 * {@code local_files} data source), {@code keep_removed_seconds}; {@code removed} (path to the
 * ISO-8601 time it left the site: siteform's record, never diffed); and two lists that are empty
 * once applied and read back what is to be deleted: {@code due} (removed files whose grace period
 * has passed, by this provider's clock) and {@code strays} (objects in the primary that are
 * neither the site's nor recorded as removed, such as a file someone uploaded by hand).
 */
public final class SiteContentRemovalProvider implements Provider {
  public static final String TYPE = "site_content_removal";

  private final AwsClients clients;
  private final Clock clock;
  private final Listings listings;

  /** @param clock when files leave the site and when their grace period ends */
  public SiteContentRemovalProvider(AwsClients clients, Clock clock) {
    this(clients, clock, new Listings());
  }

  /** @param listings the run's listings, shared with the run's {@link SiteContentProvider} */
  SiteContentRemovalProvider(AwsClients clients, Clock clock, Listings listings) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listings = Objects.requireNonNull(listings, "listings");
  }

  @Override
  public ResourceSchema schema() {
    return Schemas.SITE_CONTENT_REMOVAL;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    Map<String, Object> prior = request.prior();
    Optional<Map<String, Listed>> listing = listings.get(Listings.Use.REMOVAL_READ, clients.s3(request.region()),
        request.address(), Operation.READ, request.region(), request.id(), strings(prior.get("paths")));
    if (listing.isEmpty()) return Optional.empty();
    Set<String> held = listing.get().keySet();
    Set<String> paths = new TreeSet<>(strings(prior.get("paths")));
    Map<String, Instant> removed = removed(request.address(), Operation.READ, prior.get("removed"));
    removed.keySet().retainAll(held);
    Duration keep = keep(prior);
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<String> due = removed.entrySet().stream()
        .filter(e -> !e.getValue().plus(keep).isAfter(now)).map(Map.Entry::getKey).toList();
    List<String> strays = held.stream().filter(k -> !paths.contains(k) && !removed.containsKey(k)).toList();
    Map<String, Object> a = new LinkedHashMap<>(prior);
    a.put("removed", attribute(removed));
    a.put("due", due);
    a.put("strays", strays);
    return Optional.of(new LiveResource(request.id(), a));
  }

  @Override
  public LiveResource create(CreateRequest request) {
    return remove(request.address(), request.region(), Map.of(), request.desired(), request.progress(), Operation.CREATE);
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    return remove(request.address(), request.region(), request.prior(), request.desired(), request.progress(), Operation.UPDATE);
  }

  private LiveResource remove(Address address, String region, Map<String, Object> prior, Map<String, Object> desired,
      Progress progress, Operation op) {
    String bucket = String.valueOf(desired.get("bucket"));
    S3Client s3 = clients.s3(region);
    Map<String, Listed> listing = listings.get(Listings.Use.REMOVAL, s3, address, op, region, bucket)
        .orElseThrow(() -> new ProviderException(address.toString(), op,
            "bucket " + bucket + " does not exist in " + region + ": apply creates it first; run plan again"));
    Set<String> site = new TreeSet<>(strings(desired.get("paths")));
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Duration keep = keep(desired);
    // Files back on the site are no longer removed; files that just left it start their grace period now.
    Map<String, Instant> removed = removed(address, op, prior.get("removed"));
    removed.keySet().removeIf(k -> site.contains(k) || !listing.containsKey(k));
    for (String k : listing.keySet()) if (!site.contains(k)) removed.putIfAbsent(k, now);
    List<String> due = removed.entrySet().stream()
        .filter(e -> !e.getValue().plus(keep).isAfter(now)).map(Map.Entry::getKey).toList();
    ObjectDeletes.delete(s3, address, op, bucket, ids(due));
    due.forEach(removed::remove);
    if (!due.isEmpty()) progress.report("deleted " + due.size() + " object(s) the site no longer has");
    if (!removed.isEmpty()) {
      progress.report("kept " + removed.size() + " removed object(s) for open pages, until "
          + removed.values().stream().max(Instant::compareTo).orElseThrow().plus(keep));
    }
    // Failover serves the replica: a file gone from the site goes there too once its grace period
    // has passed, whether or not the replication rule carries delete markers.
    for (Replica r : Replica.all(desired.get("replicas"))) {
      S3Client rs3 = clients.s3(r.region());
      List<String> stale = new ArrayList<>();
      listings.get(Listings.Use.REMOVAL, rs3, address, op, r.region(), r.bucket()).ifPresent(keys -> keys.keySet().forEach(k -> {
        if (!site.contains(k) && !removed.containsKey(k)) stale.add(k);
      }));
      ObjectDeletes.delete(rs3, address, op, r.bucket(), ids(stale));
      if (!stale.isEmpty()) {
        progress.report("deleted " + stale.size() + " object(s) the site no longer has from replica " + r.bucket());
      }
    }
    Map<String, Object> a = new LinkedHashMap<>(desired);
    a.put("removed", attribute(removed));
    a.put("due", List.of());
    a.put("strays", List.of());
    return new LiveResource(bucket, a);
  }

  /** Nothing of its own to delete: the files are the bucket's, emptied by site_content's delete. */
  @Override
  public void delete(DeleteRequest request) {}

  private static List<ObjectIdentifier> ids(List<String> keys) {
    return keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
  }

  private static Duration keep(Map<String, Object> attributes) {
    return attributes.get("keep_removed_seconds") instanceof Number n ? Duration.ofSeconds(n.longValue())
        : io.siteform.engine.spec.ContentSpec.KEEP_REMOVED;
  }

  private static Map<String, Instant> removed(Address address, Operation op, Object recorded) {
    Map<String, Instant> out = new TreeMap<>();
    if (!(recorded instanceof Map<?, ?> m)) return out;
    m.forEach((k, v) -> {
      try {
        out.put(String.valueOf(k), Instant.parse(String.valueOf(v)));
      } catch (DateTimeParseException e) {
        throw new ProviderException(address.toString(), op, "state records " + k + " as removed at '" + v
            + "', which is no time: fix or remove it in the state (`siteform state show " + address + "`)");
      }
    });
    return out;
  }

  private static Map<String, Object> attribute(Map<String, Instant> removed) {
    Map<String, Object> out = new TreeMap<>();
    removed.forEach((k, t) -> out.put(k, t.toString()));
    return out;
  }

  private static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof List<?> l) l.forEach(x -> out.add(String.valueOf(x)));
    return out;
  }
}
