package io.siteform.providers.aws.s3;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One file of a site as the {@code files} attribute holds it, whether it describes a local file
 * (the {@code local_files} data source) or a published object.
 *
 * @param md5 hex MD5 of the bytes
 * @param contentType the Content-Type header it is served with
 * @param cacheControl the Cache-Control header, "" for none
 */
record SiteFile(String md5, long size, String contentType, String cacheControl) {
  SiteFile {
    Objects.requireNonNull(md5, "md5");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(cacheControl, "cacheControl");
  }

  /** The entries of a {@code files} attribute (path to map), or none if {@code files} is absent. */
  static Map<String, SiteFile> all(Object files) {
    Map<String, SiteFile> out = new TreeMap<>();
    if (!(files instanceof Map<?, ?> m)) return out;
    m.forEach((path, v) -> {
      Map<?, ?> f = (Map<?, ?>) v;
      out.put(String.valueOf(path), new SiteFile(
          String.valueOf(f.get("md5")),
          f.get("size") instanceof Number n ? n.longValue() : 0L,
          f.get("content_type") == null ? "" : String.valueOf(f.get("content_type")),
          f.get("cache_control") == null ? "" : String.valueOf(f.get("cache_control"))));
    });
    return out;
  }

  /** {@code files} as an attribute value. */
  static Map<String, Object> attribute(Map<String, SiteFile> files) {
    Map<String, Object> out = new TreeMap<>();
    files.forEach((path, f) -> out.put(path, f.toAttribute()));
    return out;
  }

  Map<String, Object> toAttribute() {
    return Map.of("md5", md5, "size", size, "content_type", contentType, "cache_control", cacheControl);
  }

  /** Whether a viewer gets the same thing from both: bytes and headers. */
  boolean servesSameAs(SiteFile other) {
    return other != null
        && md5.equals(other.md5)
        && contentType.equals(other.contentType)
        && cacheControl.equals(other.cacheControl);
  }
}
