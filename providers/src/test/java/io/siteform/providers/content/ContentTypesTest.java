package io.siteform.providers.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ContentTypes} answers what Tika answers, without loading Tika for a usual site. */
class ContentTypesTest {
  private static final List<String> USUAL_SITE =
      List.of(
          "index.html", "style.css", "app.js", "data.json", "logo.svg", "photo.png", "photo.jpg",
          "photo.JPEG", "photo.webp", "font.woff2", "font.woff", "app.js.map", "robots.txt",
          "sitemap.xml", "favicon.ico", "lib.wasm", "module.mjs", "CNAME", ".nojekyll",
          "_redirects", "no-extension", "archive.tar.gz");

  /** Names whose handling is easy to get wrong: URIs, cases, dots, folders. */
  private static final List<String> EDGES =
      List.of(
          "", ".", "..", "...", "a.", "a..html", "index.html.", ".html", "html", "no-extension",
          ".nojekyll", ".htaccess", ".HTACCESS", "x.htaccess", "CNAME", "_redirects", "_headers",
          "LICENSE", "license", "License.txt", "Makefile", "makefile", "a.tar.gz", "A.TAR.GZ",
          "a.Tar.Gz", "a.b.c.d", "file.gz", "file-gz", "FILE-GZ", "file~", "owl", "OWL", "rdf",
          "a_x.txt", "A_X.TXT", "i_.txt", "s_s.txt", "x.MAP", "x.Woff2", "WOFF2", "woff2", "map",
          "x.map.gz", "a#b.html", "a#", "#a.html", "a?b.html", "?a.html", "a%20b.html",
          "100%.png", "a%2Fb.html", "%zz.html", "c:foo.html", "C:\\site\\index.html",
          "mailto:x.html", "1a:b.html", "a b.html", "a\tb.html", "ünïcode.html", "ÍNDEX.HTML",
          "İNDEX.HTML", "ındex.html", "dir/index.html", "dir/sub/app.JS", "dir/", "/", "/a.css",
          "//host/a.css", "http://x/a.php", "http://x/a.html", "https://x/a.jsp",
          "http:/a.php", "http:a.php", "HTTP://x/a.php", "httpx://x/a.php", "ftp://x/a.php",
          "file:///site/a.php", "[x].html", "a[1].css", "{a}.js", "a'b.html", "a\"b.html",
          "a<b>.html", "a|b.html", "a^b.html", "a`b.html", "a\\b.html");

  @Test
  void everyNameTikaKnowsGetsTikasAnswer() {
    Set<String> names = new LinkedHashSet<>(EDGES);
    names.addAll(USUAL_SITE);
    for (String line : ContentTypesTableTest.fromTika().split("\n")) {
      if (line.startsWith("#")) continue;
      String[] f = line.split("\t");
      String pattern = f[1];
      switch (f[0]) {
        case "name" -> variants(names, pattern);
        case "suffix" -> {
          variants(names, "file" + pattern);
          variants(names, pattern);
          variants(names, "a.tar" + pattern);
          variants(names, "file" + pattern + ".bak");
          variants(names, pattern.substring(1));
          variants(names, "file" + pattern.substring(0, pattern.length() - 1));
        }
        case "regex" -> {
          String sample = sample(pattern);
          assertThat(Pattern.matches(pattern, sample)).as("%s matches %s", sample, pattern).isTrue();
          variants(names, sample);
        }
        default -> throw new AssertionError(line);
      }
    }
    assertThat(names).hasSizeGreaterThan(10_000);
    List<String> wrong = new ArrayList<>();
    for (String name : names) {
      String expected = oldWay(name);
      String actual = ContentTypes.of(name);
      if (!actual.equals(expected)) wrong.add(name + ": " + actual + " instead of " + expected);
    }
    assertThat(wrong).isEmpty();
  }

  /** The name as is, in other cases, under a folder and with a prefix. */
  private static void variants(Set<String> names, String name) {
    names.add(name);
    names.add(name.toLowerCase(Locale.ROOT));
    names.add(name.toUpperCase(Locale.ROOT));
    StringBuilder mixed = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    names.add(mixed.toString());
    names.add("x" + name);
    names.add("site/dir/" + name);
  }

  /** A name Tika's regex (a glob compiled by Tika, or a regex as written) matches. */
  private static String sample(String regex) {
    return regex
        .replaceAll("^(\\\\A|\\^)|(\\\\z|\\$)$", "")
        .replace(".*", "x")
        .replace("\\.", ".");
  }

  /** What siteform answered before the table: Tika's whole MIME table, asked every time. */
  private static String oldWay(String fileName) {
    Map<String, String> gaps =
        Map.of("woff2", "font/woff2", "woff", "font/woff", "map", "application/json");
    String type = null;
    int dot = fileName.lastIndexOf('.');
    if (dot >= 0) type = gaps.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (type == null) {
      Metadata name = new Metadata();
      name.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
      try {
        MediaType detected = MimeTypes.getDefaultMimeTypes().detect(null, name);
        type = detected == null ? ContentTypes.UNKNOWN : detected.getBaseType().toString();
      } catch (IOException cannotHappenWithoutAStream) {
        type = ContentTypes.UNKNOWN;
      }
    }
    return ContentTypes.isText(type) ? type + "; charset=utf-8" : type;
  }

  @Test
  void aUsualSiteNeverLoadsTika() throws Exception {
    try (RecordingLoader loader = new RecordingLoader()) {
      Class<?> types = Class.forName(ContentTypes.class.getName(), true, loader);
      Method of = types.getDeclaredMethod("of", String.class);
      Method tikaLoaded = types.getDeclaredMethod("tikaLoaded");
      of.setAccessible(true);
      tikaLoaded.setAccessible(true);
      for (String name : USUAL_SITE) {
        assertThat(of.invoke(null, name)).as(name).isEqualTo(oldWay(name));
      }
      assertThat(tikaLoaded.invoke(null)).isEqualTo(false);
      assertThat(loader.loaded).noneMatch(name -> name.startsWith("org.apache.tika."));

      // The check can fail: a name the table leaves to Tika loads it.
      assertThat(of.invoke(null, "http://x/a.php")).isEqualTo(oldWay("http://x/a.php"));
      assertThat(tikaLoaded.invoke(null)).isEqualTo(true);
      assertThat(loader.loaded).contains(MimeTypes.class.getName());
    }
  }

  @Test
  void aFurtherMimeFileNamedForTikaIsTikasToRead(@TempDir Path dir) throws Exception {
    Path custom = dir.resolve("custom-mimetypes.xml");
    Files.writeString(
        custom,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mime-info>\n"
            + "  <mime-type type=\"text/x-siteform-test\"><glob pattern=\"*.siteformtest\"/></mime-type>\n"
            + "</mime-info>\n");
    assertThat(ContentTypes.of("a.siteformtest")).isEqualTo(ContentTypes.UNKNOWN);
    String before = System.setProperty("tika.custom-mimetypes", custom.toString());
    try (RecordingLoader loader = new RecordingLoader()) {
      Class<?> types = Class.forName(ContentTypes.class.getName(), true, loader);
      Method of = types.getDeclaredMethod("of", String.class);
      of.setAccessible(true);
      assertThat(of.invoke(null, "a.siteformtest")).isEqualTo("text/x-siteform-test; charset=utf-8");
      assertThat(of.invoke(null, "index.html")).isEqualTo("text/html; charset=utf-8");
      assertThat(of.invoke(null, "font.woff2")).isEqualTo("font/woff2");
    } finally {
      if (before == null) System.clearProperty("tika.custom-mimetypes");
      else System.setProperty("tika.custom-mimetypes", before);
    }
  }

  /** Loads siteform's and Tika's classes afresh (a JVM's first run) and records which it loads. */
  private static final class RecordingLoader extends URLClassLoader {
    final Set<String> loaded = ConcurrentHashMap.newKeySet();

    RecordingLoader() {
      super(
          locations(
              ContentTypes.class.getName(),
              MimeTypes.class.getName(),
              "org.apache.commons.io.IOUtils",
              "org.slf4j.LoggerFactory",
              "org.slf4j.nop.NOPServiceProvider"),
          ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      loaded.add(name);
      return super.loadClass(name, resolve);
    }

    /** The jars or folders holding these classes on the test's classpath. */
    private static URL[] locations(String... classNames) {
      try {
        List<URL> urls = new ArrayList<>();
        for (String name : classNames) {
          urls.add(Class.forName(name).getProtectionDomain().getCodeSource().getLocation());
        }
        return urls.toArray(URL[]::new);
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
    }
  }
}
