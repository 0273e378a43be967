package io.siteform.providers.content;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * The Content-Type a file is published with, from its name alone (Apache Tika's MIME table; the
 * bytes are never sniffed, so a build publishes the same types on every machine). Text types get
 * {@code ; charset=utf-8}, the encoding of every current web build tool's output.
 */
final class ContentTypes {
  static final String UNKNOWN = "application/octet-stream";

  /**
   * Extensions Tika 3.2.3 has no entry for and answers {@value #UNKNOWN}, which a browser treats
   * as a download: following a link to the file saves it instead of showing it, and CloudFront
   * compresses only listed types, so a large source map would go out uncompressed. The types are
   * the registered ones (font/woff and font/woff2, RFC 8081) and JSON for source maps (ECMA-426).
   */
  private static final Map<String, String> TIKA_GAPS =
      Map.of("woff2", "font/woff2", "woff", "font/woff", "map", "application/json");

  private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();

  private ContentTypes() {}

  /** The Content-Type for a file called {@code fileName}, with a charset for text. */
  static String of(String fileName) {
    String type = base(fileName);
    return isText(type) ? type + "; charset=utf-8" : type;
  }

  private static String base(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot >= 0) {
      String gap = TIKA_GAPS.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
      if (gap != null) return gap;
    }
    Metadata name = new Metadata();
    name.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    try {
      // No stream: Tika decides by the name's glob patterns only.
      MediaType type = TIKA.detect(null, name);
      return type == null ? UNKNOWN : type.getBaseType().toString();
    } catch (IOException cannotHappenWithoutAStream) {
      return UNKNOWN;
    }
  }

  /** Types a browser decodes as characters: text/*, JavaScript, JSON, XML and their +json/+xml kin (SVG). */
  static boolean isText(String type) {
    int slash = type.indexOf('/');
    String top = type.substring(0, slash);
    String sub = type.substring(slash + 1);
    return top.equals("text")
        || sub.equals("javascript")
        || sub.equals("json")
        || sub.equals("xml")
        || sub.endsWith("+json")
        || sub.endsWith("+xml");
  }
}
