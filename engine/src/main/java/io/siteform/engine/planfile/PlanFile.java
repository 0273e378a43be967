package io.siteform.engine.planfile;

import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.Conflict;
import io.siteform.engine.plan.Drift;
import io.siteform.engine.plan.EarlierInvalidations;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.ResourceChange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.render.PlanJsonRenderer;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.DataSpec;
import io.siteform.engine.resource.Ref;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.error.PlanException;
import io.siteform.state.ResourceState;
import io.siteform.state.Values;
import io.siteform.engine.spec.ContentFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A saved plan ({@code plan --out FILE}): the contract's plan JSON, so scripts read it like any
 * other, plus under {@code siteform_plan} exactly what apply needs to carry it out without the
 * spec, and the fingerprints that let apply refuse it once it is stale — the state it was made
 * from (serial and lineage), the spec's expansion, and what the data sources read (the site's
 * files, the hosted zone).
 *
 * <p>A plan travels between checkouts of the same commit (CI plans in one job and applies in
 * another folder): the paths it records are relative to the spec's folder, written {@code
 * {"$path": "dist"}} and resolved against the folder of the spec it is applied with, and the
 * fingerprints are taken with paths relative to the spec's folder, so they compare what the spec
 * and its files say, not where the checkout lies.
 */
public final class PlanFile {
  public static final int VERSION = 1;
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  /** A plan read back, with its fingerprints. */
  public record Saved(Plan plan, String specDigest, String dataDigest) {}

  /** A path of this machine, written relative to the spec's folder. */
  private record LocalPath(String relative) {}

  /** The spec's folder, absolute: what recorded paths are relative to. */
  private final Path specFolder;

  /** Plans of the spec in {@code specFolder}. */
  public PlanFile(Path specFolder) {
    this.specFolder = specFolder.toAbsolutePath().normalize();
  }

  /** Plans of the spec in the file {@code specFile}. */
  public static PlanFile forSpec(String specFile) {
    return new PlanFile(ContentFolder.specFolder(specFile));
  }

  public String write(Plan plan, String specDigest, String dataDigest) {
    // The contract's part shows the paths as the plan records them: relative to the spec.
    ObjectNode root = new PlanJsonRenderer().toJson(localPaths(plan, this::relative));
    plan = localPaths(plan, s -> new LocalPath(relative(s)));
    ObjectNode p = root.putObject("siteform_plan");
    p.put("version", VERSION);
    p.put("state_serial", plan.stateSerial());
    p.put("lineage", plan.lineage());
    p.put("destroy", plan.destroy());
    p.put("spec_digest", specDigest);
    p.put("data_digest", dataDigest);
    ArrayNode changes = p.putArray("changes");
    for (ResourceChange c : plan.changes()) {
      ObjectNode o = changes.addObject();
      o.put("address", c.address().toString());
      o.put("action", c.action().name());
      o.set("desired", c.desired().<JsonNode>map(PlanFile::spec).orElse(MAPPER.nullNode()));
      o.set("prior", c.prior().<JsonNode>map(PlanFile::resource).orElse(MAPPER.nullNode()));
      o.set("after", value(c.after()));
      o.set("unknown_computed", strings(c.unknownComputed()));
      o.set("replace_paths", strings(c.replacePaths()));
      c.reason().ifPresent(r -> o.put("reason", r));
    }
    ArrayNode drift = p.putArray("drift");
    for (Drift d : plan.drift()) {
      ObjectNode o = drift.addObject();
      o.put("address", d.address().toString());
      o.put("action", d.action().name());
      o.set("recorded", resource(d.recorded()));
      o.set("live", d.live().<JsonNode>map(PlanFile::resource).orElse(MAPPER.nullNode()));
      o.set("changed_paths", strings(d.changedPaths()));
    }
    p.set("earlier_invalidations", earlier(plan.earlierInvalidations()));
    ArrayNode conflicts = p.putArray("conflicts");
    for (Conflict c : plan.conflicts()) {
      conflicts.addObject().put("address", c.address().toString()).put("existing_id", c.existingId());
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the plan: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a saved plan from {@code location} (for messages); any damage is a clear error. */
  public Saved read(String json, String location) {
    try {
      JsonNode root = MAPPER.readTree(json);
      JsonNode p = root == null ? null : root.get("siteform_plan");
      if (p == null || !p.isObject()) {
        throw new PlanException(location + " is not a plan saved by `siteform plan --out`");
      }
      if (p.path("version").asInt() != VERSION) {
        throw new PlanException(location + " was saved by another siteform version (plan format "
            + p.path("version").asText() + "); make the plan again with this one");
      }
      List<ResourceChange> changes = new ArrayList<>();
      for (JsonNode o : p.withArray("changes")) {
        changes.add(new ResourceChange(Address.parse(o.get("address").asText()),
            Action.valueOf(o.get("action").asText()),
            o.get("desired").isNull() ? Optional.empty() : Optional.of(spec(o.get("desired"))),
            o.get("prior").isNull() ? Optional.empty() : Optional.of(resource(o.get("prior"))),
            map(o.get("after")), stringSet(o.get("unknown_computed")), stringSet(o.get("replace_paths")),
            Optional.ofNullable(o.get("reason")).map(JsonNode::asText)));
      }
      List<Drift> drift = new ArrayList<>();
      for (JsonNode o : p.withArray("drift")) {
        drift.add(new Drift(Address.parse(o.get("address").asText()), Action.valueOf(o.get("action").asText()),
            resource(o.get("recorded")),
            o.get("live").isNull() ? Optional.empty() : Optional.of(resource(o.get("live"))),
            stringSet(o.get("changed_paths"))));
      }
      List<Conflict> conflicts = new ArrayList<>();
      for (JsonNode o : p.withArray("conflicts")) {
        conflicts.add(new Conflict(Address.parse(o.get("address").asText()), o.get("existing_id").asText()));
      }
      Plan plan = new Plan(drift, changes, p.get("state_serial").asLong(), p.get("lineage").asText(),
          p.get("destroy").asBoolean(), conflicts, earlier(p.get("earlier_invalidations")));
      return new Saved(plan, p.get("spec_digest").asText(), p.get("data_digest").asText());
    } catch (JsonProcessingException e) {
      throw new PlanException(location + " is not a readable plan: " + e.getOriginalMessage());
    } catch (RuntimeException e) {
      if (e instanceof PlanException pe) throw pe;
      throw new PlanException(location + " is damaged (" + e.getMessage() + "); make the plan again");
    }
  }

  /**
   * A fingerprint of the spec's expansion: resources (placeholders included) and data queries,
   * the folder the site is read from taken relative to the spec's.
   */
  public String specDigest(List<ResourceSpec> resources, List<DataSpec> data) {
    ArrayNode a = MAPPER.createArrayNode();
    resources.forEach(r -> a.add(spec(r)));
    data.forEach(d -> a.addObject().put("address", d.toString()).put("region", d.region())
        .set("query", value(relativeAll(d.query()))));
    return digest(a);
  }

  /** A fingerprint of what the data sources read (a local source's id, its folder, relative to the spec's). */
  public String dataDigest(Map<Address, LiveResource> found) {
    ObjectNode o = MAPPER.createObjectNode();
    found.forEach((a, live) -> o.putObject(a.toString()).put("id", String.valueOf(relativeAll(live.id())))
        .set("attributes", value(relativeAll(live.attributes()))));
    return digest(o);
  }

  /** {@code path} relative to the spec's folder if it is an absolute path of this machine, else as it is. */
  private String relative(String path) {
    if (!isAbsolutePath(path)) return path;
    String r = specFolder.relativize(Path.of(path).normalize()).toString().replace(java.io.File.separatorChar, '/');
    return r.isEmpty() ? "." : r;
  }

  private static boolean isAbsolutePath(String s) {
    try {
      return Path.of(s).isAbsolute();
    } catch (java.nio.file.InvalidPathException notAPath) {
      return false;
    }
  }

  /** Every absolute path in {@code v} relative to the spec's folder: a fingerprint ignores where the checkout is. */
  private Object relativeAll(Object v) {
    if (v instanceof String s) return relative(s);
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), relativeAll(x)));
      return out;
    }
    if (v instanceof List<?> l) return l.stream().map(this::relativeAll).toList();
    return v;
  }

  /**
   * {@code plan} with {@code rewrite} applied to the paths its changes will use: the desired
   * attributes a type's schema does not compare because they differ from one machine to the next
   * (the site's folder), when they hold an absolute path. What the prior side recorded is left as
   * state has it.
   */
  private static Plan localPaths(Plan plan, java.util.function.Function<String, Object> rewrite) {
    List<ResourceChange> changes = new ArrayList<>();
    for (ResourceChange c : plan.changes()) {
      Set<String> local = machineLocal(c.address().type());
      if (local.isEmpty()) {
        changes.add(c);
        continue;
      }
      Optional<ResourceSpec> desired = c.desired().map(d -> new ResourceSpec(d.address(), d.region(),
          rewrite(d.attributes(), local, rewrite), d.dependsOn(), d.replacedWith()));
      changes.add(new ResourceChange(c.address(), c.action(), desired, c.prior(), rewrite(c.after(), local, rewrite),
          c.unknownComputed(), c.replacePaths(), c.reason()));
    }
    return new Plan(plan.drift(), changes, plan.stateSerial(), plan.lineage(), plan.destroy(), plan.conflicts(),
        plan.earlierInvalidations());
  }

  /** What planning read of the distribution's earlier invalidations, so the saved plan's estimate stays the one shown. */
  private static ObjectNode earlier(EarlierInvalidations e) {
    ObjectNode o = MAPPER.createObjectNode();
    if (e instanceof EarlierInvalidations.Counted c) {
      o.put("status", "counted").put("distribution_id", c.distributionId()).put("month", c.month().toString())
          .put("invalidations", c.invalidations()).put("paths", c.paths());
    } else if (e instanceof EarlierInvalidations.NotCounted n) {
      o.put("status", "not_counted").put("why", n.why());
    } else {
      o.put("status", "new_distribution");
    }
    return o;
  }

  private static EarlierInvalidations earlier(JsonNode o) {
    if (o == null || o.isNull()) return EarlierInvalidations.NOT_READ;
    return switch (o.path("status").asText()) {
      case "counted" -> new EarlierInvalidations.Counted(o.get("distribution_id").asText(),
          java.time.YearMonth.parse(o.get("month").asText()), o.get("invalidations").asInt(), o.get("paths").asLong());
      case "new_distribution" -> new EarlierInvalidations.NewDistribution();
      case "not_counted" -> new EarlierInvalidations.NotCounted(o.get("why").asText());
      default -> throw new IllegalArgumentException("earlier_invalidations has an unknown status " + o.path("status"));
    };
  }

  private static Set<String> machineLocal(String type) {
    var schema = io.siteform.engine.provider.Schemas.all().get(type);
    return schema == null ? Set.of() : schema.notCompared();
  }

  private static Map<String, Object> rewrite(Map<String, Object> attributes, Set<String> local,
      java.util.function.Function<String, Object> rewrite) {
    Map<String, Object> out = new LinkedHashMap<>(attributes);
    for (String key : local) {
      if (out.get(key) instanceof String s && isAbsolutePath(s)) out.put(key, rewrite.apply(s));
    }
    return out;
  }

  private static String digest(JsonNode node) {
    try {
      byte[] bytes = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(node);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode spec(ResourceSpec r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("address", r.address().toString());
    o.put("region", r.region());
    o.set("attributes", value(r.attributes()));
    o.set("depends_on", strings(r.dependsOn().stream().map(Address::toString).toList()));
    o.set("replaced_with", strings(r.replacedWith().stream().map(Address::toString).toList()));
    return o;
  }

  private ResourceSpec spec(JsonNode o) {
    return new ResourceSpec(Address.parse(o.get("address").asText()), o.get("region").asText(),
        map(o.get("attributes")), addresses(o.get("depends_on")), addresses(o.get("replaced_with")));
  }

  private static ObjectNode resource(ResourceState r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("address", r.address());
    o.put("type", r.type());
    o.put("region", r.region());
    if (r.isCreating()) o.put("status", "creating");
    else o.put("id", r.id());
    o.set("attributes", value(r.attributes()));
    o.set("dependencies", strings(r.dependencies()));
    return o;
  }

  private ResourceState resource(JsonNode o) {
    List<String> deps = new ArrayList<>();
    o.get("dependencies").forEach(d -> deps.add(d.asText()));
    String region = o.path("region").isTextual() ? o.get("region").asText() : null;
    // A create in flight has no id; plans saved by 0.1 wrote it as "id": "".
    String id = o.path("id").asText("");
    if (o.has("status") || id.isEmpty()) {
      return ResourceState.creating(o.get("address").asText(), o.get("type").asText(), region,
          map(o.get("attributes")), deps);
    }
    return new ResourceState(o.get("address").asText(), o.get("type").asText(), region, id,
        map(o.get("attributes")), deps);
  }

  private static JsonNode value(Object v) {
    if (v instanceof LocalPath p) {
      ObjectNode o = MAPPER.createObjectNode();
      o.put("$path", p.relative());
      return o;
    }
    if (v instanceof Ref ref) {
      ObjectNode r = MAPPER.createObjectNode();
      ObjectNode inner = r.putObject("$ref");
      inner.put("address", ref.address().toString());
      inner.put("attribute", ref.attribute());
      inner.set("path", strings(ref.path()));
      inner.put("format", ref.format());
      inner.put("data", ref.data());
      return r;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = MAPPER.createObjectNode();
      Values.copyMap(m).forEach((k, x) -> o.set(k, value(x)));
      return o;
    }
    if (v instanceof List<?> l) {
      ArrayNode a = MAPPER.createArrayNode();
      l.forEach(x -> a.add(value(x)));
      return a;
    }
    return MAPPER.valueToTree(v);
  }

  private Map<String, Object> map(JsonNode o) {
    Map<String, Object> out = new LinkedHashMap<>();
    o.fields().forEachRemaining(e -> out.put(e.getKey(), decode(e.getValue())));
    return out;
  }

  private Object decode(JsonNode n) {
    if (n.isObject() && n.size() == 1 && n.has("$path")) {
      return specFolder.resolve(n.get("$path").asText()).normalize().toString();
    }
    if (n.isObject() && n.size() == 1 && n.has("$ref")) {
      JsonNode r = n.get("$ref");
      List<String> path = new ArrayList<>();
      r.get("path").forEach(x -> path.add(x.asText()));
      return new Ref(Address.parse(r.get("address").asText()), r.get("attribute").asText(), path,
          r.get("format").asText(), r.get("data").asBoolean());
    }
    if (n.isObject()) return map(n);
    if (n.isArray()) {
      List<Object> out = new ArrayList<>();
      n.forEach(x -> out.add(decode(x)));
      return out;
    }
    if (n.isNull()) return null;
    if (n.isBoolean()) return n.booleanValue();
    if (n.isIntegralNumber()) return n.longValue();
    if (n.isNumber()) return n.decimalValue();
    return n.asText();
  }

  private static ArrayNode strings(java.util.Collection<String> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  private static Set<String> stringSet(JsonNode n) {
    Set<String> out = new TreeSet<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static Set<Address> addresses(JsonNode n) {
    Set<Address> out = new TreeSet<>();
    n.forEach(x -> out.add(Address.parse(x.asText())));
    return out;
  }
}
