package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.state.Release;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseBookTest {
  private static final Clock AT = Clock.fixed(Instant.parse("2025-03-04T05:06:07.890Z"), ZoneOffset.UTC);

  private static ResourceState content(long keep, Map<String, String> versions) {
    Map<String, Object> files = new LinkedHashMap<>();
    versions.keySet().forEach(k -> files.put(k, Map.of("md5", "m-" + k, "size", 3L,
        "content_type", k.endsWith(".html") ? "text/html" : "text/css", "cache_control", "")));
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("files", files);
    a.put("versions", new LinkedHashMap<>(versions));
    a.put("keep_releases", keep);
    return new ResourceState("site_content.site", "site_content", "eu-west-1", "b", a, List.of());
  }

  @Test
  void aPublishIsAReleaseWithEachKeysVersionAndTheCountOfChangedKeys() {
    ReleaseBook book = new ReleaseBook(AT, 0);
    State s = book.record(State.empty(), content(10, Map.of("index.html", "v1", "a.css", "v2")));
    s = book.record(s, content(10, Map.of("index.html", "v3", "b.css", "v4")));

    assertThat(s.releases()).extracting(Release::number).containsExactly(1L, 2L);
    Release second = s.latestRelease().orElseThrow();
    assertThat(second.time()).isEqualTo("2025-03-04T05:06:07Z");
    assertThat(second.changed()).as("index.html changed, b.css added, a.css removed").isEqualTo(3);
    assertThat(second.files().get("index.html").versionId()).isEqualTo("v3");
    assertThat(second.digest()).startsWith("sha256:").isNotEqualTo(s.releases().get(0).digest());
    assertThat(second.rollbackOf()).isZero();
  }

  @Test
  void recordingTheSameVersionsAgainIsNoReleaseAndOtherResourcesAreNone() {
    ReleaseBook book = new ReleaseBook(AT, 0);
    State s = book.record(State.empty(), content(10, Map.of("index.html", "v1")));
    assertThat(book.record(s, content(10, Map.of("index.html", "v1")))).isSameAs(s);
    ResourceState bucket = new ResourceState("s3_bucket.primary", "s3_bucket", "eu-west-1", "b", Map.of(), List.of());
    assertThat(book.record(s, bucket)).isSameAs(s);
  }

  @Test
  void aPublishPartWayWithItsFilesInFlightIsNoReleaseUntilItReturns() {
    ReleaseBook book = new ReleaseBook(AT, 0);
    State s = book.record(State.empty(), content(10, Map.of("index.html", "v1")));
    ResourceState partWay = content(10, Map.of("index.html", "v1", "new.css", "v2"));
    Map<String, Object> a = new LinkedHashMap<>(partWay.attributes());
    a.put("pending", Map.of("new.css", Map.of("md5", "m-new.css", "size", 3L)));
    assertThat(book.record(s, partWay.withAttributes(a))).isSameAs(s);
    assertThat(book.record(s, partWay).releases()).extracting(Release::number).containsExactly(1L, 2L);
  }

  @Test
  void releasesBeyondKeepReleasesAreForgottenOldestFirstAndNumbersStay() {
    ReleaseBook book = new ReleaseBook(AT, 0);
    State s = State.empty();
    for (int i = 1; i <= 5; i++) s = book.record(s, content(3, Map.of("index.html", "v" + i)));

    assertThat(s.releases()).extracting(Release::number).containsExactly(3L, 4L, 5L);
  }

  @Test
  void aRollbackIsARecordedAsOneWithTheReleaseItPutBack() {
    State s = new ReleaseBook(AT, 0).record(State.empty(), content(10, Map.of("index.html", "v1")));
    s = new ReleaseBook(AT, 0).record(s, content(10, Map.of("index.html", "v2")));
    s = new ReleaseBook(AT, 1).record(s, content(10, Map.of("index.html", "v3")));

    assertThat(s.latestRelease().orElseThrow().rollbackOf()).isEqualTo(1);
    assertThat(s.latestRelease().orElseThrow().digest()).as("same bytes and headers as release 1")
        .isEqualTo(s.release(1).orElseThrow().digest());
  }
}
