package io.siteform.engine.plan;

import io.siteform.engine.resource.ContentDigests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a plan's publish does, phase by phase, in the order apply runs them: the new and changed
 * files that are not pages, then the pages, then the invalidation, then the deletes of files that
 * left the site (and how many stay for their grace period, and until when). Pure: read from the
 * changes of {@code site_content}, {@code cloudfront_invalidation} and {@code site_content_removal}.
 *
 * @param assets files other than pages to upload; -1 when not known before apply
 * @param pages pages to upload; -1 when not known
 * @param invalidated paths to invalidate ({@link InvalidationPaths}); -1 for everything ({@code /*})
 * @param deleted files deleted by this apply
 * @param kept files removed from the site earlier that stay, for now
 * @param keptUntil when the last of those may go
 * @param removing files this apply removes from the site and keeps for their grace period
 * @param keptFor that grace period (their end depends on when the apply runs)
 */
public record PublishPhases(int assets, int pages, int invalidated, int deleted, int kept,
    Optional<Instant> keptUntil, int removing, Optional<java.time.Duration> keptFor) {
  public PublishPhases {
    Objects.requireNonNull(keptUntil, "keptUntil");
    Objects.requireNonNull(keptFor, "keptFor");
  }

  /** The phases of {@code plan}'s publish, or empty if it publishes and deletes nothing. */
  public static Optional<PublishPhases> of(Plan plan) {
    ResourceChange content = null;
    ResourceChange invalidation = null;
    ResourceChange removal = null;
    for (ResourceChange c : plan.changes()) {
      if (c.desired().isEmpty() || (c.action() == Action.NO_OP && !c.address().type().equals("site_content_removal"))) {
        continue;
      }
      switch (c.address().type()) {
        case "site_content" -> content = c;
        case "cloudfront_invalidation" -> invalidation = c;
        case "site_content_removal" -> removal = c;
        default -> { }
      }
    }
    if (content == null && removal == null) return Optional.empty();
    int assets = 0;
    int pages = 0;
    if (content != null) {
      Optional<Map<String, Map<?, ?>>> written = written(content);
      if (written.isPresent()) {
        for (Map.Entry<String, Map<?, ?>> e : written.get().entrySet()) {
          if (ContentDigests.page(e.getKey(), String.valueOf(e.getValue().get("content_type")))) pages++;
          else assets++;
        }
      } else {
        assets = -1;
        pages = -1;
      }
    }
    int invalidated = 0;
    if (invalidation != null) {
      List<String> paths = InvalidationPaths.of(invalidation);
      invalidated = paths.equals(InvalidationPaths.EVERYTHING) ? -1 : paths.size();
    }
    int deleted = 0;
    int kept = 0;
    int removing = 0;
    Optional<Instant> until = Optional.empty();
    Optional<java.time.Duration> keptFor = Optional.empty();
    if (removal != null) {
      Map<String, Object> live = removal.before();
      long keepSeconds = removal.after().get("keep_removed_seconds") instanceof Number n ? n.longValue() : 0;
      Set<String> due = new TreeSet<>(strings(live.get("due")));
      Set<String> site = new TreeSet<>(strings(removal.after().get("paths")));
      Set<String> leaving = new TreeSet<>(strings(live.get("paths")));
      leaving.removeAll(site);
      leaving.addAll(strings(live.get("strays")));
      Map<?, ?> removed = map(live.get("removed"));
      List<Instant> ends = new ArrayList<>();
      for (Map.Entry<?, ?> e : removed.entrySet()) {
        String k = String.valueOf(e.getKey());
        if (site.contains(k) || due.contains(k)) continue;
        Instant end = Instant.parse(String.valueOf(e.getValue())).plusSeconds(keepSeconds);
        leaving.remove(k);
        kept++;
        ends.add(end);
      }
      due.removeAll(site);
      deleted = due.size();
      if (keepSeconds == 0) {
        deleted += leaving.size();
      } else if (!leaving.isEmpty()) {
        removing = leaving.size();
        keptFor = Optional.of(java.time.Duration.ofSeconds(keepSeconds));
      }
      until = ends.stream().max(Instant::compareTo);
    }
    return Optional.of(new PublishPhases(assets, pages, invalidated, deleted, kept, until, removing, keptFor));
  }

  /**
   * The files {@code content} (a {@code site_content} change) writes to the primary bucket, each
   * key with its entry ({@code md5, size, content_type, cache_control}): those whose entry differs
   * from the recorded one, restored objects included; empty when the files are not known before
   * apply.
   */
  public static Optional<Map<String, Map<?, ?>>> written(ResourceChange content) {
    if (content.action() == Action.DELETE || content.action() == Action.NO_OP) return Optional.of(Map.of());
    if (!(content.after().get("files") instanceof Map<?, ?> want)) return Optional.empty();
    Map<?, ?> had = content.action().creates() ? Map.of() : map(content.before().get("files"));
    Map<String, Map<?, ?>> out = new java.util.TreeMap<>();
    for (Map.Entry<?, ?> e : want.entrySet()) {
      if (!Objects.equals(e.getValue(), had.get(e.getKey()))) out.put(String.valueOf(e.getKey()), map(e.getValue()));
    }
    return Optional.of(out);
  }

  /** Whether the publish writes or deletes anything. */
  public boolean acts() {
    return assets != 0 || pages != 0 || invalidated != 0 || deleted != 0 || removing != 0;
  }

  /** "upload 12 assets, then 3 pages, invalidate 3 paths, delete 0 (2 kept until ...)". */
  public String line() {
    StringBuilder b = new StringBuilder();
    if (assets < 0) b.append("upload the changed files (known after the files are read), assets first, then pages");
    else b.append("upload ").append(count(assets, "asset")).append(", then ").append(count(pages, "page"));
    b.append(", invalidate ").append(invalidated < 0 ? "everything (/*)" : count(invalidated, "path"));
    b.append(", delete ").append(deleted);
    if (kept + removing > 0) b.append(" (").append(keptLine()).append(')');
    return b.toString();
  }

  /** "2 kept until 2025-01-02T10:00:00Z", "1 kept for 24h": the removed files that stay, and how long. */
  public String keptLine() {
    List<String> parts = new ArrayList<>();
    if (kept > 0) parts.add(kept + " kept until " + keptUntil.map(Instant::toString).orElse("(unknown)"));
    if (removing > 0) parts.add(removing + " kept for " + keptFor.map(PublishPhases::human).orElse("(unknown)"));
    return String.join(", ", parts);
  }

  /** 24h, 90m, 45s: as the spec writes keep_removed. */
  private static String human(java.time.Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0) return s / 3600 + "h";
    if (s % 60 == 0) return s / 60 + "m";
    return s + "s";
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static Map<?, ?> map(Object v) {
    return v instanceof Map<?, ?> m ? m : Map.of();
  }

  private static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) l.forEach(x -> out.add(String.valueOf(x)));
    return out;
  }
}
