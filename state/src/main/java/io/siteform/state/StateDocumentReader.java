package io.siteform.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.siteform.error.StateException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed JSON tree into a {@link State}, checking every field by hand so a damaged
 * document yields one plain sentence naming the field ({@code resources[2].id}) rather than a
 * Jackson mapping error. The policy on unknown fields is documented on {@link StateCodec}.
 */
final class StateDocumentReader {
  private static final Set<String> RESOURCE_FIELDS =
      Set.of("address", "type", "region", "id", "status", "attributes", "dependencies");

  private final String location;

  StateDocumentReader(String location) {
    this.location = location;
  }

  State read(JsonNode root) {
    if (!root.isObject()) fail("expected a JSON object at the top, found " + kind(root));
    long version = integer(root, "version", "version");
    if (version > State.FORMAT_VERSION) {
      fail("written by a newer siteform (state format version " + version
          + ", this siteform reads up to " + State.FORMAT_VERSION
          + "); upgrade siteform to use this state");
    }
    if (version < 1) fail("unknown state format version " + version);
    long serial = integer(root, "serial", "serial");
    if (serial < 0) fail("serial must not be negative, found " + serial);
    String lineage = text(root, "lineage", "lineage", false);
    // Format 1 did not record the site; such a state belongs to whichever spec claims it.
    String site = root.has("site") ? text(root, "site", "site", true) : null;
    JsonNode list = required(root, "resources", "resources");
    if (!list.isArray()) fail("resources must be a list, found " + kind(list));
    List<ResourceState> resources = new ArrayList<>(list.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      ResourceState r = resource(list.get(i), "resources[" + i + "]");
      if (!seen.add(r.address())) fail("resource " + r.address() + " appears more than once");
      resources.add(r);
    }
    List<Release> releases = new ArrayList<>();
    if (root.has("releases")) {
      JsonNode rl = root.get("releases");
      if (!rl.isArray()) fail("releases must be a list, found " + kind(rl));
      Set<Long> numbers = new HashSet<>();
      for (int i = 0; i < rl.size(); i++) {
        Release r = release(rl.get(i), "releases[" + i + "]");
        if (!numbers.add(r.number())) fail("release " + r.number() + " appears more than once");
        releases.add(r);
      }
    }
    // Read into the current format: formats 1 and 2 are format 3 without a site (1), creates in
    // flight (1) or releases (1, 2), so nothing is lost when it is written back.
    return new State(State.FORMAT_VERSION, serial, lineage, java.util.Optional.ofNullable(site), resources, releases);
  }

  private static final Set<String> RELEASE_FIELDS =
      Set.of("number", "time", "digest", "changed", "rollback_of", "files");
  private static final Set<String> RELEASE_FILE_FIELDS =
      Set.of("version_id", "md5", "size", "content_type", "cache_control");

  private Release release(JsonNode node, String path) {
    if (!node.isObject()) fail(path + " must be an object, found " + kind(node));
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!RELEASE_FIELDS.contains(field.getKey())) fail(path + ": unknown field '" + field.getKey() + "'");
    }
    long number = integer(node, "number", path + ".number");
    if (number < 1) fail(path + ".number must be at least 1, found " + number);
    String time = text(node, "time", path + ".time", false);
    String digest = text(node, "digest", path + ".digest", false);
    long changed = integer(node, "changed", path + ".changed");
    long rollbackOf = node.has("rollback_of") ? integer(node, "rollback_of", path + ".rollback_of") : 0;
    JsonNode files = required(node, "files", path + ".files");
    if (!files.isObject()) fail(path + ".files must be an object, found " + kind(files));
    Map<String, Release.File> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : files.properties()) {
      String at = path + ".files[\"" + e.getKey() + "\"]";
      JsonNode f = e.getValue();
      if (!f.isObject()) fail(at + " must be an object, found " + kind(f));
      for (Map.Entry<String, JsonNode> field : f.properties()) {
        if (!RELEASE_FILE_FIELDS.contains(field.getKey())) fail(at + ": unknown field '" + field.getKey() + "'");
      }
      out.put(e.getKey(), new Release.File(text(f, "version_id", at + ".version_id", false),
          text(f, "md5", at + ".md5", false), integer(f, "size", at + ".size"),
          string(f, "content_type", at + ".content_type"), string(f, "cache_control", at + ".cache_control")));
    }
    return new Release(number, time, digest, (int) changed, rollbackOf, out);
  }

  /** A string field that may be empty. */
  private String string(JsonNode parent, String field, String path) {
    JsonNode node = required(parent, field, path);
    if (!node.isTextual()) fail(path + " must be a string, found " + kind(node));
    return node.textValue();
  }

  private ResourceState resource(JsonNode node, String path) {
    if (!node.isObject()) fail(path + " must be an object, found " + kind(node));
    String address = text(node, "address", path + ".address", false);
    String named = path + " (" + address + ")";
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!RESOURCE_FIELDS.contains(field.getKey())) {
        fail(named + ": unknown field '" + field.getKey() + "'");
      }
    }
    String type = text(node, "type", named + ".type", false);
    String region = text(node, "region", named + ".region", true);
    ResourceState.Status status = status(node, named);
    String id = status == ResourceState.Status.CREATING ? "" : text(node, "id", named + ".id", false);
    JsonNode attributes = required(node, "attributes", named + ".attributes");
    if (!attributes.isObject()) fail(named + ".attributes must be an object, found " + kind(attributes));
    JsonNode deps = required(node, "dependencies", named + ".dependencies");
    if (!deps.isArray()) fail(named + ".dependencies must be a list, found " + kind(deps));
    List<String> dependencies = new ArrayList<>(deps.size());
    for (int i = 0; i < deps.size(); i++) {
      JsonNode d = deps.get(i);
      if (!d.isTextual()) fail(named + ".dependencies[" + i + "] must be an address, found " + kind(d));
      dependencies.add(d.textValue());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> attrs = (Map<String, Object>) value(attributes);
    return new ResourceState(address, type, region, id, status, attrs, dependencies);
  }

  /**
   * {@code "status": "creating"} with no id is a create in flight. So is {@code "id": ""} without
   * a status: siteform 0.1 recorded creates in flight that way, and its states must stay readable.
   */
  private ResourceState.Status status(JsonNode node, String named) {
    JsonNode status = node.get("status");
    if (status == null) {
      JsonNode id = node.get("id");
      boolean legacyPending = id != null && id.isTextual() && id.textValue().isEmpty();
      return legacyPending ? ResourceState.Status.CREATING : ResourceState.Status.CREATED;
    }
    if (!status.isTextual() || !status.textValue().equals("creating")) {
      fail(named + ".status must be \"creating\" (a create in flight) or absent, found " + kind(status));
    }
    JsonNode id = node.get("id");
    if (id != null && !(id.isTextual() && id.textValue().isEmpty())) {
      fail(named + " is a create in flight (status \"creating\") and cannot have an id; found " + kind(id));
    }
    return ResourceState.Status.CREATING;
  }

  /** JSON to the value kinds {@link Values} knows; numbers stay exact. */
  private static Object value(JsonNode node) {
    if (node.isNull()) return null;
    if (node.isTextual()) return node.textValue();
    if (node.isBoolean()) return node.booleanValue();
    if (node.isIntegralNumber()) return node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
    if (node.isNumber()) return Values.copy(node.decimalValue());
    if (node.isArray()) {
      List<Object> out = new ArrayList<>(node.size());
      node.forEach(e -> out.add(value(e)));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), value(e.getValue())));
    return out;
  }

  private JsonNode required(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null) fail("missing field " + path);
    return node;
  }

  private long integer(JsonNode parent, String field, String path) {
    JsonNode node = required(parent, field, path);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      fail(path + " must be a whole number, found " + kind(node));
    }
    return node.longValue();
  }

  private String text(JsonNode parent, String field, String path, boolean nullable) {
    JsonNode node = required(parent, field, path);
    if (nullable && node.isNull()) return null;
    if (!node.isTextual() || node.textValue().isEmpty()) {
      fail(path + " must be a non-empty string, found " + kind(node));
    }
    return node.textValue();
  }

  private static String kind(JsonNode node) {
    if (node.isTextual()) return node.textValue().isEmpty() ? "an empty string" : "a string";
    if (node.isIntegralNumber()) return "the number " + node.asText();
    if (node.isNumber()) return "the number " + node.decimalValue().toPlainString();
    if (node.isBoolean()) return node.asText();
    if (node.isNull()) return "null";
    return node.isArray() ? "a list" : "an object";
  }

  private void fail(String message) {
    throw new StateException(location, message);
  }
}
