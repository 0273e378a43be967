package io.siteform.engine.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a plan shows a map attribute of many entries (a site's files, path to description): as
 * counts and the first keys of each kind of change, as {@code aws s3 sync --dryrun} users expect,
 * never every entry.
 *
 * @param unit what one entry is, in the singular ({@code file}); the plural adds an "s"
 * @param changed what happens to an entry added or changed ({@code to upload})
 * @param removed what happens to an entry removed ({@code to delete})
 * @param absent why an entry the before value lacks is added ("not in the bucket"), or "" to
 *     count it with the other changed entries
 * @param reasons for entries that are maps, the fields whose difference says why an entry
 *     changed, in the order named, each with its name in the plan ({@code md5} is "content").
 *     Empty: changed entries are counted together
 * @param kept when the resource's attribute {@link Kept#attribute} holds {@link Kept#value}, the
 *     label of removed entries instead of {@code removed} (with {@code delete: false}, files gone
 *     locally stay in the bucket)
 */
public record Summary(String unit, String changed, String removed, String absent, Map<String, String> reasons,
    Optional<Kept> kept) {
  public Summary {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(changed, "changed");
    Objects.requireNonNull(removed, "removed");
    Objects.requireNonNull(absent, "absent");
    reasons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    Objects.requireNonNull(kept, "kept");
  }

  public Summary(String unit, String changed, String removed) {
    this(unit, changed, removed, "", Map.of(), Optional.empty());
  }

  /**
   * This summary, saying why each entry changed: {@code absent} for one the before value lacks,
   * else the names of the fields that differ, given as {@code field, name, field, name...}.
   */
  public Summary because(String absent, String... fieldAndName) {
    Map<String, String> r = new LinkedHashMap<>();
    for (int i = 0; i < fieldAndName.length; i += 2) r.put(fieldAndName[i], fieldAndName[i + 1]);
    return new Summary(unit, changed, removed, absent, r, kept);
  }

  /** The summary of a change made outside siteform: entries changed or deleted, no plan's words. */
  public Summary asDrift() {
    return new Summary(unit, "changed", "deleted");
  }

  /**
   * Where reasons of {@link #reason} sort: the absent first, then by the fields that differ, in
   * the order {@link #reasons} names them.
   */
  public int rank(Object before, Object after) {
    if (before == null) return 0;
    if (!(before instanceof Map<?, ?> b) || !(after instanceof Map<?, ?> a)) return Integer.MAX_VALUE;
    int rank = 0;
    int bit = 1;
    for (String field : reasons.keySet()) {
      if (!Objects.equals(b.get(field), a.get(field))) rank |= bit;
      bit <<= 1;
    }
    return rank == 0 ? Integer.MAX_VALUE : rank;
  }

  /**
   * Why {@code after} differs from {@code before}, from the comparison of the two: "" when no
   * reason is declared or none of the declared fields differs, {@link #absent} for an entry
   * {@code before} lacks, else the fields that differ ("content and Cache-Control changed").
   */
  public String reason(Object before, Object after) {
    if (before == null) return absent;
    if (!(before instanceof Map<?, ?> b) || !(after instanceof Map<?, ?> a)) return "";
    java.util.List<String> differ = new java.util.ArrayList<>();
    reasons.forEach((field, name) -> {
      if (!Objects.equals(b.get(field), a.get(field))) differ.add(name);
    });
    if (differ.isEmpty()) return "";
    String names = differ.size() == 1 ? differ.get(0)
        : String.join(", ", differ.subList(0, differ.size() - 1)) + " and " + differ.get(differ.size() - 1);
    return names + " changed";
  }

  /** This summary, labelling removed entries {@code label} when the resource's {@code attribute} is {@code value}. */
  public Summary keptWhen(String attribute, Object value, String label) {
    return new Summary(unit, changed, removed, absent, reasons, Optional.of(new Kept(attribute, value, label)));
  }

  /** The label of removed entries for a resource whose desired attributes are {@code after}. */
  public String removedLabel(Map<String, Object> after) {
    return kept.filter(k -> after != null && k.value().equals(after.get(k.attribute()))).map(Kept::removed)
        .orElse(removed);
  }

  /** {@code n} entries: "1 file", "2 files". */
  public String count(int n) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  /** When {@code attribute} holds {@code value}, removed entries are {@code removed}. */
  public record Kept(String attribute, Object value, String removed) {
    public Kept {
      Objects.requireNonNull(attribute, "attribute");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(removed, "removed");
    }
  }
}
