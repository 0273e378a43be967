package io.siteform.providers.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalFilesDataSourceTest {
  private static final Address ADDRESS = new Address("local_files", "site");

  @TempDir Path tmp;

  private final LocalFilesDataSource source = new LocalFilesDataSource();

  private Path site() throws IOException {
    return Files.createDirectories(tmp.resolve("dist"));
  }

  private static Path write(Path dir, String relative, String content) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  private LiveResource read(Path dir, List<Map<String, String>> rules) {
    return source.read(new DataRequest(ADDRESS, "eu-west-1", Map.of("source", dir.toString(), "cache_control", rules)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> file(LiveResource r, String path) {
    return (Map<String, Object>) ((Map<String, Object>) r.attributes().get("files")).get(path);
  }

  @SuppressWarnings("unchecked")
  private static java.util.Set<String> keys(LiveResource r, String attribute) {
    return ((Map<String, Object>) r.attributes().get(attribute)).keySet();
  }

  @Test
  void hashesEveryFileUnderItsForwardSlashPath() throws IOException {
    Path dir = site();
    write(dir, "index.html", "<h1>hi</h1>");
    write(dir, "assets/js/app.js", "");

    LiveResource r = read(dir, List.of());

    assertThat(r.id()).isEqualTo(dir.toString());
    assertThat(file(r, "index.html")).isEqualTo(Map.of(
        // printf '<h1>hi</h1>' | md5sum
        "md5", "8097d38e49cc85c6e16e47e447a12142",
        "size", 11L, "content_type", "text/html; charset=utf-8", "cache_control", ""));
    assertThat(file(r, "assets/js/app.js")).containsEntry("md5", "d41d8cd98f00b204e9800998ecf8427e").containsEntry("size", 0L);
    assertThat(keys(r, "digests")).containsExactlyInAnyOrder("index.html", "assets/js/app.js");
  }

  @Test
  void digestChangesWithContentTypeOrCacheControlNotWithTime() throws IOException {
    Path dir = site();
    Path f = write(dir, "a.css", "body{}");
    String before = (String) ((Map<?, ?>) read(dir, List.of()).attributes().get("digests")).get("a.css");
    Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(0));
    assertThat(((Map<?, ?>) read(dir, List.of()).attributes().get("digests")).get("a.css")).isEqualTo(before);
    assertThat(((Map<?, ?>) read(dir, List.of(Map.of("glob", "*.css", "value", "max-age=60"))).attributes().get("digests")).get("a.css"))
        .isNotEqualTo(before);
    assertThat(LocalFilesDataSource.digest("m", "text/css; charset=utf-8", "")).isNotEqualTo(
        LocalFilesDataSource.digest("m", "text/plain; charset=utf-8", ""));
  }

  @ParameterizedTest
  @CsvSource({
    "index.html, text/html; charset=utf-8",
    "style.css, text/css; charset=utf-8",
    "app.js, text/javascript; charset=utf-8",
    "module.mjs, text/javascript; charset=utf-8",
    "data.json, application/json; charset=utf-8",
    "logo.svg, image/svg+xml; charset=utf-8",
    "photo.png, image/png",
    "photo.JPG, image/jpeg",
    "photo.webp, image/webp",
    "photo.avif, image/avif",
    "font.woff2, font/woff2",
    "font.woff, font/woff",
    "lib.wasm, application/wasm",
    "robots.txt, text/plain; charset=utf-8",
    "sitemap.xml, application/xml; charset=utf-8",
    "favicon.ico, image/vnd.microsoft.icon",
    "app.js.map, application/json; charset=utf-8",
    "manifest.webmanifest, application/manifest+json; charset=utf-8",
    "no-extension, application/octet-stream",
    "archive.unknownext, application/octet-stream",
  })
  void contentTypeByName(String name, String expected) {
    assertThat(ContentTypes.of(name)).isEqualTo(expected);
  }

  @Test
  void firstMatchingCacheControlRuleWinsAndDoubleStarCrossesFolders() throws IOException {
    Path dir = site();
    write(dir, "index.html", "i");
    write(dir, "blog/post.html", "p");
    write(dir, "assets/deep/app.js", "a");
    write(dir, "other.txt", "o");
    List<Map<String, String>> rules = List.of(
        Map.of("glob", "*.html", "value", "no-cache"),
        Map.of("glob", "assets/**", "value", "max-age=31536000, immutable"),
        Map.of("glob", "**.js", "value", "max-age=60"),
        Map.of("glob", "**/*.html", "value", "max-age=300"));

    LiveResource r = read(dir, rules);

    assertThat(file(r, "index.html")).containsEntry("cache_control", "no-cache");
    assertThat(file(r, "blog/post.html")).containsEntry("cache_control", "max-age=300");
    assertThat(file(r, "assets/deep/app.js")).containsEntry("cache_control", "max-age=31536000, immutable");
    assertThat(file(r, "other.txt")).containsEntry("cache_control", "");
  }

  @Test
  void aLinkInsideIsFollowedAndPublishedUnderItsOwnPath() throws IOException {
    Path dir = site();
    write(dir, "v2/index.html", "two");
    Files.createSymbolicLink(dir.resolve("latest"), Path.of("v2"));
    Files.createSymbolicLink(dir.resolve("home.html"), Path.of("v2/index.html"));

    LiveResource r = read(dir, List.of());

    assertThat(keys(r, "files")).containsExactlyInAnyOrder("v2/index.html", "latest/index.html", "home.html");
    assertThat(file(r, "home.html").get("md5")).isEqualTo(file(r, "v2/index.html").get("md5"));
  }

  @Test
  void aLinkToAFileOutsideIsAnErrorNamingIt() throws IOException {
    Path dir = site();
    Path secret = write(tmp, "secret.txt", "do not publish");
    write(dir, "index.html", "i");
    Files.createDirectories(dir.resolve("docs"));
    Files.createSymbolicLink(dir.resolve("docs/leak.txt"), secret);

    assertThatThrownBy(() -> read(dir, List.of()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("symbolic link docs/leak.txt ")
        .hasMessageContaining("outside the content folder, to " + secret.toRealPath());
  }

  @Test
  void aLinkToAFolderOutsideIsAnErrorNamingIt() throws IOException {
    Path dir = site();
    write(tmp, "elsewhere/app.js", "a");
    Files.createSymbolicLink(dir.resolve("assets"), tmp.resolve("elsewhere"));

    assertThatThrownBy(() -> read(dir, List.of()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("symbolic link assets ")
        .hasMessageContaining("outside the content folder");
  }

  @Test
  void aPipeIsAnErrorNotAHang() throws IOException, InterruptedException {
    Path dir = site();
    Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).start();
    assumeFalse(mkfifo.waitFor() != 0, "mkfifo is not available");
    assertThatThrownBy(() -> read(dir, List.of())).isInstanceOf(ProviderException.class)
        .hasMessageContaining("pipe in ").hasMessageContaining("not a regular file");
  }

  @Test
  void aLinkLoopOrABrokenLinkIsAnError() throws IOException {
    Path dir = site();
    write(dir, "a/index.html", "i");
    Files.createSymbolicLink(dir.resolve("a/again"), Path.of(".."));
    assertThatThrownBy(() -> read(dir, List.of())).isInstanceOf(ProviderException.class)
        .hasMessageContaining("a/again").hasMessageContaining("loop");

    Files.delete(dir.resolve("a/again"));
    Files.createSymbolicLink(dir.resolve("a/gone.css"), Path.of("missing.css"));
    assertThatThrownBy(() -> read(dir, List.of())).isInstanceOf(ProviderException.class)
        .hasMessageContaining("a/gone.css").hasMessageContaining("does not exist");
  }

  @Test
  void aMissingOrNonFolderSourceIsAnErrorSayingWhatToDo() throws IOException {
    assertThatThrownBy(() -> read(tmp.resolve("nope"), List.of())).isInstanceOf(ProviderException.class)
        .hasMessageContaining(tmp.resolve("nope").toString()).hasMessageContaining("does not exist: build the site");
    Path file = write(tmp, "plain.txt", "x");
    assertThatThrownBy(() -> read(file, List.of())).isInstanceOf(ProviderException.class)
        .hasMessageContaining("is not a folder");
    assertThatThrownBy(() -> read(site(), List.of(Map.of("glob", "[a", "value", "x"))))
        .isInstanceOf(ProviderException.class).hasMessageContaining("\"[a\"");
  }

  @Test
  void twoThousandFilesAreQuick() throws IOException {
    Path dir = site();
    byte[] body = new byte[4096];
    for (int i = 0; i < 2000; i++) {
      Path p = dir.resolve("d" + (i % 20)).resolve("f" + i + ".js");
      Files.createDirectories(p.getParent());
      body[0] = (byte) i;
      Files.write(p, body);
    }
    long start = System.nanoTime();
    LiveResource r = read(dir, List.of(Map.of("glob", "**.js", "value", "max-age=60")));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat((Map<?, ?>) r.attributes().get("files")).hasSize(2000);
    assertThat(millis).as("ms to hash 2,000 files").isLessThan(5_000);
  }
}
