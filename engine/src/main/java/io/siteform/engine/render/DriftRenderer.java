package io.siteform.engine.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.Drift;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Drift reports for CI: one row per attribute that changed outside siteform (resource,
 * attribute, recorded, live), as a Markdown table fit for a job summary, as JSON, or as text.
 */
public final class DriftRenderer {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final ObjectMapper COMPACT = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** One changed attribute: {@code path} is dotted into maps and indexed into lists; null means absent. */
  public record Row(String address, String path, Object recorded, Object live) {}

  /** The changed leaves of every drift, sorted by address then path. */
  public static List<Row> rows(List<Drift> drift) {
    List<Row> out = new ArrayList<>();
    for (Drift d : drift) {
      String address = d.address().toString();
      if (d.action() == Action.DELETE) {
        out.add(new Row(address, "(object)", "exists (id " + d.recorded().id() + ")", "deleted"));
        continue;
      }
      Map<String, Object> live = d.live().orElseThrow().attributes();
      for (String k : new TreeSet<>(d.changedPaths())) {
        diff(address, k, d.recorded().attributes().get(k), live.get(k), out);
      }
    }
    return out;
  }

  private static void diff(String address, String path, Object recorded, Object live, List<Row> out) {
    if (Objects.equals(recorded, live)) return;
    if (recorded instanceof Map<?, ?> rm && live instanceof Map<?, ?> lm) {
      TreeSet<String> keys = new TreeSet<>();
      rm.keySet().forEach(k -> keys.add(String.valueOf(k)));
      lm.keySet().forEach(k -> keys.add(String.valueOf(k)));
      for (String k : keys) diff(address, path + "." + k, rm.get(k), lm.get(k), out);
      return;
    }
    if (recorded instanceof List<?> rl && live instanceof List<?> ll && rl.size() == ll.size()) {
      for (int i = 0; i < rl.size(); i++) diff(address, path + "[" + i + "]", rl.get(i), ll.get(i), out);
      return;
    }
    out.add(new Row(address, path, recorded, live));
  }

  /** As {@link #markdown(List)}, saying so when state records nothing to compare AWS with. */
  public String markdown(List<Drift> drift, boolean nothingApplied) {
    return nothingApplied ? "### siteform drift\n\n" + PlanTextRenderer.NOTHING_APPLIED + "\n" : markdown(drift);
  }

  public String markdown(List<Drift> drift) {
    StringBuilder b = new StringBuilder();
    List<Row> rows = rows(drift);
    if (rows.isEmpty()) {
      return "### siteform drift\n\nNo drift: AWS matches what siteform last applied.\n";
    }
    long resources = rows.stream().map(Row::address).distinct().count();
    b.append("### siteform drift\n\n").append(resources).append(resources == 1 ? " resource has" : " resources have")
        .append(" changed outside siteform. `siteform apply` puts them back; `siteform plan` shows how.\n\n");
    b.append("| resource | attribute | recorded | live |\n|---|---|---|---|\n");
    for (Row r : rows) {
      b.append("| `").append(r.address()).append("` | `").append(cell(r.path())).append("` | ")
          .append(code(r.recorded())).append(" | ").append(code(r.live())).append(" |\n");
    }
    return b.toString();
  }

  public String json(List<Drift> drift) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", PlanJsonRenderer.FORMAT_VERSION);
    root.put("siteform_version", Versions.SITEFORM);
    ArrayNode changes = root.putArray("resource_drift");
    PlanJsonRenderer plan = new PlanJsonRenderer();
    plan.toJson(new io.siteform.engine.plan.Plan(drift, List.of(), 0, "", false)).withArray("resource_drift")
        .forEach(changes::add);
    ArrayNode attrs = root.putArray("attributes");
    for (Row r : rows(drift)) {
      ObjectNode o = attrs.addObject();
      o.put("address", r.address());
      o.put("attribute", r.path());
      o.set("recorded", MAPPER.valueToTree(sorted(r.recorded())));
      o.set("live", MAPPER.valueToTree(sorted(r.live())));
    }
    root.putObject("summary").put("drifted", drift.size());
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object sorted(Object v) {
    return v instanceof Map<?, ?> m ? new TreeMap<>(m) : v;
  }

  private static String code(Object v) {
    if (v == null) return "_absent_";
    String s;
    try {
      s = v instanceof String str ? str : COMPACT.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      s = String.valueOf(v);
    }
    return "`" + cell(s) + "`";
  }

  /** Pipes and newlines would break the table; backticks the code span. */
  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ").replace("`", "'");
  }
}
