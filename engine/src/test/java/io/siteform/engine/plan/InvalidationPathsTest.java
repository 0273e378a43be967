package io.siteform.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InvalidationPathsTest {

  private static List<String> files(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + "f" + i + ".js").toList();
  }

  @Test
  void changedFilesAreNamedOneByOneWithTheRootForTheRootIndex() {
    assertThat(InvalidationPaths.of(List.of("about.html", "index.html", "blog/index.html")))
        .containsExactly("/", "/about.html", "/blog/index.html", "/index.html");
  }

  @Test
  void unsafeAndNonAsciiCharactersArePercentEncodedAsUtf8() {
    assertThat(InvalidationPaths.encode("a b/c#d%e?f~g.html")).isEqualTo("/a%20b/c%23d%25e%3Ff%7Eg.html");
    assertThat(InvalidationPaths.encode("café/ü.png")).isEqualTo("/caf%C3%A9/%C3%BC.png");
    assertThat(InvalidationPaths.encode("a-b_c.d(e)!$&'+,;=:@/x")).isEqualTo("/a-b_c.d(e)!$&'+,;=:@/x");
  }

  @Test
  void aNameWithAStarIsCoveredByItsFolder() {
    assertThat(InvalidationPaths.of(List.of("img/a*b.png", "img/c.png", "x.html"))).containsExactly("/img/*", "/x.html");
    assertThat(InvalidationPaths.of(List.of("a*b.png"))).isEqualTo(InvalidationPaths.EVERYTHING);
  }

  @Test
  void atTheLimitNothingCollapses() {
    List<String> paths = InvalidationPaths.of(files("assets/", 1000));
    assertThat(paths).hasSize(1000).allMatch(p -> !p.endsWith("*"));
  }

  @Test
  void pastTheLimitTheFolderCoveringMostCollapsesFirst() {
    List<String> changed = new ArrayList<>(files("assets/js/", 1200));
    changed.addAll(files("docs/", 30));
    changed.add("index.html");

    assertThat(InvalidationPaths.of(changed))
        .hasSize(33)
        .contains("/", "/index.html", "/docs/f0.js", "/assets/js/*")
        .doesNotContain("/assets/*", "/docs/*");
  }

  @Test
  void aWiderFolderAbsorbsNarrowerOnes() {
    List<String> changed = new ArrayList<>();
    for (int d = 0; d < 40; d++) changed.addAll(files("assets/d" + d + "/", 30));

    assertThat(InvalidationPaths.of(changed)).containsExactly("/assets/*");
  }

  @Test
  void tooManyFoldersBecomeEverything() {
    List<String> fewFolders = new ArrayList<>();
    for (int d = 0; d < 16; d++) fewFolders.addAll(files("d" + d + "/", 70));
    // 1,120 paths in 16 folders: two wildcards bring it to 982
    assertThat(InvalidationPaths.of(fewFolders)).hasSize(982).filteredOn(p -> p.endsWith("*")).hasSize(2);
    List<String> manyFolders = new ArrayList<>();
    for (int d = 0; d < 600; d++) manyFolders.addAll(files("d" + d + "/", 2));
    // 1,200 paths in 600 folders: each wildcard saves one path, so 200 would be needed
    assertThat(InvalidationPaths.of(manyFolders)).isEqualTo(InvalidationPaths.EVERYTHING);
    // the same with a smaller limit on wildcards, to show the count decides
    assertThat(InvalidationPaths.of(files("a/", 5), 3, 0)).isEqualTo(InvalidationPaths.EVERYTHING);
    assertThat(InvalidationPaths.of(files("a/", 5), 3, 1)).containsExactly("/a/*");
  }

  @Test
  void rootFilesAloneCannotCollapseIntoAFolder() {
    assertThat(InvalidationPaths.of(files("", 1001))).isEqualTo(InvalidationPaths.EVERYTHING);
  }

  @Test
  void changedKeysAreThoseWithAnotherDigestPlusAddedAndRemoved() {
    assertThat(InvalidationPaths.changed(Map.of("a", "1", "b", "2", "gone", "3"), Map.of("a", "1", "b", "9", "new", "4")))
        .containsExactly("b", "gone", "new");
  }

  /** Objects the content's apply restored (changed or deleted in the bucket by hand) are invalidated too. */
  @Test
  void anUpdateInvalidatesWhatTheContentRewroteThoughNoDigestChanged() {
    Map<String, Object> prior = Map.of("distribution_id", "E1", "mode", "changed", "digests", Map.of("a.html", "1", "b.css", "2"));
    assertThat(InvalidationPaths.forUpdate(prior, Map.of("distribution_id", "E1", "mode", "changed",
        "digests", prior.get("digests"), "rewrites", Map.of("b.css", "written")))).containsExactly("/b.css");
    assertThat(InvalidationPaths.forUpdate(prior, Map.of("distribution_id", "E1", "mode", "changed",
        "digests", Map.of("a.html", "9", "b.css", "2"), "rewrites", Map.of("b.css", "written"))))
        .containsExactly("/a.html", "/b.css");
    assertThat(InvalidationPaths.forUpdate(prior, Map.of("distribution_id", "E1", "mode", "changed",
        "digests", prior.get("digests"), "rewrites", Map.of()))).as("nothing rewritten").isEmpty();
  }

  @Test
  void anUpdateInvalidatesExactlyWhatChanged() {
    Map<String, Object> prior = Map.of("distribution_id", "E1", "mode", "changed", "digests", Map.of("a.html", "1", "b.css", "2"));
    assertThat(InvalidationPaths.forUpdate(prior,
        Map.of("distribution_id", "E1", "mode", "changed", "digests", Map.of("a.html", "1", "b.css", "3")))).containsExactly("/b.css");
    assertThat(InvalidationPaths.forUpdate(prior, Map.of("distribution_id", "E1", "mode", "all", "digests", prior.get("digests"))))
        .as("only the mode changed: nothing published, nothing to invalidate").isEmpty();
    assertThat(InvalidationPaths.forUpdate(prior,
        Map.of("distribution_id", "E1", "mode", "all", "digests", Map.of("a.html", "1")))).isEqualTo(InvalidationPaths.EVERYTHING);
    assertThat(InvalidationPaths.forUpdate(prior, Map.of("distribution_id", "E2", "mode", "changed", "digests", prior.get("digests"))))
        .isEqualTo(InvalidationPaths.EVERYTHING);
  }
}
