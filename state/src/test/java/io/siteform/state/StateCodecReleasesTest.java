package io.siteform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siteform.error.StateException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Releases in format 4: the oldest lists its files, each later one what differs from the one before. */
class StateCodecReleasesTest {
  private static final String WHERE = "state/siteform.state.json";
  private final StateCodec codec = new StateCodec();

  @Test
  void roundTripsManyReleasesWithAddsChangesAndRemovals() {
    State state = history(3, 40, 5, 7);

    String json = codec.toJson(state);
    State back = codec.fromJson(json, WHERE);

    assertThat(back).isEqualTo(state);
    assertThat(back.releases()).hasSize(7);
    // What makes it a history of adds, changes and removals, and not of changes alone.
    for (int i = 1; i < state.releases().size(); i++) {
      Map<String, Release.File> before = state.releases().get(i - 1).files(), after = state.releases().get(i).files();
      assertThat(after.keySet()).as("release %d adds", i + 3).isNotEqualTo(before.keySet());
      assertThat(after.keySet().containsAll(before.keySet())).as("release %d removes", i + 3).isFalse();
    }
    assertThat(codec.toJson(back)).isEqualTo(json);
  }

  @Test
  void theOldestReleaseListsItsFilesAndEachLaterOneWhatDiffersFromTheOneBefore() {
    Release.File a1 = file("a1"), b1 = file("b1"), b2 = file("b2"), c1 = file("c1");
    State state = withReleases(
        new Release(4, "2025-01-01T00:00:00Z", "sha256:4", 2, 0, Map.of("a.html", a1, "b.html", b1)),
        new Release(5, "2025-01-02T00:00:00Z", "sha256:5", 3, 0, Map.of("b.html", b2, "c.html", c1)),
        new Release(6, "2025-01-03T00:00:00Z", "sha256:6", 0, 0, Map.of("b.html", b2, "c.html", c1)),
        new Release(7, "2025-01-04T00:00:00Z", "sha256:7", 2, 0, Map.of()),
        new Release(8, "2025-01-05T00:00:00Z", "sha256:4", 2, 4, Map.of("a.html", a1, "b.html", b1)));

    JsonNode releases = tree(codec.toJson(state)).get("releases");

    assertThat(releases.get(0).has("files")).isTrue();
    assertThat(releases.get(0).has("changed_files")).isFalse();
    assertThat(releases.get(0).get("files").size()).isEqualTo(2);
    assertThat(names(releases.get(1).get("changed_files"))).containsExactly("b.html", "c.html");
    assertThat(strings(releases.get(1).get("removed_files"))).containsExactly("a.html");
    assertThat(releases.get(1).has("files")).isFalse();
    assertThat(names(releases.get(2).get("changed_files"))).isEmpty();
    assertThat(strings(releases.get(2).get("removed_files"))).isEmpty();
    assertThat(strings(releases.get(3).get("removed_files"))).containsExactly("b.html", "c.html");
    assertThat(names(releases.get(4).get("changed_files"))).containsExactly("a.html", "b.html");
    assertThat(releases.get(4).get("rollback_of").asLong()).isEqualTo(4);
    assertThat(releases.get(1).get("changed_files").get("b.html").get("version_id").asText()).isEqualTo("b2");
    assertThat(codec.fromJson(codec.toJson(state), WHERE)).isEqualTo(state);
  }

  @Test
  void aFormat3DocumentIsReadAndWrittenBackAsFormat4() throws Exception {
    String format3 = Files.readString(Path.of("src", "test", "resources", "formats", "format-3.json"), StandardCharsets.UTF_8);
    assertThat(format3).contains("\"version\": 3");

    State state = codec.fromJson(format3, WHERE);

    assertThat(state).isEqualTo(Fixtures.site());
    String written = codec.toJson(state);
    assertThat(written).contains("\"version\": 4", "\"changed_files\"", "\"removed_files\"");
    assertThat(codec.fromJson(written, WHERE)).isEqualTo(state);
  }

  @Test
  void aFormat3HistoryReadsAsTheSameStateItsFormat4DocumentDoes() {
    State state = history(1, 60, 6, 5);

    assertThat(codec.fromJson(format3(codec.toJson(state), state), WHERE)).isEqualTo(state);
  }

  @Test
  void tenReleasesOf2000FilesDifferingBy20KeysTakeLessThanAThirdOfFormat3() {
    State state = history(1, 2000, 20, 10);
    String format4 = codec.toJson(state);
    String format3 = format3(format4, state);
    // Both through one printer, so the figure compares the formats and not the whitespace.
    int size4 = bytes(pretty(tree(format4))), size3 = bytes(pretty(tree(format3)));

    assertThat(codec.fromJson(format3, WHERE)).as("a real format-3 document of the same state").isEqualTo(state);
    assertThat(size4).as("format 4 %,d bytes against format 3 %,d", size4, size3).isLessThan(size3 / 3);
    assertThat(bytes(format4)).isLessThan(size3 / 3);
  }

  @Test
  void writingIsDeterministicWhateverBuiltTheState() {
    State state = history(1, 200, 9, 6);
    // The same releases from other instances and maps in another order.
    List<Release> copies = new ArrayList<>();
    for (Release r : state.releases()) {
      Map<String, Release.File> reversed = new LinkedHashMap<>();
      new TreeMap<>(r.files()).descendingMap().forEach((k, f) ->
          reversed.put(k, new Release.File(f.versionId(), f.md5(), f.size(), f.contentType(), f.cacheControl())));
      copies.add(new Release(r.number(), r.time(), r.digest(), r.changed(), r.rollbackOf(), reversed));
    }
    java.util.Collections.reverse(copies);

    String json = codec.toJson(state);

    assertThat(codec.toJson(state.withReleases(copies))).isEqualTo(json);
    assertThat(codec.toJson(codec.fromJson(json, WHERE))).isEqualTo(json);
    assertThat(codec.toJson(state)).isEqualTo(json);
  }

  @Test
  void readingSharesTheUnchangedFilesBetweenConsecutiveReleases() {
    State state = history(1, 300, 4, 6);

    for (String json : List.of(codec.toJson(state), format3(codec.toJson(state), state))) {
      List<Release> back = codec.fromJson(json, WHERE).releases();
      Set<Release.File> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      back.forEach(r -> distinct.addAll(r.files().values()));
      long entries = 0;
      for (int i = 1; i < back.size(); i++) {
        Release before = back.get(i - 1);
        back.get(i).files().forEach((k, f) -> {
          if (f.equals(before.files().get(k))) assertThat(f).as(k).isSameAs(before.files().get(k));
        });
      }
      for (Release r : back) entries += r.files().size();
      // 300 files once, then at most 4 new records per release, however many maps name them.
      assertThat(distinct).hasSizeLessThanOrEqualTo(300 + 5 * 4);
      assertThat(entries).isGreaterThan(5 * 300);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      [{"number":3,"time":"t","digest":"d","changed":1,"changed_files":{},"removed_files":[]}] | releases[0] (release 3) is the oldest release: it lists all its files in 'files', not 'changed_files' or 'removed_files'
      [{"number":3,"time":"t","digest":"d","changed":1,"files":{},"removed_files":[]}] | releases[0] (release 3) is the oldest release: it lists all its files in 'files', not 'changed_files' or 'removed_files'
      [{"number":3,"time":"t","digest":"d","changed":1}] | missing field releases[0] (release 3).files
      [A,{"number":4,"time":"t","digest":"d","changed":1,"changed_files":{},"removed_files":["b.html"]}] | releases[1] (release 4).removed_files[0]: release 3 has no key "b.html" to remove
      [A,{"number":4,"time":"t","digest":"d","changed":1,"changed_files":{},"removed_files":["a.html","a.html"]}] | releases[1] (release 4).removed_files[1]: "a.html" is listed twice
      [A,{"number":4,"time":"t","digest":"d","changed":1,"changed_files":{},"removed_files":[3]}] | releases[1] (release 4).removed_files[0] must be a key, found the number 3
      [A,{"number":4,"time":"t","digest":"d","changed":1,"changed_files":{},"removed_files":{}}] | releases[1] (release 4).removed_files must be a list, found an object
      [A,{"number":4,"time":"t","digest":"d","changed":1,"changed_files":{"a.html":F},"removed_files":["a.html"]}] | releases[1] (release 4): "a.html" is both in changed_files and in removed_files
      [A,{"number":4,"time":"t","digest":"d","changed":1,"changed_files":{}}] | missing field releases[1] (release 4).removed_files
      [A,{"number":4,"time":"t","digest":"d","changed":1,"removed_files":[]}] | missing field releases[1] (release 4).changed_files
      [A,{"number":4,"time":"t","digest":"d","changed":1,"files":{},"changed_files":{},"removed_files":[]}] | releases[1] (release 4): only the oldest release lists 'files'; a later one lists 'changed_files' and 'removed_files' against the release before it
      [A,{"number":4,"time":"t","digest":"d","changed":1,"changed_files":{"b.html":{"md5":"m","size":1,"content_type":"","cache_control":""}},"removed_files":[]}] | missing field releases[1] (release 4).changed_files["b.html"].version_id
      [A,{"number":2,"time":"t","digest":"d","changed":1,"changed_files":{},"removed_files":[]}] | releases[1] (release 2) comes after release 3; releases are listed oldest first
      [A,{"number":4,"time":"t","digest":"d","changed":1,"changed_files":{},"removed_files":[],"extra":1}] | releases[1] (release 4): unknown field 'extra'
      [A,{"number":3,"time":"t","digest":"d","changed":1,"changed_files":{},"removed_files":[]}] | release 3 appears more than once
      """)
  void refusesADamagedHistoryNamingTheReleaseAndTheKey(String releases, String problem) {
    String first = "{\"number\":3,\"time\":\"t\",\"digest\":\"d\",\"changed\":1,\"files\":{\"a.html\":"
        + "{\"version_id\":\"v\",\"md5\":\"m\",\"size\":1,\"content_type\":\"text/html\",\"cache_control\":\"\"}}}";
    String f = "{\"version_id\":\"w\",\"md5\":\"m\",\"size\":1,\"content_type\":\"text/html\",\"cache_control\":\"\"}";
    String json = "{\"version\":4,\"serial\":1,\"lineage\":\"l\",\"resources\":[],\"releases\":"
        + releases.replace("[A,", "[" + first + ",").replace(":F}", ":" + f + "}") + "}";

    assertThatThrownBy(() -> codec.fromJson(json, WHERE))
        .isInstanceOf(StateException.class)
        .hasMessage(WHERE + ": " + problem)
        .extracting(e -> ((StateException) e).location())
        .isEqualTo(WHERE);
  }

  @Test
  void aFormat3DocumentListsEveryReleaseInFullAndNothingElse() {
    String json = "{\"version\":3,\"serial\":1,\"lineage\":\"l\",\"resources\":[],\"releases\":["
        + "{\"number\":1,\"time\":\"t\",\"digest\":\"d\",\"changed\":0,\"files\":{}},"
        + "{\"number\":2,\"time\":\"t\",\"digest\":\"d\",\"changed\":0,\"changed_files\":{},\"removed_files\":[]}]}";

    assertThatThrownBy(() -> codec.fromJson(json, WHERE))
        .isInstanceOf(StateException.class)
        .hasMessage(WHERE + ": releases[1] (release 2): unknown field 'changed_files'");
  }

  /**
   * {@code count} releases numbered from {@code first}, each of {@code files} keys but the first
   * changing {@code edits} of them: a third of those edits changes a key, a third adds one, a
   * third removes one. Seeded, so every run builds the same history.
   */
  static State history(long first, int files, int edits, int count) {
    Random random = new Random(files * 31L + edits);
    TreeMap<String, Release.File> current = new TreeMap<>();
    int next = 0;
    for (; next < files; next++) current.put(key(next), file("v" + next));
    List<Release> releases = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      if (r > 0) {
        for (int e = 0; e < edits; e++) {
          List<String> keys = new ArrayList<>(current.keySet());
          String some = keys.get(random.nextInt(keys.size()));
          switch (e % 3) {
            case 0 -> current.put(some, file("v" + r + "-" + e + "-" + some));
            case 1 -> current.put(key(next++), file("v" + r + "-" + e));
            default -> current.remove(some);
          }
        }
      }
      releases.add(new Release(first + r, "2025-01-01T00:00:" + String.format("%02d", r) + "Z",
          "sha256:" + r, r == 0 ? files : edits, 0, current));
    }
    return new State(State.FORMAT_VERSION, 9, Fixtures.LINEAGE, Optional.of("s"), List.of(), releases);
  }

  private static String key(int i) {
    return (i % 4 == 0 ? "assets/app-" : "docs/page-") + i + (i % 4 == 0 ? ".js" : ".html");
  }

  private static Release.File file(String version) {
    return new Release.File(version, "md5-" + version, version.length() * 100L, "text/html",
        version.hashCode() % 2 == 0 ? "no-cache" : "public, max-age=31536000, immutable");
  }

  private static State withReleases(Release... releases) {
    return new State(State.FORMAT_VERSION, 1, Fixtures.LINEAGE, Optional.of("s"), List.of(), List.of(releases));
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What format 3 wrote for {@code state}, from its format-4 document: version 3 and every release
   * with all its files, in the same field order.
   */
  static String format3(String format4, State state) {
    ObjectNode root = (ObjectNode) tree(format4);
    root.put("version", 3);
    for (int i = 0; i < state.releases().size(); i++) {
      ObjectNode release = (ObjectNode) root.get("releases").get(i);
      release.remove(List.of("files", "changed_files", "removed_files"));
      ObjectNode files = release.putObject("files");
      state.releases().get(i).files().forEach((k, f) -> files.putObject(k)
          .put("version_id", f.versionId()).put("md5", f.md5()).put("size", f.size())
          .put("content_type", f.contentType()).put("cache_control", f.cacheControl()));
    }
    return pretty(root);
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }
}
