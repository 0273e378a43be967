package io.siteform.engine.resource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digests a site's content is compared by: one per file (what a viewer gets: bytes and
 * headers), as the {@code local_files} data source reports them and invalidations compare them,
 * and one for the whole site, which names a release's content.
 */
public final class ContentDigests {
  private ContentDigests() {}

  /**
   * Whether a site file is a page (HTML by its name or its Content-Type): a publish writes the
   * pages after every other file, so no page is served naming an asset that is not there yet.
   */
  public static boolean page(String key, String contentType) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.endsWith(".html") || k.endsWith(".htm")
        || contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
  }

  /** A file's digest: its MD5, Content-Type and Cache-Control together. */
  public static String file(String md5, String contentType, String cacheControl) {
    return hex(md5 + "\n" + contentType + "\n" + cacheControl, 8);
  }

  /** The site's digest over every path and its file digest; equal for the same site. */
  public static String site(Map<String, ?> digests) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(digests).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return "sha256:" + hex(b.toString(), 16);
  }

  private static String hex(String text, int bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
