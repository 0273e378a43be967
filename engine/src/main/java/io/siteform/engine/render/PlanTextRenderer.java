package io.siteform.engine.render;

import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.AwsPrices;
import io.siteform.engine.plan.CostEstimate;
import io.siteform.engine.plan.EarlierInvalidations;
import io.siteform.engine.plan.Drift;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.Schemas;
import io.siteform.engine.provider.Summary;
import io.siteform.engine.resource.Ref;
import io.siteform.state.ResourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Renders a plan in Terraform's idiom: drift first, then one block per change with {@code +},
 * {@code ~}, {@code -}, {@code -/+} or {@code +/-}, {@code (known after apply)} for values AWS
 * assigns, {@code # forces replacement} on the attributes that force it, and the closing
 * {@code Plan: N to add, N to change, N to destroy.} line.
 */
public final class PlanTextRenderer {
  private static final Object UNKNOWN = new Object();
  /** How many keys of each kind of change a summarised attribute (see {@link Summary}) names. */
  private static final int FIRST_PATHS = 5;
  private final Style style;
  private final Function<String, ResourceSchema> schemas;

  /** A renderer of plans of the resource types in {@link Schemas}. */
  public PlanTextRenderer(Style style) {
    this(style, type -> Schemas.all().get(type));
  }

  /** @param schemas each type's schema (sets, summaries), or null for a type with none */
  public PlanTextRenderer(Style style, Function<String, ResourceSchema> schemas) {
    this.style = style;
    this.schemas = schemas;
  }

  private ResourceSchema schema(String type) {
    ResourceSchema s = schemas.apply(type);
    return s != null ? s : new ResourceSchema(type, Set.of(), Set.of(), false);
  }

  /**
   * What a plan compared, so that "No changes." claims no more than was checked.
   *
   * @param targeted only the {@code --target} resources and what they depend on
   * @param offline AWS was not read: state was taken as live
   */
  public record Scope(boolean targeted, boolean offline) {
    /** The whole spec against AWS. */
    public static final Scope WHOLE = new Scope(false, false);

    /** {@link #noChanges()}, or for a destroy plan that nothing is left to destroy. */
    String[] noChanges(Plan plan) {
      return plan.destroy() ? new String[] {"No changes.", " No objects need to be destroyed."} : noChanges();
    }

    /** The no-changes line's opening (printed bold) and the rest, claiming only what was compared. */
    String[] noChanges() {
      if (!targeted && !offline) return new String[] {"No changes.", " The site matches the spec: siteform has nothing to do."};
      String head = "No changes" + (targeted ? " in the targeted resources" : "")
          + (offline ? " (offline: state taken as live, AWS not read)." : ".");
      return new String[] {head, targeted ? " Resources outside --target were not compared." : ""};
    }
  }

  /** A plan of the whole spec against AWS. */
  public String render(Plan plan) {
    return render(plan, Scope.WHOLE);
  }

  public String render(Plan plan, Scope scope) {
    StringBuilder out = new StringBuilder();
    if (!plan.drift().isEmpty()) {
      out.append(renderDrift(plan.drift())).append('\n');
    }
    if (!plan.hasChanges()) {
      String[] line = scope.noChanges(plan);
      out.append(style.green(style.bold(line[0]))).append(line[1]).append('\n');
      if (!plan.destroy()) publishPhases(out, plan);
      return out.toString();
    }
    out.append("siteform will perform the following actions:\n");
    for (ResourceChange c : plan.actions()) {
      out.append('\n');
      renderChange(out, c);
    }
    Plan.Summary s = plan.summary();
    out.append('\n').append(style.bold("Plan:")).append(' ')
        .append(s.add()).append(" to add, ")
        .append(s.change()).append(" to change, ")
        .append(s.destroy()).append(" to destroy.\n");
    publishPhases(out, plan);
    for (String w : io.siteform.engine.plan.ContentWarnings.of(plan)) {
      out.append('\n').append(style.yellow(style.bold("Warning:"))).append(' ').append(w).append('\n');
    }
    plan.costEstimate().ifPresent(e -> costEstimate(out, e));
    out.append(renderConflicts(plan));
    return out.toString();
  }

  /** The publish's phases in the order apply runs them, if the plan publishes or deletes files. */
  private void publishPhases(StringBuilder out, Plan plan) {
    io.siteform.engine.plan.PublishPhases.of(plan).ifPresent(p -> {
      if (p.acts()) out.append(style.bold("Publish:")).append(' ').append(p.line()).append(".\n");
      else if (p.kept() > 0) out.append("Removed files: ").append(p.keptLine()).append(", for open pages; a later apply deletes them.\n");
    });
  }

  /** What the apply costs where AWS bills per request or byte, with the prices used and their source. */
  private void costEstimate(StringBuilder out, CostEstimate e) {
    out.append('\n').append(style.bold("Cost estimate:"))
        .append(" what this apply adds to the AWS bill beyond the free tier, where AWS bills per request\n");
    java.util.EnumSet<AwsPrices> used = java.util.EnumSet.noneOf(AwsPrices.class);
    if (e.invalidationPaths() > 0) {
      used.add(AwsPrices.INVALIDATION_PATH);
      out.append("  CloudFront invalidation paths: ").append(e.invalidationPaths()).append(" by this apply");
      String free = String.format(java.util.Locale.ROOT, "%,d", AwsPrices.FREE_INVALIDATION_PATHS);
      if (e.earlier() instanceof EarlierInvalidations.Counted c) {
        out.append(" + ").append(c.paths()).append(" earlier in ").append(c.month()).append(" (UTC, ")
            .append(c.invalidations()).append(" invalidation").append(c.invalidations() == 1 ? "" : "s").append(") = ")
            .append(e.pathsThisMonth()).append(" of the ").append(free).append(" free a month: ");
      } else if (e.earlier() instanceof EarlierInvalidations.NotCounted n) {
        out.append(", earlier ones this month not counted (").append(n.why()).append("), ").append(free)
            .append(" free a month: at least ");
      } else {
        out.append(", none earlier (a new distribution) = ").append(e.pathsThisMonth()).append(" of the ").append(free)
            .append(" free a month: ");
      }
      out.append(CostEstimate.dollars(e.invalidationCost())).append('\n');
      String whose = e.earlier() instanceof EarlierInvalidations.Counted c
          ? "distribution " + c.distributionId() + "'s" : "this distribution's";
      out.append("    (counts ").append(whose).append(" paths only: the free paths are per AWS account, across all its distributions)\n");
    }
    if (e.primaryWrites() > 0) {
      used.add(AwsPrices.S3_WRITE_REQUESTS);
      for (var r : e.replication()) {
        used.add(AwsPrices.INTER_REGION_TRANSFER);
        out.append("  Replicated to ").append(r.region()).append(": ").append(r.objects()).append(" object")
            .append(r.objects() == 1 ? "" : "s").append(", ").append(CostEstimate.size(r.bytes()))
            .append(": ").append(CostEstimate.dollars(r.transferCost())).append('\n');
      }
      out.append("  S3 PUT/COPY requests: ").append(e.primaryWrites()).append(" to the primary");
      if (e.replicationWrites() > 0) out.append(" + ").append(e.replicationWrites()).append(" by replication");
      out.append(" = ").append(e.requests()).append(": ").append(CostEstimate.dollars(e.requestCost()))
          .append('\n');
    }
    out.append("  Estimated total: ").append(e.earlierCounted() || e.invalidationPaths() == 0 ? "" : "at least ")
        .append(CostEstimate.dollars(e.total()))
        .append(" (storage and serving not included)\n");
    out.append("  Prices used (list prices read ").append(AwsPrices.READ).append("):\n");
    for (var p : used) {
      out.append("    $").append(p.usd.toPlainString()).append(" per ").append(p.unit).append(": ").append(p.item)
          .append(", ").append(p.source).append('\n');
    }
  }

  /** Why the plan cannot be applied, if objects made outside siteform are in the way; else "". */
  public String renderConflicts(Plan plan) {
    if (plan.conflicts().isEmpty()) return "";
    StringBuilder out = new StringBuilder("\n");
    out.append(style.red(style.bold("This plan cannot be applied:"))).append(
        " objects siteform did not create hold the names it would create, and siteform never overwrites them.\n");
    for (var c : plan.conflicts()) out.append("  - ").append(c.message()).append('\n');
    return out.toString();
  }

  /** What drift reports when state holds nothing: there is nothing to compare AWS with. */
  public static final String NOTHING_APPLIED = "Nothing is applied yet: no drift to detect.";

  /**
   * How a refresh-only plan ends: what it found and what happens next. Applying puts back what
   * the spec says; to keep a change made outside siteform, the spec must say it first.
   *
   * @param recordedNothing state holds no resource
   */
  public String renderRefreshOnly(List<Drift> drift, boolean recordedNothing, boolean offline) {
    if (recordedNothing) return NOTHING_APPLIED + "\n";
    if (offline) {
      return style.bold("Drift not checked") + " (offline: state taken as live, AWS not read).\n";
    }
    if (drift.isEmpty()) return style.green(style.bold("No changes.")) + " Nothing has changed outside of siteform.\n";
    return renderDrift(drift) + "\nThis is a refresh-only plan: siteform changed nothing, in AWS or in state."
        + " Applying brings the site back to the spec and updates the state to match AWS: run `siteform plan` to"
        + " see how, then `siteform apply`. To keep a change made outside siteform instead, write it into the spec"
        + " first.\n";
  }

  /** The "Objects have changed outside of siteform" section. */
  public String renderDrift(List<Drift> drift) {
    StringBuilder out = new StringBuilder();
    out.append(style.bold("Objects have changed outside of siteform")).append("\n\n");
    out.append("siteform detected the following changes made outside of siteform since the last apply:\n");
    for (Drift d : drift) {
      out.append('\n');
      String addr = d.address().toString();
      if (d.action() == Action.DELETE) {
        out.append("  # ").append(style.bold(addr)).append(" has been deleted\n");
        block(out, Action.DELETE, d.address().type(), d.address().name(), withMeta(d.recorded()), null,
            Set.of(), true);
      } else {
        out.append("  # ").append(style.bold(addr)).append(" has changed\n");
        block(out, Action.UPDATE, d.address().type(), d.address().name(), withMeta(d.recorded()),
            withMeta(d.live().orElseThrow()), Set.of(), true);
      }
    }
    return out.toString();
  }

  private static Map<String, Object> withMeta(ResourceState s) {
    Map<String, Object> m = new TreeMap<>(s.attributes());
    m.put("id", s.id());
    m.put("region", s.region());
    return m;
  }

  private void renderChange(StringBuilder out, ResourceChange c) {
    String addr = style.bold(c.address().toString());
    String what = fate(c.action());
    out.append("  # ").append(addr).append(' ').append(what);
    // A create's reason is a note on what it does (resuming an interrupted one), not a cause.
    if (c.action() == Action.CREATE) c.reason().ifPresent(r -> out.append(" (").append(r).append(')'));
    out.append('\n');
    if (c.action() != Action.CREATE) c.reason().ifPresent(r -> out.append("  # (because ").append(r).append(")\n"));
    Map<String, Object> before = c.prior().map(PlanTextRenderer::withMeta).orElse(null);
    Map<String, Object> after = null;
    if (c.action() != Action.DELETE) {
      after = new TreeMap<>(c.after());
      after.put("region", c.region());
      for (String k : c.unknownComputed()) after.put(k, UNKNOWN);
      after.put("id", c.action() == Action.UPDATE ? c.prior().orElseThrow().id() : UNKNOWN);
      if (before != null && c.action().isReplace()) {
        // The replacement's own computed values are unknown; attributes the spec no longer sets go.
        for (String k : before.keySet()) after.putIfAbsent(k, UNKNOWN);
      }
    }
    Set<String> replace = new TreeSet<>(c.replacePaths());
    block(out, c.action(), c.address().type(), c.address().name(), before, after, replace, false);
  }

  private void block(StringBuilder out, Action action, String type, String name,
      Map<String, Object> before, Map<String, Object> after, Set<String> replace, boolean drift) {
    out.append("  ").append(sym(action)).append(" resource \"").append(type).append("\" \"")
        .append(name).append("\" {\n");
    int hidden = body(out, 6, action, before, after, replace, schema(type), "", drift);
    if (hidden > 0) {
      out.append(" ".repeat(8)).append(style.dim("# (" + hidden + " unchanged attribute"
          + (hidden == 1 ? "" : "s") + " hidden)")).append('\n');
    }
    out.append("    }\n");
  }

  /**
   * Renders the attributes of one level, {@code prefix} their path (see {@link ResourceSchema#sets};
   * "" at the top), {@code drift} whether they changed outside siteform rather than in a plan;
   * returns how many unchanged ones it hid.
   */
  private int body(StringBuilder out, int indent, Action action,
      Map<String, Object> before, Map<String, Object> after, Set<String> replace, ResourceSchema schema,
      String prefix, boolean drift) {
    Set<String> keys = new TreeSet<>();
    if (before != null) keys.addAll(before.keySet());
    if (after != null) keys.addAll(after.keySet());
    List<String> shown = new ArrayList<>();
    int hidden = 0;
    if (prefix.isEmpty() && !schema.once().isEmpty()) {
      // One apply's work is not compared with what an earlier apply did: shown when there is some.
      Map<String, Object> b = before == null ? null : new TreeMap<>(before);
      Map<String, Object> a = after == null ? null : new TreeMap<>(after);
      for (String k : schema.once()) {
        if (b != null) b.remove(k);
        if (a != null && !ResourceSchema.asksForWork(a.get(k))) a.remove(k);
      }
      before = b;
      after = a;
      keys.retainAll(union(before, after));
    }
    for (String k : keys) {
      Object b = before == null ? null : before.get(k);
      Object a = after == null ? null : after.get(k);
      boolean changing = before != null && after != null;
      if (changing && schema.same(path(prefix, k), a, b) && !k.equals("id")) {
        hidden++;
      } else {
        shown.add(k);
      }
    }
    int width = shown.stream().mapToInt(k -> key(k, indent).length()).max().orElse(0);
    for (String k : shown) {
      Object b = before == null ? null : before.get(k);
      Object a = after == null ? null : after.get(k);
      Summary summary = prefix.isEmpty() ? schema.summaries().get(k) : null;
      if (summary != null && drift) summary = summary.asDrift();
      if (summary != null && (a instanceof Map<?, ?> || b instanceof Map<?, ?> || a instanceof List<?>
          || b instanceof List<?>)) {
        summarised(out, " ".repeat(indent), String.format("%-" + width + "s", key(k, indent)), summary,
            summary.removedLabel(after), before == null ? null : keyed(b), after == null ? null : keyed(a));
        continue;
      }
      attribute(out, indent, width, k, b, a, before == null, after == null, replace.contains(k), schema,
          path(prefix, k));
    }
    return hidden;
  }

  private static Set<String> union(Map<String, Object> a, Map<String, Object> b) {
    Set<String> out = new TreeSet<>();
    if (a != null) out.addAll(a.keySet());
    if (b != null) out.addAll(b.keySet());
    return out;
  }

  private static String path(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  private void attribute(StringBuilder out, int indent, int width, String k, Object b, Object a,
      boolean creating, boolean deleting, boolean forces, ResourceSchema schema, String path) {
    String pad = " ".repeat(indent);
    String name = String.format("%-" + width + "s", key(k, indent));
    String note = forces ? style.red(" # forces replacement") : "";
    if (creating || (b == null && a != null)) {
      out.append(pad).append(style.green("+")).append(' ').append(name).append(" = ");
      value(out, indent, "+", a);
      out.append(note).append('\n');
    } else if (deleting || a == null) {
      out.append(pad).append(style.red("-")).append(' ').append(name).append(" = ");
      value(out, indent, "-", b);
      out.append(" -> null").append(note).append('\n');
    } else if (schema.same(path, a, b)) {
      out.append(pad).append("  ").append(name).append(" = ");
      value(out, indent, " ", a);
      out.append('\n');
    } else if (a instanceof String as && b instanceof String bs && (as.contains("\n") || bs.contains("\n"))) {
      out.append(pad).append(style.yellow("~")).append(' ').append(name).append(" = <<-EOT").append(note).append('\n');
      lineDiff(out, pad + "    ", bs, as);
      out.append(pad).append("    EOT\n");
    } else if (a instanceof Map<?, ?> am && b instanceof Map<?, ?> bm) {
      out.append(pad).append(style.yellow("~")).append(' ').append(name).append(" = {").append(note).append('\n');
      int hidden = body(out, indent + 4, Action.UPDATE, strings(bm), strings(am), Set.of(), schema, path, false);
      if (hidden > 0) {
        out.append(" ".repeat(indent + 6)).append(style.dim("# (" + hidden + " unchanged element"
            + (hidden == 1 ? "" : "s") + " hidden)")).append('\n');
      }
      out.append(pad).append("  }\n");
    } else if (a instanceof List<?> al && b instanceof List<?> bl && schema.isSet(path)) {
      out.append(pad).append(style.yellow("~")).append(' ').append(name).append(" = [").append(note).append('\n');
      setDiff(out, indent, (List<?>) schema.normalised(path, bl), (List<?>) schema.normalised(path, al));
      out.append(pad).append("  ]\n");
    } else if (a instanceof List<?> al && b instanceof List<?> bl) {
      out.append(pad).append(style.yellow("~")).append(' ').append(name).append(" = [").append(note).append('\n');
      String inner = " ".repeat(indent + 4);
      for (int i = 0; i < Math.max(al.size(), bl.size()); i++) {
        Object bi = i < bl.size() ? bl.get(i) : null;
        Object ai = i < al.size() ? al.get(i) : null;
        if (schema.same(path + "[]", ai, bi)) continue;
        if (ai instanceof Map<?, ?> am2 && bi instanceof Map<?, ?> bm2) {
          out.append(inner).append(style.yellow("~")).append(" {\n");
          int hidden = body(out, indent + 8, Action.UPDATE, strings(bm2), strings(am2), Set.of(), schema, path + "[]", false);
          if (hidden > 0) {
            out.append(" ".repeat(indent + 10)).append(style.dim("# (" + hidden + " unchanged element"
                + (hidden == 1 ? "" : "s") + " hidden)")).append('\n');
          }
          out.append(inner).append("  },\n");
          continue;
        }
        if (bi != null) {
          out.append(inner).append(style.red("-")).append(' ');
          value(out, indent + 4, "-", bi);
          out.append(",\n");
        }
        if (ai != null) {
          out.append(inner).append(style.green("+")).append(' ');
          value(out, indent + 4, "+", ai);
          out.append(",\n");
        }
      }
      out.append(pad).append("  ]\n");
    } else {
      out.append(pad).append(style.yellow("~")).append(' ').append(name).append(" = ");
      value(out, indent, "~", b);
      out.append(" -> ");
      value(out, indent, "~", a);
      out.append(note).append('\n');
    }
  }

  /** A set's change as Terraform shows one: the elements removed, those added, the rest counted. */
  private void setDiff(StringBuilder out, int indent, List<?> before, List<?> after) {
    String inner = " ".repeat(indent + 4);
    int same = 0;
    for (Object x : before) {
      if (after.contains(x)) {
        same++;
        continue;
      }
      out.append(inner).append(style.red("-")).append(' ');
      value(out, indent + 4, "-", x);
      out.append(",\n");
    }
    for (Object x : after) {
      if (before.contains(x)) continue;
      out.append(inner).append(style.green("+")).append(' ');
      value(out, indent + 4, "+", x);
      out.append(",\n");
    }
    if (same > 0) {
      out.append(inner).append("  ").append(style.dim("# (" + same + " unchanged element" + (same == 1 ? "" : "s")
          + " hidden)")).append('\n');
    }
  }

  /** A summarised list (a set of names) as the map of its elements, so it summarises as a map does. */
  private static Object keyed(Object v) {
    if (!(v instanceof List<?> list)) return v;
    Map<String, Object> m = new TreeMap<>();
    list.forEach(e -> m.put(String.valueOf(e), ""));
    return m;
  }

  /** A summarised map attribute: counts and the first keys of each kind of change. */
  private void summarised(StringBuilder out, String pad, String name, Summary summary, String removedLabel,
      Object b, Object a) {
    Map<?, ?> before = b instanceof Map<?, ?> m ? m : Map.of();
    if (a == UNKNOWN || a instanceof Ref) {
      out.append(pad).append(style.yellow("~")).append(' ').append(name).append(" = ")
          .append(summary.count(before.size())).append(" -> ").append(style.dim("(known after apply)")).append('\n');
      return;
    }
    Map<?, ?> after = a instanceof Map<?, ?> m ? m : Map.of();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (Map.Entry<?, ?> e : new TreeMap<>(strings(after)).entrySet()) {
      if (!Objects.equals(e.getValue(), before.get(e.getKey()))) changed.add(e.getKey().toString());
    }
    for (Object key : new TreeSet<>(strings(before).keySet())) if (!after.containsKey(key)) removed.add(key.toString());
    if (b == null || a == null) {
      String sym = b == null ? "+" : "-";
      Map<?, ?> all = b == null ? after : before;
      out.append(pad).append(colour(sym)).append(' ').append(name).append(" = ").append(summary.count(all.size()))
          .append(firstPaths(new ArrayList<>(new TreeSet<>(strings(all).keySet())))).append('\n');
      return;
    }
    out.append(pad).append(style.yellow("~")).append(' ').append(name).append(" = {\n");
    String inner = pad + "    ";
    // Grouped by why, as the comparison of each entry says: not there yet, then by what differs.
    Map<Integer, String> reasons = new TreeMap<>();
    Map<Integer, List<String>> byReason = new TreeMap<>();
    for (String key : changed) {
      int rank = summary.rank(before.get(key), after.get(key));
      reasons.put(rank, summary.reason(before.get(key), after.get(key)));
      byReason.computeIfAbsent(rank, x -> new ArrayList<>()).add(key);
    }
    byReason.forEach((rank, keys) -> {
      String why = reasons.get(rank);
      out.append(inner).append(colour("+")).append(' ').append(keys.size()).append(' ').append(summary.changed())
          .append(why.isEmpty() ? "" : ", " + why).append(firstPaths(keys)).append('\n');
    });
    if (!removed.isEmpty()) {
      out.append(inner).append(colour("-")).append(' ').append(removed.size()).append(' ').append(removedLabel)
          .append(firstPaths(removed)).append('\n');
    }
    int unchanged = after.size() - changed.size();
    out.append(inner).append("  ").append(style.dim(unchanged + " unchanged")).append('\n');
    out.append(pad).append("  }\n");
  }

  private static String firstPaths(List<String> paths) {
    if (paths.isEmpty()) return "";
    StringBuilder b = new StringBuilder(": ");
    for (int i = 0; i < Math.min(FIRST_PATHS, paths.size()); i++) {
      if (i > 0) b.append(", ");
      b.append(quote(paths.get(i)));
    }
    if (paths.size() > FIRST_PATHS) b.append(" and ").append(paths.size() - FIRST_PATHS).append(" more");
    return b.toString();
  }

  private static Map<String, Object> strings(Map<?, ?> m) {
    return ValuePrinter.strings(m);
  }

  /** A value; maps and lists span lines, each entry marked with {@code sym}. */
  private void value(StringBuilder out, int indent, String sym, Object v) {
    new ValuePrinter(colour(sym) + " ", 2, x -> x == UNKNOWN || x instanceof Ref ? style.dim("(known after apply)") : null)
        .value(out, indent + 2, v);
  }


  /** The lines {@code after} removes from and adds to {@code before} (a longest common subsequence), the rest counted. */
  private void lineDiff(StringBuilder out, String pad, String before, String after) {
    List<String> b = ValuePrinter.lines(before);
    List<String> a = ValuePrinter.lines(after);
    int[][] lcs = new int[b.size() + 1][a.size() + 1];
    for (int i = b.size() - 1; i >= 0; i--) {
      for (int j = a.size() - 1; j >= 0; j--) {
        lcs[i][j] = b.get(i).equals(a.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    int same = 0;
    while (i < b.size() || j < a.size()) {
      if (i < b.size() && j < a.size() && b.get(i).equals(a.get(j))) {
        same++;
        i++;
        j++;
      } else if (i < b.size() && (j == a.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.append(pad).append(style.red("-")).append(' ').append(b.get(i++)).append('\n');
      } else {
        out.append(pad).append(style.green("+")).append(' ').append(a.get(j++)).append('\n');
      }
    }
    if (same > 0) {
      out.append(pad).append(style.dim("# (" + same + " unchanged line" + (same == 1 ? "" : "s") + " hidden)")).append('\n');
    }
  }

  private String colour(String sym) {
    return switch (sym) {
      case "+" -> style.green(sym);
      case "-" -> style.red(sym);
      case "~" -> style.yellow(sym);
      default -> sym;
    };
  }

  /** What happens to a resource: "will be created", "must be replaced". */
  static String fate(Action a) {
    return switch (a) {
      case CREATE -> "will be created";
      case UPDATE -> "will be updated in-place";
      case DELETE -> "will be destroyed";
      case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> "must be replaced";
      case NO_OP -> "is unchanged";
    };
  }

  /** Terraform's symbol of an action, in this renderer's style: "+", "-/+". */
  String sym(Action a) {
    return switch (a) {
      case CREATE -> style.green("+");
      case DELETE -> style.red("-");
      case UPDATE -> style.yellow("~");
      case DELETE_THEN_CREATE -> style.red("-") + "/" + style.green("+");
      case CREATE_THEN_DELETE -> style.green("+") + "/" + style.red("-");
      case NO_OP -> " ";
    };
  }

  /** Top-level attribute names are bare; nested keys are quoted unless plain identifiers. */
  private static String key(String k, int indent) {
    return ValuePrinter.key(k, indent <= 6);
  }

  private static String quote(String s) {
    return ValuePrinter.quote(s);
  }
}
