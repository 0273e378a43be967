package io.siteform.providers.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * The Content-Type a file is published with, from its name alone (Apache Tika's MIME table; the
 * bytes are never sniffed, so a build publishes the same types on every machine). Text types get
 * {@code ; charset=utf-8}, the encoding of every current web build tool's output.
 *
 * <p>Tika's table is read from {@value #TABLE}, Tika's name patterns written out by {@code
 * ContentTypesTableTest}, and matched here in Tika's own order: parsing Tika's MIME XML costs
 * about 200 ms of CPU, on the critical path of every run that reads a site. Tika itself is loaded
 * only for what the table does not cover (see {@link #byName}), so every answer is still Tika's.
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

  /** Tika's name patterns, one a line: {@code name|suffix|regex <TAB> pattern <TAB> base type}. */
  static final String TABLE = "content-types.tsv";

  /**
   * Tika's table, or null when this JVM names a further MIME file for Tika to read (as Tika does,
   * the property is read once), whose patterns the table cannot know. Tika's other extension, a
   * {@code custom-mimetypes.xml} on the classpath, would come from a dependency and be written
   * into the table with the rest.
   */
  private static final Table TYPES =
      System.getProperty("tika.custom-mimetypes") == null ? Table.read() : null;

  private static volatile boolean tikaLoaded;

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
    return TYPES == null ? Tika.byName(fileName) : byName(fileName);
  }

  /**
   * Tika's {@code MimeTypes.detect(null, metadata)} for a resource name, step for step: the name is
   * read as a URI and its last path segment is matched, as is and then in lower case.
   */
  private static String byName(String resourceName) {
    String name = null;
    try {
      URI uri = new URI(resourceName);
      String scheme = uri.getScheme();
      // Over http(s), Tika disregards names of server-side scripts (.php, .jsp...); ask it.
      if (scheme != null && scheme.startsWith("http")) return Tika.byName(resourceName);
      String path = uri.getPath();
      if (path != null) {
        int slash = path.lastIndexOf('/');
        if (slash + 1 < path.length()) name = path.substring(slash + 1);
      }
    } catch (URISyntaxException notAUri) {
      name = resourceName;
    }
    if (name == null) return UNKNOWN;
    String type = TYPES.match(name);
    if (type == null) type = TYPES.match(name.toLowerCase(Locale.ENGLISH));
    return type == null ? UNKNOWN : type;
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

  /** Whether this JVM has loaded Tika's MIME table (for the test that a usual site never does). */
  static boolean tikaLoaded() {
    return tikaLoaded;
  }

  /**
   * Tika's {@code Patterns}: exact names, then suffixes longest first, then regular expressions in
   * Tika's order (longest first, then alphabetical). The regexes are compiled when a name first
   * gets that far (a name without a known suffix): java.util.regex costs a fresh JVM ~20 ms.
   */
  private static final class Table {
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> suffixes = new HashMap<>(2048);
    private int shortestSuffix = Integer.MAX_VALUE;
    private int longestSuffix = 0;
    private final List<String> regexSources = new ArrayList<>();
    private final List<String> regexTypes = new ArrayList<>();
    private volatile Pattern[] regexes;

    /** The type Tika's patterns give {@code name}, or {@code null} when none matches. */
    String match(String name) {
      String type = names.get(name);
      if (type != null) return type;
      for (int n = Math.min(longestSuffix, name.length()); n >= shortestSuffix; n--) {
        type = suffixes.get(name.substring(name.length() - n));
        if (type != null) return type;
      }
      Pattern[] compiled = regexes();
      for (int i = 0; i < compiled.length; i++) {
        if (compiled[i].matcher(name).matches()) return regexTypes.get(i);
      }
      return null;
    }

    private Pattern[] regexes() {
      Pattern[] compiled = regexes;
      if (compiled == null) {
        compiled = new Pattern[regexSources.size()];
        for (int i = 0; i < compiled.length; i++) compiled[i] = Pattern.compile(regexSources.get(i));
        regexes = compiled;
      }
      return compiled;
    }

    static Table read() {
      String text;
      try (InputStream in = ContentTypes.class.getResourceAsStream(TABLE)) {
        if (in == null) throw new IllegalStateException(TABLE + " is missing from the classpath");
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Table table = new Table();
      Map<String, String> oneCopyOfEachType = new HashMap<>(1024);
      for (int start = 0, end; start < text.length(); start = end + 1) {
        end = text.indexOf('\n', start);
        if (end < 0) end = text.length();
        if (end == start || text.charAt(start) == '#') continue;
        int tab1 = text.indexOf('\t', start);
        int tab2 = text.indexOf('\t', tab1 + 1);
        if (tab1 < 0 || tab2 < 0 || tab2 > end) {
          throw new IllegalStateException(TABLE + ": bad line " + text.substring(start, end));
        }
        String pattern = text.substring(tab1 + 1, tab2);
        String type = text.substring(tab2 + 1, end);
        String known = oneCopyOfEachType.putIfAbsent(type, type);
        table.add(text.substring(start, tab1), pattern, known == null ? type : known);
      }
      return table;
    }

    private void add(String kind, String pattern, String type) {
      switch (kind) {
        case "name" -> names.put(pattern, type);
        case "suffix" -> {
          suffixes.put(pattern, type);
          shortestSuffix = Math.min(shortestSuffix, pattern.length());
          longestSuffix = Math.max(longestSuffix, pattern.length());
        }
        case "regex" -> {
          regexSources.add(pattern);
          regexTypes.add(type);
        }
        default -> throw new IllegalStateException(TABLE + ": unknown kind " + kind);
      }
    }
  }

  /** Tika itself, loaded on first use only (its MIME XML is what the table saves parsing). */
  private static final class Tika {
    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();

    static {
      tikaLoaded = true;
    }

    static String byName(String resourceName) {
      Metadata name = new Metadata();
      name.set(TikaCoreProperties.RESOURCE_NAME_KEY, resourceName);
      try {
        // No stream: Tika decides by the name's glob patterns only.
        MediaType type = TYPES.detect(null, name);
        return type == null ? UNKNOWN : type.getBaseType().toString();
      } catch (IOException cannotHappenWithoutAStream) {
        return UNKNOWN;
      }
    }
  }
}
