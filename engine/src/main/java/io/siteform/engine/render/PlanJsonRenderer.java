package io.siteform.engine.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siteform.engine.plan.OutputChange;
import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.AwsPrices;
import io.siteform.engine.plan.CostEstimate;
import io.siteform.engine.plan.EarlierInvalidations;
import io.siteform.engine.plan.Drift;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.Ref;
import io.siteform.state.ResourceState;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The JSON plan, in the shape of Terraform's ({@code terraform show -json}) so scripts written for
 * it keep working: {@code format_version}, {@code resource_drift[]}, {@code resource_changes[]}
 * (each with {@code change {actions, before, after, after_unknown, replace_paths}}), {@code
 * output_changes} (each output's {@code actions, before, after, after_unknown}), each entry's
 * {@code mode} and {@code provider_name}, and siteform's {@code summary}. A value known only after apply is absent from
 * {@code after} and {@code true} at its path in {@code after_unknown}.
 */
public final class PlanJsonRenderer {
  public static final String FORMAT_VERSION = "1.2";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Terraform's {@code provider_name} for every siteform resource: siteform's one provider, named
   * as a registry address would name it (there is no such registry; scripts match the shape).
   */
  public static final String PROVIDER_NAME = "registry.siteform.io/siteform/aws";

  public String render(Plan plan) {
    return render(plan, Map.of());
  }

  /** The plan, with how each output changes ({@code OutputsOperation.changes}). */
  public String render(Plan plan, Map<String, OutputChange> outputs) {
    try {
      return MAPPER.writeValueAsString(toJson(plan, outputs)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ObjectNode toJson(Plan plan) {
    return toJson(plan, Map.of());
  }

  public ObjectNode toJson(Plan plan, Map<String, OutputChange> outputs) {
    ObjectNode root = F.objectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("siteform_version", Versions.SITEFORM);
    ArrayNode drift = root.putArray("resource_drift");
    for (Drift d : plan.drift()) {
      ObjectNode change = entry(drift.addObject(), d.address());
      change.set("actions", actions(d.action()));
      change.set("before", attributes(d.recorded()));
      change.set("after", d.live().<JsonNode>map(PlanJsonRenderer::attributes).orElse(F.nullNode()));
      change.set("after_unknown", F.objectNode());
      change.set("replace_paths", F.arrayNode());
    }
    ArrayNode changes = root.putArray("resource_changes");
    for (ResourceChange c : plan.changes()) {
      ObjectNode change = entry(changes.addObject(), c.address());
      change.set("actions", actions(c.action()));
      change.set("before", c.prior().<JsonNode>map(PlanJsonRenderer::attributes).orElse(F.nullNode()));
      if (c.action() == Action.DELETE) {
        change.set("after", F.nullNode());
        change.set("after_unknown", F.objectNode());
      } else {
        Map<String, Object> after = new TreeMap<>(c.after());
        after.put("region", c.region());
        if (c.action() == Action.UPDATE || c.action() == Action.NO_OP) {
          ResourceState prior = c.prior().orElseThrow();
          after.put("id", prior.id());
        }
        ObjectNode unknown = F.objectNode();
        after.forEach((k, v) -> {
          JsonNode u = unknownMirror(v);
          if (u != null) unknown.set(k, u);
        });
        if (c.action().creates()) {
          unknown.put("id", true);
          c.unknownComputed().forEach(k -> unknown.put(k, true));
        }
        change.set("after", known(after));
        change.set("after_unknown", unknown);
      }
      ArrayNode paths = F.arrayNode();
      c.replacePaths().forEach(p -> paths.addArray().add(p));
      change.set("replace_paths", paths);
      c.reason().ifPresent(r -> change.put("reason", r));
    }
    ObjectNode outputChanges = root.putObject("output_changes");
    new TreeMap<>(outputs).forEach((name, oc) -> {
      ObjectNode o = outputChanges.putObject(name);
      o.set("actions", F.arrayNode().add(oc.action()));
      o.set("before", knownOutput(oc.before()));
      o.set("after", knownOutput(oc.after()));
      o.set("after_unknown", unknownOutput(oc.after()));
      o.put("before_sensitive", false);
      o.put("after_sensitive", false);
    });
    if (!plan.conflicts().isEmpty()) {
      // siteform's own: creates that objects made outside siteform stand in the way of.
      ArrayNode conflicts = root.putArray("conflicts");
      for (var c : plan.conflicts()) {
        conflicts.addObject().put("address", c.address().toString()).put("existing_id", c.existingId())
            .put("message", c.message());
      }
    }
    plan.costEstimate().ifPresent(e -> costEstimate(root.putObject("cost_estimate"), e));
    Plan.Summary s = plan.summary();
    ObjectNode summary = root.putObject("summary");
    summary.put("add", s.add());
    summary.put("change", s.change());
    summary.put("destroy", s.destroy());
    return root;
  }

  /** siteform's own: what the apply costs where AWS bills per request or byte (docs/cli.md). */
  private static void costEstimate(ObjectNode o, CostEstimate e) {
    o.put("estimate", true);
    o.put("currency", "USD");
    ObjectNode inv = o.putObject("invalidation_paths");
    inv.put("this_apply", e.invalidationPaths());
    if (e.earlier() instanceof EarlierInvalidations.Counted c) {
      inv.put("earlier_this_month", c.paths());
      inv.put("earlier_invalidations", c.invalidations());
      inv.put("month", c.month().toString());
      inv.put("distribution_id", c.distributionId());
    } else if (e.earlier() instanceof EarlierInvalidations.NotCounted n) {
      inv.putNull("earlier_this_month");
      inv.put("earlier_not_counted", n.why());
    } else {
      inv.put("earlier_this_month", 0);
    }
    inv.put("scope", "this distribution only; the free paths are per AWS account");
    inv.put("free_per_month", AwsPrices.FREE_INVALIDATION_PATHS);
    inv.put("billable", e.billablePaths());
    inv.put("cost", CostEstimate.rounded(e.invalidationCost()));
    ArrayNode replication = o.putArray("replication");
    for (CostEstimate.Replication r : e.replication()) {
      replication.addObject().put("region", r.region()).put("objects", r.objects()).put("bytes", r.bytes())
          .put("cost", CostEstimate.rounded(r.transferCost()));
    }
    o.putObject("put_requests").put("primary", e.primaryWrites()).put("replication", e.replicationWrites())
        .put("total", e.requests()).put("cost", CostEstimate.rounded(e.requestCost()));
    o.put("total", CostEstimate.rounded(e.total()));
    ArrayNode prices = o.putArray("prices");
    for (AwsPrices p : AwsPrices.values()) {
      prices.addObject().put("item", p.item).put("usd", p.usd).put("per", p.unit).put("source", p.source)
          .put("read", AwsPrices.READ.toString());
    }
  }

  private static ObjectNode entry(ObjectNode e, Address a) {
    e.put("address", a.toString());
    // Data sources are read before planning and never change: every entry is a managed resource.
    e.put("mode", "managed");
    e.put("type", a.type());
    e.put("name", a.name());
    e.put("provider_name", PROVIDER_NAME);
    return e.putObject("change");
  }

  private static ArrayNode actions(Action a) {
    ArrayNode n = F.arrayNode();
    a.jsonActions().forEach(n::add);
    return n;
  }

  private static JsonNode attributes(ResourceState s) {
    Map<String, Object> m = new TreeMap<>(s.attributes());
    m.put("id", s.id());
    m.put("region", s.region());
    return known(m);
  }

  /** The value with every placeholder left out (objects) or null (lists). */
  static JsonNode known(Object v) {
    return known(v, x -> x instanceof Ref);
  }

  /** An output's value with what is known only after apply left out (objects) or null. */
  private static JsonNode knownOutput(Object v) {
    return known(v, x -> x == OutputChange.UNKNOWN);
  }

  /** {@code v} with each value {@code unknown} says is not yet known left out (objects) or null. */
  private static JsonNode known(Object v, java.util.function.Predicate<Object> unknown) {
    if (v == null || unknown.test(v)) return F.nullNode();
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = F.objectNode();
      new TreeMap<>(m).forEach((k, x) -> {
        if (!unknown.test(x)) o.set(String.valueOf(k), known(x, unknown));
      });
      return o;
    }
    if (v instanceof List<?> l) {
      ArrayNode a = F.arrayNode();
      l.forEach(x -> a.add(known(x, unknown)));
      return a;
    }
    return MAPPER.valueToTree(v);
  }

  /** Terraform's after_unknown of an output: true if it is unknown, a mirror if it holds unknowns, else false. */
  private static JsonNode unknownOutput(Object v) {
    if (v == OutputChange.UNKNOWN) return F.booleanNode(true);
    if (v instanceof Map<?, ?> m && m.containsValue(OutputChange.UNKNOWN)) {
      ObjectNode o = F.objectNode();
      new TreeMap<>(m).forEach((k, x) -> {
        if (x == OutputChange.UNKNOWN) o.put(String.valueOf(k), true);
      });
      return o;
    }
    if (v instanceof List<?> l && l.stream().anyMatch(x -> unknownOutput(x).isContainerNode() || x == OutputChange.UNKNOWN)) {
      ArrayNode a = F.arrayNode();
      l.forEach(x -> a.add(unknownOutput(x)));
      return a;
    }
    return F.booleanNode(false);
  }

  /** {@code true} where {@code v} is unknown, a mirror where it holds unknowns, else null. */
  static JsonNode unknownMirror(Object v) {
    if (v instanceof Ref) return F.booleanNode(true);
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = F.objectNode();
      new TreeMap<>(m).forEach((k, x) -> {
        JsonNode u = unknownMirror(x);
        if (u != null) o.set(String.valueOf(k), u);
      });
      return o.isEmpty() ? null : o;
    }
    if (v instanceof List<?> l) {
      ArrayNode a = F.arrayNode();
      boolean any = false;
      for (Object x : l) {
        JsonNode u = unknownMirror(x);
        any |= u != null;
        a.add(Objects.requireNonNullElse(u, F.booleanNode(false)));
      }
      return any ? a : null;
    }
    return null;
  }
}
