package io.siteform.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.provider.Schemas;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The plan after a publish killed part-way: the objects it uploaded are the site's, not strays or
 * files due for deletion, and what differs from the state is that apply's work, not drift.
 */
class InterruptedPublishPlanTest {
  private static final Address CONTENT = new Address("site_content", "site");
  private static final Address REMOVAL = new Address("site_content_removal", "site");
  private static final Map<String, Object> INDEX = file("aaa");
  private static final Map<String, Object> APP = file("bbb");

  private final Planner planner = new Planner(Schemas::of);

  @Test
  void anObjectTheSiteIsAboutToPublishIsNoStrayNorDriftButAHandUploadedOneIs() {
    // The state recorded index.html only; the killed run put app.js, and someone put notes.txt by hand.
    ResourceState recorded = removal(List.of("index.html"), List.of(), List.of());
    ResourceState live = removal(List.of("index.html"), List.of("app.js", "notes.txt"), List.of());
    Drift drift = new Drift(REMOVAL, Action.UPDATE, recorded, Optional.of(live), Set.of("strays"));

    Plan p = planner.plan(List.of(removalSpec(List.of("index.html", "app.js"))), State.empty().with(live), List.of(drift));

    ResourceChange c = p.changes().get(0);
    assertThat(c.action()).isEqualTo(Action.UPDATE);
    assertThat(c.before().get("strays")).isEqualTo(List.of("notes.txt"));
    assertThat(p.drift()).singleElement().satisfies(d -> {
      assertThat(d.changedPaths()).containsExactly("strays");
      assertThat(d.live().orElseThrow().attributes().get("strays")).isEqualTo(List.of("notes.txt"));
    });
  }

  @Test
  void whenEveryStrayIsTheSitesNothingDriftedAndOnlyThePathsChange() {
    ResourceState recorded = removal(List.of("index.html"), List.of(), List.of());
    ResourceState live = removal(List.of("index.html"), List.of("app.js"), List.of("app.js"));
    Drift drift = new Drift(REMOVAL, Action.UPDATE, recorded, Optional.of(live), Set.of("strays", "due"));

    Plan p = planner.plan(List.of(removalSpec(List.of("index.html", "app.js"))), State.empty().with(live), List.of(drift));

    ResourceChange c = p.changes().get(0);
    assertThat(c.before().get("strays")).isEqualTo(List.of());
    assertThat(c.before().get("due")).isEqualTo(List.of());
    assertThat(p.drift()).isEmpty();
  }

  @Test
  void aPublishInterruptedPartWayIsAnUpdateWithItsReasonAndNoDrift() {
    Map<String, Object> was = content(Map.of("index.html", INDEX), Map.of("app.js", APP));
    Map<String, Object> now = content(Map.of("index.html", INDEX, "app.js", APP), Map.of("app.js", APP));
    ResourceState recorded = new ResourceState(CONTENT.toString(), "site_content", "eu-west-1", "b", was, List.of());
    ResourceState live = recorded.withAttributes(now);
    Drift drift = new Drift(CONTENT, Action.UPDATE, recorded, Optional.of(live), Set.of("files"));
    Map<String, Object> desired = new LinkedHashMap<>(now);
    desired.remove("pending");
    desired.remove("versions");

    Plan p = planner.plan(List.of(new ResourceSpec(CONTENT, "eu-west-1", desired, Set.of())), State.empty().with(live),
        List.of(drift));

    // Nothing left to upload, but the publish still ends: it records the files and the release.
    assertThat(p.drift()).isEmpty();
    assertThat(p.changes().get(0).action()).isEqualTo(Action.UPDATE);
    assertThat(p.changes().get(0).reason()).hasValue(Planner.INTERRUPTED);
  }

  @Test
  void aFinishedPublishRecordsNothingInFlight() {
    Map<String, Object> done = content(Map.of("index.html", INDEX), Map.of());
    ResourceState live = new ResourceState(CONTENT.toString(), "site_content", "eu-west-1", "b", done, List.of());
    Map<String, Object> desired = new LinkedHashMap<>(done);
    desired.remove("pending");
    desired.remove("versions");

    Plan p = planner.plan(List.of(new ResourceSpec(CONTENT, "eu-west-1", desired, Set.of())), State.empty().with(live),
        List.of());

    assertThat(p.changes().get(0).action()).isEqualTo(Action.NO_OP);
    assertThat(p.changes().get(0).reason()).isEmpty();
  }

  private static Map<String, Object> file(String md5) {
    return Map.of("md5", md5, "size", 3L, "content_type", "text/html", "cache_control", "");
  }

  private static Map<String, Object> content(Map<String, Object> files, Map<String, Object> pending) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("bucket", "b");
    a.put("delete", true);
    a.put("files", files);
    a.put("versions", Map.of());
    a.put("pending", pending);
    return a;
  }

  private static ResourceState removal(List<String> paths, List<String> strays, List<String> due) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("bucket", "b");
    a.put("paths", paths);
    a.put("keep_removed_seconds", 0L);
    a.put("removed", Map.of());
    a.put("due", due);
    a.put("strays", strays);
    return new ResourceState(REMOVAL.toString(), "site_content_removal", "eu-west-1", "b", a, List.of());
  }

  private static ResourceSpec removalSpec(List<String> paths) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("bucket", "b");
    a.put("paths", paths);
    a.put("keep_removed_seconds", 0L);
    a.put("due", List.of());
    a.put("strays", List.of());
    return new ResourceSpec(REMOVAL, "eu-west-1", a, Set.of());
  }
}
