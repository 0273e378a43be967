package io.siteform.engine.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The paths one invalidation names for a set of changed files, within CloudFront's limits
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-invalidations):
 * a batch takes at most 3,000 paths and a distribution at most 15 wildcard paths in progress.
 * siteform keeps well under: above {@value #MAX_PATHS} paths it names folders ({@code /dir/*})
 * instead, those covering the most changed files first, and above {@value #MAX_WILDCARDS}
 * wildcards it names everything ({@code /*}). Pure: no AWS here, so the plan counts exactly the
 * paths the {@code cloudfront_invalidation} provider will send (the cost estimate bills them).
 */
public final class InvalidationPaths {
  public static final int MAX_PATHS = 1000;
  public static final int MAX_WILDCARDS = 15;
  /** The longest invalidation path CloudFront accepts. */
  static final int MAX_PATH_LENGTH = 4000;
  public static final List<String> EVERYTHING = List.of("/*");

  /**
   * Characters CloudFront wants percent-encoded: RFC 1738's unsafe ones, plus "?" (which would
   * start a query string) — https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/invalidation-specifying-objects.html
   */
  private static final String UNSAFE = " <>\"#%{}|\\^~[]`?";

  private InvalidationPaths() {}

  /**
   * What applying {@code change} (a {@code cloudfront_invalidation} change) invalidates: a create
   * everything, an update {@link #forUpdate}, anything else nothing. Digests not known before
   * apply count as everything.
   */
  public static List<String> of(ResourceChange change) {
    if (change.action().creates()) return EVERYTHING;
    if (change.action() != Action.UPDATE) return List.of();
    if (!(change.after().get("digests") instanceof Map<?, ?>)) return EVERYTHING;
    return forUpdate(change.before(), change.after());
  }

  /**
   * What an update of {@code cloudfront_invalidation} from {@code prior} to {@code desired}
   * invalidates (their {@code distribution_id}, {@code mode}, {@code digests} and {@code
   * rewrites}): everything for another distribution, nothing if no file changed and nothing was
   * rewritten, everything with mode "all", else the paths of the changed files ({@link #of}). A
   * create invalidates {@link #EVERYTHING}.
   */
  public static List<String> forUpdate(Map<String, ?> prior, Map<String, ?> desired) {
    if (!Objects.equals(prior.get("distribution_id"), desired.get("distribution_id"))) return EVERYTHING;
    // What the content's apply rewrote although the site's file did not change (an object
    // changed or deleted in the bucket by hand, restored): CloudFront may cache what was there.
    Set<String> changed = new TreeSet<>(changed(map(prior.get("digests")), map(desired.get("digests"))));
    map(desired.get("rewrites")).keySet().forEach(changed::add);
    if (changed.isEmpty()) return List.of();
    if ("all".equals(desired.get("mode"))) return EVERYTHING;
    return of(changed);
  }

  private static Map<String, Object> map(Object v) {
    Map<String, Object> out = new TreeMap<>();
    if (v instanceof Map<?, ?> m) m.forEach((k, x) -> out.put(String.valueOf(k), x));
    return out;
  }

  /** The keys whose digest differs between {@code before} and {@code after}, or that only one has. */
  public static Set<String> changed(Map<String, ?> before, Map<String, ?> after) {
    Set<String> out = new TreeSet<>();
    after.forEach((k, v) -> {
      if (!Objects.equals(before.get(k), v)) out.add(k);
    });
    before.keySet().forEach(k -> {
      if (!after.containsKey(k)) out.add(k);
    });
    return out;
  }

  /** Invalidation paths for changed or removed files (paths relative to the site, forward slashes). */
  public static List<String> of(Collection<String> files) {
    return of(files, MAX_PATHS, MAX_WILDCARDS);
  }

  static List<String> of(Collection<String> files, int maxPaths, int maxWildcards) {
    TreeSet<String> exact = new TreeSet<>();
    TreeSet<String> folders = new TreeSet<>();
    for (String f : files) {
      String path = encode(f);
      // A "*" in a name would read as a wildcard, and CloudFront takes it only last: name the folder.
      if (f.contains("*") || path.length() > MAX_PATH_LENGTH) {
        String folder = parent(path);
        if (folder.equals("/")) return EVERYTHING;
        folders.add(folder);
      } else {
        exact.add(path);
      }
      // The default root object is served, and cached, as "/" too.
      if (f.equals("index.html")) exact.add("/");
    }
    absorb(exact, folders);
    while (exact.size() + folders.size() > maxPaths && folders.size() <= maxWildcards) {
      String best = mostCovering(exact);
      if (best == null) return EVERYTHING;
      folders.add(best);
      absorb(exact, folders);
    }
    if (folders.size() > maxWildcards) return EVERYTHING;
    List<String> out = new ArrayList<>(exact);
    folders.forEach(d -> out.add(d + "*"));
    out.sort(Comparator.naturalOrder());
    return List.copyOf(out);
  }

  /** "/" and the path, with non-ASCII, control and unsafe characters percent-encoded as UTF-8. */
  static String encode(String relative) {
    StringBuilder b = new StringBuilder("/");
    for (byte x : relative.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c <= 0x20 || c >= 0x7f || UNSAFE.indexOf(c) >= 0) {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      } else {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private static String parent(String path) {
    return path.substring(0, path.lastIndexOf('/') + 1);
  }

  /** Drops exact paths and narrower folders that a folder in {@code folders} already covers. */
  private static void absorb(TreeSet<String> exact, TreeSet<String> folders) {
    for (String folder : new ArrayList<>(folders)) {
      if (!folders.contains(folder)) continue;
      exact.removeIf(p -> p.startsWith(folder));
      folders.removeIf(other -> !other.equals(folder) && other.startsWith(folder));
    }
  }

  /** The folder (never "/") holding the most of {@code exact}; on a tie the deepest, then the first. */
  private static String mostCovering(Set<String> exact) {
    Map<String, Integer> counts = new HashMap<>();
    for (String p : exact) {
      for (int i = p.indexOf('/', 1); i >= 0; i = p.indexOf('/', i + 1)) {
        counts.merge(p.substring(0, i + 1), 1, Integer::sum);
      }
    }
    return new TreeMap<>(counts).entrySet().stream()
        .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
            .thenComparingInt(e -> e.getKey().length())
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(Map.Entry::getKey)
        .orElse(null);
  }
}
