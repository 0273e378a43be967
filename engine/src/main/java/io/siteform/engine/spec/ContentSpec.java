package io.siteform.engine.spec;

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
 */
public record ContentSpec(
    String source, boolean delete, Map<String, String> cacheControl, Invalidate invalidate,
    Map<String, String> redirects) {
  public ContentSpec {
    Objects.requireNonNull(source, "source");
    cacheControl = Collections.unmodifiableMap(new LinkedHashMap<>(cacheControl));
    Objects.requireNonNull(invalidate, "invalidate");
    redirects = Collections.unmodifiableMap(new LinkedHashMap<>(redirects));
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
