package io.siteform.engine.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the root map of a spec into a {@link Spec}: version, site, buckets and replication here,
 * the optional sections in their own readers. Returns null when anything was reported, so a
 * half-valid spec can never reach the planner.
 */
final class SpecReader {
  static final List<String> TOP = List.of("version", "variables", "site", "primary", "replicas",
      "replication", "content", "cdn", "domain", "backend");
  private static final List<String> SITE = List.of("name", "tags");
  private static final List<String> BUCKET = List.of("region", "bucket");
  private static final List<String> REPLICATION = List.of("delete_markers", "prefix");

  private final Regions regions;

  SpecReader(Regions regions) {
    this.regions = regions;
  }

  Spec read(Problems problems, Node root, Map<String, String> cliVars, Map<String, String> env) {
    Map<String, int[]> where = new HashMap<>();
    ReadContext bare = new ReadContext(problems, where, Variables.none());
    MapReader top = MapReader.of(bare, "", null, root, TOP);
    if (top.broken()) return null;
    Node varsKey = top.has("variables") ? keyOf(root, "variables") : null;
    Variables vars = Variables.read(bare, varsKey, top.node("variables"), cliVars, env);
    ReadContext cx = new ReadContext(problems, where, vars);
    top = top.with(cx);

    Integer version = version(top, problems);
    Site site = site(top.map("site", SITE), top);
    Place primaryPlace = bucket(top.map("primary", BUCKET), top, "primary");
    BucketSpec primary = primaryPlace.spec();
    List<BucketSpec> replicas = replicas(top, cx, primaryPlace);
    ReplicationSpec replication = replication(top.map("replication", REPLICATION));
    SectionReaders sections = new SectionReaders(regions);
    Optional<ContentSpec> content = sections.content(top.map("content", SectionReaders.CONTENT));
    CdnSpec cdn = sections.cdn(top.map("cdn", SectionReaders.CDN));
    Optional<DomainSpec> domain = new DomainReader().read(top.map("domain", DomainReader.KEYS));
    BackendSpec backend = sections.backend(top.map("backend", SectionReaders.BACKEND));

    if (problems.any()) return null;
    return new Spec(problems.file(), version, site, primary, replicas, replication, content, cdn,
        domain, backend, new Locations(problems.file(), where));
  }

  private static Integer version(MapReader top, Problems problems) {
    Node n = top.node("version");
    if (n == null) {
      problems.atStart("missing 'version'; write `version: 1` at the top of the file");
      return null;
    }
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT) && s.getValue().equals("1")) return 1;
    problems.at(n, "version: unsupported version " + Types.describe(n).replaceFirst("^the ", "")
        + "; this siteform reads `version: 1`");
    return null;
  }

  private static Site site(MapReader m, MapReader top) {
    if (m == null) {
      top.missing("site", "site: {name: my-site}");
      return null;
    }
    String name = m.requiredString("name", "name: my-site");
    if (name != null) {
      Optional<String> bad = Names.siteName(name);
      bad.ifPresent(msg -> m.context().problems().at(m.node("name"), "site.name: " + msg));
      if (bad.isPresent()) name = null;
    }
    Map<String, String> tags = m.stringMap("tags");
    if (tags != null) {
      for (Map.Entry<String, String> t : tags.entrySet()) {
        if (t.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
          m.context().problems().at(m.node("tags"),
              "site.tags: tag key '" + t.getKey() + "' uses the prefix 'aws:', which AWS reserves");
          tags = null;
          break;
        }
      }
    }
    return name == null || tags == null ? null : new Site(name, tags);
  }

  /**
   * A bucket's region and name, each null when wrong, so that a bad name does not hide a clash
   * of regions (or the other way round) until the next run.
   */
  private record Place(String region, String bucket) {
    BucketSpec spec() {
      return region == null || bucket == null ? null : new BucketSpec(region, bucket);
    }
  }

  private Place bucket(MapReader m, MapReader parent, String key) {
    if (m == null) {
      parent.missing(key, key + ": {region: eu-west-1, bucket: my-site-bucket}");
      return new Place(null, null);
    }
    String region = m.requiredString("region", "region: eu-west-1");
    String bucket = m.requiredString("bucket", "bucket: my-site-bucket");
    if (region != null && !regions.check(m.context().problems(), m.node("region"), m.child("region"), region)) {
      region = null;
    }
    if (bucket != null) {
      Optional<String> bad = Names.bucket(bucket);
      bad.ifPresent(msg -> m.context().problems().at(m.node("bucket"), m.child("bucket") + ": " + msg));
      if (bad.isPresent()) bucket = null;
    }
    return new Place(region, bucket);
  }

  private List<BucketSpec> replicas(MapReader top, ReadContext cx, Place primary) {
    String add = "add at least one replica under `replicas:`, e.g."
        + " `replicas: [{region: us-west-2, bucket: my-site-replica}]`";
    if (!top.has("replicas")) {
      top.context().problems().atStart("missing 'replicas'; " + add);
      return null;
    }
    List<Node> items = top.list("replicas");
    if (items == null) return null;
    if (items.isEmpty()) {
      cx.problems().at(top.node("replicas"), "replicas: the list is empty; " + add);
      return null;
    }
    List<BucketSpec> out = new ArrayList<>();
    Map<String, String> regionSeen = new HashMap<>();
    Map<String, String> bucketSeen = new HashMap<>();
    if (primary.region() != null) regionSeen.put(primary.region(), "primary");
    if (primary.bucket() != null) bucketSeen.put(primary.bucket(), "primary");
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String path = "replicas[" + i + "]";
      MapReader m = MapReader.of(cx, path, items.get(i), items.get(i), BUCKET);
      if (m.broken()) {
        ok = false;
        continue;
      }
      Place b = bucket(m, top, path);
      ok &= b.spec() != null;
      String otherRegion = b.region() == null ? null : regionSeen.putIfAbsent(b.region(), path);
      if (otherRegion != null) {
        ok = false;
        cx.problems().at(m.node("region"), path + ".region: '" + b.region() + "' is "
            + (otherRegion.equals("primary")
                ? "the primary's region; put each replica in another region, so the site"
                    + " survives an outage of the primary's region"
                : "already the region of " + otherRegion + "; put each replica in its own region"));
      }
      String otherBucket = b.bucket() == null ? null : bucketSeen.putIfAbsent(b.bucket(), path);
      if (otherBucket != null) {
        ok = false;
        cx.problems().at(m.node("bucket"), path + ".bucket: '" + b.bucket()
            + "' is already the bucket of " + otherBucket + "; every bucket needs its own name"
            + " (bucket names are global across AWS)");
      }
      if (b.spec() != null) out.add(b.spec());
    }
    return ok ? out : null;
  }

  private static ReplicationSpec replication(MapReader m) {
    if (m == null) return ReplicationSpec.defaults();
    Boolean deleteMarkers = m.bool("delete_markers", false);
    String prefix = m.string("prefix", "");
    return deleteMarkers == null || prefix == null ? null : new ReplicationSpec(deleteMarkers, prefix);
  }

  private static Node keyOf(Node root, String key) {
    return ((org.yaml.snakeyaml.nodes.MappingNode) root).getValue().stream()
        .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
        .map(org.yaml.snakeyaml.nodes.NodeTuple::getKeyNode).findFirst().orElse(root);
  }
}
