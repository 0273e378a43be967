package io.siteform.engine.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** The optional sections {@code content:}, {@code cdn:} and {@code backend:}, with defaults. */
final class SectionReaders {
  static final List<String> CONTENT = List.of("source", "delete", "cache_control", "invalidate", "redirects",
      "keep_removed", "keep_releases");
  static final List<String> CDN = List.of("default_root_object", "price_class",
      "failover_status_codes", "origin_access", "spa_fallback", "routing", "security_headers");
  private static final List<String> ROUTING = List.of("none", "spa", "pretty_urls");
  static final List<String> BACKEND = List.of("type", "path", "bucket", "key", "region");
  private static final List<String> PRICE_CLASSES =
      List.of("PriceClass_100", "PriceClass_200", "PriceClass_All");
  /** The codes CloudFront accepts for origin-group failover criteria. */
  private static final List<Integer> FAILOVER_CODES = List.of(400, 403, 404, 416, 500, 502, 503, 504);
  private static final List<String> S3_ONLY = List.of("bucket", "key", "region");

  private final Regions regions;

  SectionReaders(Regions regions) {
    this.regions = regions;
  }

  Optional<ContentSpec> content(MapReader m) {
    if (m == null) return Optional.empty();
    String source = m.requiredString("source", "source: dist/");
    if (source != null && source.isBlank()) {
      m.context().problems().at(m.node("source"), "content.source: is empty; write the folder"
          + " of the built site, such as `source: dist/`");
      source = null;
    }
    Boolean delete = m.bool("delete", true);
    Map<String, String> cache = m.stringMap("cache_control",
        "write the Cache-Control header as a string, such as \"public, max-age=300\"");
    String inv = m.oneOf("invalidate", "changed", List.of("changed", "all", "none"));
    Map<String, String> redirects = new RedirectsReader().read(m);
    java.time.Duration keepRemoved = keepRemoved(m);
    Integer keepReleases = keepReleases(m);
    if (source == null || delete == null || cache == null || inv == null || redirects == null || keepRemoved == null
        || keepReleases == null) {
      return null;
    }
    return Optional.of(new ContentSpec(source, delete, cache,
        ContentSpec.Invalidate.valueOf(inv.toUpperCase(java.util.Locale.ROOT)), redirects, keepRemoved, keepReleases));
  }

  /** {@code keep_removed}: a duration such as 24h, or 0; the default a day. */
  private static java.time.Duration keepRemoved(MapReader m) {
    if (!m.has("keep_removed")) return ContentSpec.KEEP_REMOVED;
    Node n = m.node("keep_removed");
    String text = n instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : null;
    java.util.Optional<java.time.Duration> d = text == null ? java.util.Optional.empty()
        : DurationText.parse(text);
    if (d.isEmpty()) {
      m.context().problems().at(n, m.child("keep_removed") + ": expected a duration such as 24h, 90m or 7d"
          + " (0 deletes removed files at once), found " + (text == null ? Types.describe(n) : "'" + text + "'"));
      return null;
    }
    return d.get();
  }

  /** {@code keep_releases}: a whole number, at least 1; the default 10. */
  private static Integer keepReleases(MapReader m) {
    if (!m.has("keep_releases")) return ContentSpec.KEEP_RELEASES;
    Integer n = m.intValue(m.node("keep_releases"), m.child("keep_releases"));
    if (n != null && n < 1) {
      m.context().problems().at(m.node("keep_releases"), m.child("keep_releases") + ": keep at least 1 release"
          + " (the one the site serves), found " + n);
      return null;
    }
    return n;
  }

  CdnSpec cdn(MapReader m) {
    CdnSpec d = CdnSpec.defaults();
    if (m == null) return d;
    String root = m.string("default_root_object", d.defaultRootObject());
    if (root != null && root.startsWith("/")) {
      m.context().problems().at(m.node("default_root_object"), "cdn.default_root_object: write '"
          + root.substring(1) + "', without the leading '/', as CloudFront expects");
      root = null;
    }
    String price = m.oneOf("price_class", d.priceClass(), PRICE_CLASSES);
    List<Integer> codes = failoverCodes(m, d.failoverStatusCodes());
    String access = m.oneOf("origin_access", "oac", List.of("oac", "oai"));
    Boolean spa = m.bool("spa_fallback", d.spaFallback());
    String routing = m.oneOf("routing", "none", ROUTING);
    SecurityHeadersSpec headers = new HeadersReader().read(m);
    if (spa != null && spa && routing != null && !routing.equals("none")) {
      m.context().problems().at(m.node("spa_fallback"), "cdn.spa_fallback: serves index.html for every 403"
          + " and 404, which hides what `routing: " + routing + "` leaves to fail over; remove spa_fallback"
          + " (routing does its job without breaking failover)");
      spa = null;
    }
    if (root == null || price == null || codes == null || access == null || spa == null || routing == null
        || headers == null) {
      return null;
    }
    return new CdnSpec(root, price, codes, CdnSpec.OriginAccess.valueOf(access.toUpperCase(java.util.Locale.ROOT)),
        spa, CdnSpec.Routing.valueOf(routing.toUpperCase(java.util.Locale.ROOT)), headers);
  }

  private static List<Integer> failoverCodes(MapReader m, List<Integer> dflt) {
    if (!m.has("failover_status_codes")) return dflt;
    List<Node> items = m.list("failover_status_codes");
    if (items == null) return null;
    String path = m.child("failover_status_codes");
    if (items.isEmpty()) {
      m.context().problems().at(m.node("failover_status_codes"), path + ": the list is empty;"
          + " list at least one of " + FAILOVER_CODES + ", or leave the key out for " + dflt);
      return null;
    }
    List<Integer> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      Integer code = m.intValue(items.get(i), path + "[" + i + "]");
      if (code == null) {
        ok = false;
      } else if (!FAILOVER_CODES.contains(code)) {
        m.context().problems().at(items.get(i), path + "[" + i + "]: CloudFront cannot fail over on "
            + code + "; use only " + FAILOVER_CODES);
        ok = false;
      } else if (!seen.add(code)) {
        m.context().problems().at(items.get(i), path + "[" + i + "]: " + code
            + " is listed twice; remove one");
        ok = false;
      } else {
        out.add(code);
      }
    }
    return ok ? out : null;
  }

  BackendSpec backend(MapReader m) {
    if (m == null) return BackendSpec.localDefault();
    String type = m.oneOf("type", "local", List.of("local", "s3"));
    if (type == null) return null;
    if (type.equals("local")) {
      boolean ok = true;
      for (String k : S3_ONLY) {
        if (m.has(k)) {
          m.context().problems().at(m.node(k), "backend." + k + ": belongs to `type: s3`; the local"
              + " backend takes only `path`, so remove it or write `type: s3`");
          ok = false;
        }
      }
      String path = m.string("path", BackendSpec.localDefault().path());
      if (path != null && path.isBlank()) {
        m.context().problems().at(m.node("path"), "backend.path: is empty; write a file name such"
            + " as `path: siteform.state.json`");
        return null;
      }
      return ok && path != null ? new BackendSpec(BackendSpec.Type.LOCAL, path,
          Optional.empty(), Optional.empty(), Optional.empty()) : null;
    }
    if (m.has("path")) {
      m.context().problems().at(m.node("path"), "backend.path: belongs to `type: local`; the s3"
          + " backend takes `bucket`, `key` and `region`");
    }
    String bucket = m.requiredString("bucket", "bucket: my-state-bucket");
    String key = m.requiredString("key", "key: sites/my-site.json");
    String region = m.requiredString("region", "region: eu-west-1");
    if (bucket != null && Names.bucket(bucket).isPresent()) {
      m.context().problems().at(m.node("bucket"), "backend.bucket: " + Names.bucket(bucket).get());
      bucket = null;
    }
    if (key != null && key.isBlank()) {
      m.context().problems().at(m.node("key"), "backend.key: is empty; write the object key of"
          + " the state, such as `key: sites/my-site.json`");
      key = null;
    }
    if (region != null && !regions.check(m.context().problems(), m.node("region"), "backend.region", region)) {
      region = null;
    }
    if (bucket == null || key == null || region == null || m.has("path")) return null;
    return new BackendSpec(BackendSpec.Type.S3, BackendSpec.localDefault().path(),
        Optional.of(bucket), Optional.of(key), Optional.of(region));
  }
}
