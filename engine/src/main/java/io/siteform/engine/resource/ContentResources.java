package io.siteform.engine.resource;

import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.spec.ContentSpec;
import io.siteform.engine.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The seed's last step, {@code aws s3 sync --delete dist/ s3://bucket} and the invalidation, done
 * exactly: the site's files (a local data source hashing {@code content.source}), the published
 * content of the primary bucket, and the invalidation of what changed. Content is published only
 * after replication is configured, so S3 replicates every object siteform writes.
 */
final class ContentResources {
  static final Address FILES = new Address("local_files", "site");
  public static final Address CONTENT = new Address("site_content", "site");
  static final Address INVALIDATION = new Address("cloudfront_invalidation", "site");
  static final Address REMOVAL = new Address("site_content_removal", "site");
  /** The distribution's invalidations this month: a data source read at plan time for the cost estimate. */
  static final Address EARLIER_INVALIDATIONS = new Address("cloudfront_invalidations", "site");

  private ContentResources() {}

  static List<DataSpec> data(Spec spec) {
    if (spec.content().isEmpty()) return List.of();
    ContentSpec c = spec.content().get();
    List<Object> rules = new ArrayList<>();
    c.cacheControl().forEach((glob, value) -> rules.add(Map.of("glob", glob, "value", value)));
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("source", source(spec, c));
    query.put("cache_control", rules);
    return List.of(new DataSpec(FILES, spec.primary().region(), query));
  }

  /** The source folder against the spec's folder, as the user means it when they write {@code dist/}. */
  private static String source(Spec spec, ContentSpec c) {
    return io.siteform.engine.spec.ContentFolder.of(spec).orElseThrow().toString();
  }

  static List<ResourceSpec> expand(Spec spec) {
    if (spec.content().isEmpty()) return List.of();
    ContentSpec c = spec.content().get();
    List<ResourceSpec> out = new ArrayList<>();
    List<Object> replicas = new ArrayList<>();
    Set<Address> deps = new TreeSet<>(List.of(Expander.PRIMARY_BUCKET, Expander.REPLICATION));
    for (BucketSpec r : spec.replicas()) {
      replicas.add(Map.of("bucket", r.bucket(), "region", r.region()));
      deps.add(Expander.replicaAddress(r));
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("bucket", spec.primary().bucket());
    attrs.put("delete", c.delete());
    attrs.put("files", Ref.toData(FILES, "files"));
    // Where the files are read from when uploading; never compared (it differs per machine).
    attrs.put("source", Ref.toData(FILES, "id"));
    attrs.put("replicas", replicas);
    // S3 replicates only keys under this prefix; siteform copies the site's other files itself.
    attrs.put("replication_prefix", spec.replication().prefix());
    // How many releases state keeps for rollback: the apply that records a release reads it here.
    attrs.put("keep_releases", (long) c.keepReleases());
    // Not "part of" the primary bucket: a renamed primary is an update that publishes to the new
    // bucket, so the replicas, which stay, keep every version they hold.
    out.add(new ResourceSpec(CONTENT, spec.primary().region(), attrs, deps));
    if (c.invalidate() != ContentSpec.Invalidate.NONE) {
      Map<String, Object> inv = new LinkedHashMap<>();
      inv.put("distribution_id", new Ref(CdnResources.DISTRIBUTION, "id"));
      inv.put("mode", c.invalidate().name().toLowerCase(Locale.ROOT));
      inv.put("digests", Ref.toData(FILES, "digests"));
      // What this apply writes to the bucket, restored objects included: invalidated too.
      inv.put("rewrites", new Rewrites(CONTENT, "files"));
      // A file removed now may be deleted before CloudFront could have finished: then the apply waits for it.
      inv.put(Expander.AWAIT_COMPLETION, c.delete()
          && c.keepRemoved().compareTo(Expander.INVALIDATION_COMPLETES_WITHIN) < 0);
      out.add(new ResourceSpec(INVALIDATION, Expander.GLOBAL_REGION, inv, Set.of(CONTENT, CdnResources.DISTRIBUTION)));
    }
    if (c.delete()) out.add(removal(spec, c, replicas));
    return out;
  }

  /**
   * The deletes of a publish, a resource of their own so the graph orders them last: after the
   * upload (site_content) and after the invalidation, so no edge cache is told to fetch a file
   * that is already gone (with {@code keep_removed} under {@link Expander#INVALIDATION_COMPLETES_WITHIN}
   * the invalidation's apply waits until CloudFront has completed it). It records when each file left the site and deletes it once {@code
   * keep_removed} has passed, in that apply or a later one.
   */
  private static ResourceSpec removal(Spec spec, ContentSpec c, List<Object> replicas) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("bucket", spec.primary().bucket());
    attrs.put("replicas", replicas);
    attrs.put("paths", Ref.toData(FILES, "paths"));
    attrs.put("keep_removed_seconds", c.keepRemoved().toSeconds());
    // Empty once applied: a removed file whose grace period has passed, or an object the site never
    // had, reads back here and makes the plan delete it.
    attrs.put("due", List.of());
    attrs.put("strays", List.of());
    Set<Address> deps = new TreeSet<>(List.of(CONTENT));
    if (c.invalidate() != ContentSpec.Invalidate.NONE) deps.add(INVALIDATION);
    return new ResourceSpec(REMOVAL, spec.primary().region(), attrs, deps);
  }
}
