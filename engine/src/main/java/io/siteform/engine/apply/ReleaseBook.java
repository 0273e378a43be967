package io.siteform.engine.apply;

import io.siteform.engine.resource.ContentDigests;
import io.siteform.state.Release;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps the site's releases: every time {@code site_content} is recorded serving other object
 * versions than the latest release, that is a new release, written in the same state write. The
 * oldest are forgotten beyond {@code keep_releases} (the content's attribute, from the spec), and
 * only then may their object versions expire. Pure but for the clock.
 */
public final class ReleaseBook {
  static final String CONTENT_TYPE = "site_content";
  static final int DEFAULT_KEEP = io.siteform.engine.spec.ContentSpec.KEEP_RELEASES;

  private final Clock clock;
  private final long rollbackOf;

  /** @param rollbackOf the release a rollback puts back, 0 for a publish of the spec */
  public ReleaseBook(Clock clock, long rollbackOf) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rollbackOf = rollbackOf;
  }

  /** {@code state} with a release for {@code recorded} if it is site content serving something new. */
  public State record(State state, ResourceState recorded) {
    if (!recorded.type().equals(CONTENT_TYPE) || recorded.isCreating()) return state;
    // A publish part-way (its files in flight) serves nothing new yet: its release comes when it returns.
    if (io.siteform.engine.provider.Schemas.SITE_CONTENT.interrupted(recorded.attributes())) return state;
    Map<String, Release.File> files = files(recorded.attributes());
    if (files.isEmpty() && !(recorded.attributes().get("files") instanceof Map<?, ?> m && m.isEmpty())) return state;
    List<Release> releases = new ArrayList<>(state.releases());
    Release latest = releases.isEmpty() ? null : releases.get(releases.size() - 1);
    if (latest != null && latest.files().equals(files)) return state;
    Set<String> changed = new TreeSet<>();
    files.forEach((k, f) -> {
      if (latest == null || !f.equals(latest.files().get(k))) changed.add(k);
    });
    if (latest != null) latest.files().keySet().stream().filter(k -> !files.containsKey(k)).forEach(changed::add);
    Map<String, Object> digests = new TreeMap<>();
    files.forEach((k, f) -> digests.put(k, ContentDigests.file(f.md5(), f.contentType(), f.cacheControl())));
    long number = latest == null ? 1 : latest.number() + 1;
    releases.add(new Release(number, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
        ContentDigests.site(digests), changed.size(), rollbackOf, files));
    int keep = recorded.attributes().get("keep_releases") instanceof Number n ? Math.max(1, n.intValue()) : DEFAULT_KEEP;
    while (releases.size() > keep) releases.remove(0);
    return state.withReleases(releases);
  }

  /** The published files with the version id each was published as; keys without one are not restorable. */
  public static Map<String, Release.File> files(Map<String, Object> content) {
    Map<String, Release.File> out = new TreeMap<>();
    if (!(content.get("files") instanceof Map<?, ?> files) || !(content.get("versions") instanceof Map<?, ?> versions)) {
      return out;
    }
    files.forEach((k, v) -> {
      Object version = versions.get(k);
      if (version == null || !(v instanceof Map<?, ?> f)) return;
      out.put(String.valueOf(k), new Release.File(String.valueOf(version), String.valueOf(f.get("md5")),
          f.get("size") instanceof Number n ? n.longValue() : 0L,
          f.get("content_type") == null ? "" : String.valueOf(f.get("content_type")),
          f.get("cache_control") == null ? "" : String.valueOf(f.get("cache_control"))));
    });
    return out;
  }
}
