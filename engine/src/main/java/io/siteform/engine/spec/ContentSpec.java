package io.siteform.engine.spec;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code content:} the built site to publish.
 *
 * @param source the folder, resolved against the spec's folder
 * @param cacheControl glob to Cache-Control value, in the spec's order (first match wins)
 * @param redirects moved pages: a path to the path or https URL it answers with a 301, in the
 *     spec's order
 * @param keepRemoved how long a file removed from the site stays in the buckets, so pages open in
 *     a browser keep loading the assets they name; zero deletes it in the apply that removes it
 * @param keepReleases how many publishes state keeps for {@code siteform rollback}, at least 1
 */
public record ContentSpec(
    String source, boolean delete, Map<String, String> cacheControl, Invalidate invalidate,
    Map<String, String> redirects, Duration keepRemoved, int keepReleases) {
  public static final Duration KEEP_REMOVED = Duration.ofDays(1);
  public static final int KEEP_RELEASES = 10;

  public ContentSpec {
    Objects.requireNonNull(source, "source");
    cacheControl = Collections.unmodifiableMap(new LinkedHashMap<>(cacheControl));
    Objects.requireNonNull(invalidate, "invalidate");
    redirects = Collections.unmodifiableMap(new LinkedHashMap<>(redirects));
    Objects.requireNonNull(keepRemoved, "keepRemoved");
    if (keepRemoved.isNegative()) throw new IllegalArgumentException("keepRemoved is negative");
    if (keepReleases < 1) throw new IllegalArgumentException("keepReleases must be at least 1");
  }

  /** With the default grace period and releases kept. */
  public ContentSpec(String source, boolean delete, Map<String, String> cacheControl, Invalidate invalidate,
      Map<String, String> redirects) {
    this(source, delete, cacheControl, invalidate, redirects, KEEP_REMOVED, KEEP_RELEASES);
  }

  /** Without redirects. */
  public ContentSpec(String source, boolean delete, Map<String, String> cacheControl, Invalidate invalidate) {
    this(source, delete, cacheControl, invalidate, Map.of());
  }

  /** {@code content.invalidate}. */
  public enum Invalidate {
    CHANGED,
    ALL,
    NONE
  }
}
