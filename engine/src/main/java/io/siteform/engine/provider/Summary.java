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
 * @param reasons for entries that are maps, the fields whose difference says why an entry
 *     changed, in the order named, each with its name in the plan ({@code md5} is "content"); an
 *     entry the before value lacks is "new". Empty: changed entries are counted together
 * @param kept when the resource's attribute {@link Kept#attribute} holds {@link Kept#value}, the
 *     label of removed entries instead of {@code removed} (with {@code delete: false}, files gone
 *     locally stay in the bucket)
 */
public record Summary(String unit, String changed, String removed, Map<String, String> reasons, Optional<Kept> kept) {
  public Summary {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(changed, "changed");
    Objects.requireNonNull(removed, "removed");
    reasons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    Objects.requireNonNull(kept, "kept");
  }

  public Summary(String unit, String changed, String removed) {
    this(unit, changed, removed, Map.of(), Optional.empty());
  }

  /** This summary, saying why an entry changed by the first of {@code fieldAndName} (field, name, field, name...). */
  public Summary because(String... fieldAndName) {
    Map<String, String> r = new LinkedHashMap<>();
    for (int i = 0; i < fieldAndName.length; i += 2) r.put(fieldAndName[i], fieldAndName[i + 1]);
    return new Summary(unit, changed, removed, r, kept);
  }

  /** This summary, labelling removed entries {@code label} when the resource's {@code attribute} is {@code value}. */
  public Summary keptWhen(String attribute, Object value, String label) {
    return new Summary(unit, changed, removed, reasons, Optional.of(new Kept(attribute, value, label)));
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
