package io.siteform.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.state.ResourceState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublishPhasesTest {
  private static ResourceChange change(String type, Action action, Map<String, Object> before, Map<String, Object> after) {
    Address a = new Address(type, "site");
    ResourceSpec spec = new ResourceSpec(a, "eu-west-1", after, Set.of());
    Optional<ResourceState> prior = action == Action.CREATE ? Optional.empty()
        : Optional.of(new ResourceState(a.toString(), type, "eu-west-1", "b", before, List.of()));
    return new ResourceChange(a, action, Optional.of(spec), prior, after, Set.of(), Set.of(), Optional.empty());
  }

  private static Map<String, Object> file(String md5, String type) {
    return Map.of("md5", md5, "size", 1L, "content_type", type, "cache_control", "");
  }

  private static Map<String, Object> removal(List<String> paths, Map<String, Object> removed, List<String> due,
      long keep) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("paths", paths);
    a.put("removed", removed);
    a.put("due", due);
    a.put("strays", List.of());
    a.put("keep_removed_seconds", keep);
    return a;
  }

  @Test
  void countsAssetsThenPagesTheInvalidatedPathsAndWhatIsKept() {
    ResourceChange content = change("site_content", Action.UPDATE,
        Map.of("files", Map.of("index.html", file("1", "text/html"), "a.js", file("1", "text/javascript"))),
        Map.of("files", Map.of("index.html", file("2", "text/html"), "b.js", file("1", "text/javascript"),
            "c.css", file("1", "text/css"))));
    ResourceChange inv = change("cloudfront_invalidation", Action.UPDATE,
        Map.of("distribution_id", "E1", "digests", Map.of("index.html", "x", "a.js", "y")),
        Map.of("distribution_id", "E1", "digests", Map.of("index.html", "z", "b.js", "y", "c.css", "w")));
    ResourceChange rem = change("site_content_removal", Action.UPDATE,
        removal(List.of("a.js", "index.html", "old.js"), Map.of("old.js", "2025-01-01T00:00:00Z"), List.of(), 86400),
        removal(List.of("b.js", "c.css", "index.html"), Map.of(), List.of(), 86400));
    Plan plan = new Plan(List.of(), List.of(content, inv, rem), 1, "l", false);

    PublishPhases p = PublishPhases.of(plan).orElseThrow();

    // The paths the invalidation sends: the four changed files and "/" for the root index.
    assertThat(p.line()).isEqualTo("upload 2 assets, then 1 page, invalidate 5 paths, delete 0"
        + " (1 kept until 2025-01-02T00:00:00Z, 1 kept for 24h)");
  }

  @Test
  void aLaterPlanDeletesWhatIsDueAndWithKeepZeroDeletesAtOnce() {
    ResourceChange due = change("site_content_removal", Action.UPDATE,
        removal(List.of("index.html"), Map.of("old.js", "2025-01-01T00:00:00Z"), List.of("old.js"), 86400),
        removal(List.of("index.html"), Map.of(), List.of(), 86400));
    assertThat(PublishPhases.of(new Plan(List.of(), List.of(due), 1, "l", false)).orElseThrow().line())
        .isEqualTo("upload 0 assets, then 0 pages, invalidate 0 paths, delete 1");

    ResourceChange now = change("site_content_removal", Action.UPDATE,
        removal(List.of("index.html", "a.js"), Map.of(), List.of(), 0),
        removal(List.of("index.html"), Map.of(), List.of(), 0));
    assertThat(PublishPhases.of(new Plan(List.of(), List.of(now), 1, "l", false)).orElseThrow().deleted()).isEqualTo(1);
  }

  @Test
  void insideTheGracePeriodANoChangePlanStillKnowsWhatIsKept() {
    Map<String, Object> same = removal(List.of("index.html"), Map.of("old.js", "2025-01-01T00:00:00Z"), List.of(), 3600);
    ResourceChange rem = change("site_content_removal", Action.NO_OP, same, same);
    PublishPhases p = PublishPhases.of(new Plan(List.of(), List.of(rem), 1, "l", false)).orElseThrow();
    assertThat(p.acts()).isFalse();
    assertThat(p.keptLine()).isEqualTo("1 kept until 2025-01-01T01:00:00Z");
  }
}
