package io.siteform.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.siteform.error.StateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

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
    List<Release> releases = root.has("releases") ? releases(root.get("releases"), version) : List.of();
    // Read into the current format: formats 1 and 2 are format 3 without a site (1), creates in
    // flight (1) or releases (1, 2), and format 3 is format 4 with every release in full, so
    // nothing is lost when it is written back.
    return new State(State.FORMAT_VERSION, serial, lineage, java.util.Optional.ofNullable(site), resources, releases);
  }

  private static final Set<String> RELEASE_FIELDS =
      Set.of("number", "time", "digest", "changed", "rollback_of", "files", "changed_files", "removed_files");
  private static final Set<String> RELEASE_FILE_FIELDS =
      Set.of("version_id", "md5", "size", "content_type", "cache_control");

  /**
   * The releases, each with all its files. From format 4 on, only the oldest lists them all and
   * each later one what differs from the one before it, so they are rebuilt in order. A key a
   * release did not change is the previous release's {@link Release.File} instance, in either
   * format: ten releases of a site cost its records once, plus the maps.
   */
  private List<Release> releases(JsonNode list, long version) {
    if (!list.isArray()) fail("releases must be a list, found " + kind(list));
    List<Release> releases = new ArrayList<>(list.size());
    Set<Long> numbers = new HashSet<>();
    Release previous = null;
    for (int i = 0; i < list.size(); i++) {
      Release r = release(list.get(i), "releases[" + i + "]", version >= 4, previous);
      if (!numbers.add(r.number())) fail("release " + r.number() + " appears more than once");
      releases.add(r);
      previous = r;
    }
    return releases;
  }

  private Release release(JsonNode node, String path, boolean deltas, Release previous) {
    if (!node.isObject()) fail(path + " must be an object, found " + kind(node));
    long number = integer(node, "number", path + ".number");
    if (number < 1) fail(path + ".number must be at least 1, found " + number);
    String named = path + " (release " + number + ")";
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      if (!RELEASE_FIELDS.contains(name) || !deltas && name.endsWith("_files")) {
        fail(named + ": unknown field '" + name + "'");
      }
    }
    String time = text(node, "time", named + ".time", false);
    String digest = text(node, "digest", named + ".digest", false);
    long changed = integer(node, "changed", named + ".changed");
    long rollbackOf = node.has("rollback_of") ? integer(node, "rollback_of", named + ".rollback_of") : 0;
    Map<String, Release.File> files;
    if (!deltas) {
      files = files(required(node, "files", named + ".files"), named + ".files", previous, new TreeMap<>());
    } else if (previous == null) {
      if (node.has("changed_files") || node.has("removed_files")) {
        fail(named + " is the oldest release: it lists all its files in 'files', not 'changed_files'"
            + " or 'removed_files'");
      }
      files = files(required(node, "files", named + ".files"), named + ".files", null, new TreeMap<>());
    } else {
      if (node.has("files")) {
        fail(named + ": only the oldest release lists 'files'; a later one lists 'changed_files' and"
            + " 'removed_files' against the release before it");
      }
      if (number < previous.number()) {
        fail(named + " comes after release " + previous.number() + "; releases are listed oldest first");
      }
      files = delta(node, named, previous);
    }
    return new Release(number, time, digest, (int) changed, rollbackOf, files);
  }

  /** {@code previous}'s files less {@code removed_files}, with {@code changed_files} put in. */
  private Map<String, Release.File> delta(JsonNode node, String named, Release previous) {
    JsonNode changed = required(node, "changed_files", named + ".changed_files");
    JsonNode removed = required(node, "removed_files", named + ".removed_files");
    if (!removed.isArray()) fail(named + ".removed_files must be a list, found " + kind(removed));
    TreeMap<String, Release.File> out = new TreeMap<>(previous.files());
    Set<String> gone = new HashSet<>();
    for (int i = 0; i < removed.size(); i++) {
      String at = named + ".removed_files[" + i + "]";
      JsonNode k = removed.get(i);
      if (!k.isTextual()) fail(at + " must be a key, found " + kind(k));
      String key = k.textValue();
      if (!gone.add(key)) fail(at + ": \"" + key + "\" is listed twice");
      if (out.remove(key) == null) {
        fail(at + ": release " + previous.number() + " has no key \"" + key + "\" to remove");
      }
    }
    if (changed.isObject()) {
      for (String key : (Iterable<String>) changed::fieldNames) {
        if (gone.contains(key)) fail(named + ": \"" + key + "\" is both in changed_files and in removed_files");
      }
    }
    return files(changed, named + ".changed_files", previous, out);
  }

  /**
   * Puts the entries of {@code files} into {@code out}; an entry equal to {@code previous}'s for
   * the same key is put in as {@code previous}'s instance.
   */
  private Map<String, Release.File> files(JsonNode files, String path, Release previous,
      TreeMap<String, Release.File> out) {
    if (!files.isObject()) fail(path + " must be an object, found " + kind(files));
    for (Map.Entry<String, JsonNode> e : files.properties()) {
      String key = e.getKey();
      JsonNode f = e.getValue();
      if (!f.isObject()) fail(at(path, key) + " must be an object, found " + kind(f));
      for (Map.Entry<String, JsonNode> field : f.properties()) {
        if (!RELEASE_FILE_FIELDS.contains(field.getKey())) fail(at(path, key) + ": unknown field '" + field.getKey() + "'");
      }
      Release.File file = new Release.File(text(f, "version_id", at(path, key, "version_id"), false),
          text(f, "md5", at(path, key, "md5"), false), integer(f, "size", at(path, key, "size")),
          string(f, "content_type", at(path, key, "content_type")),
          string(f, "cache_control", at(path, key, "cache_control")));
      Release.File before = previous == null ? null : previous.files().get(key);
      out.put(key, file.equals(before) ? before : file);
    }
    return out;
  }

  private static String at(String path, String key) {
    return path + "[\"" + key + "\"]";
  }

  /** A release file's field, its path spelled out only if it is wrong: a site has thousands of them. */
  private static Supplier<String> at(String path, String key, String field) {
    return () -> at(path, key) + "." + field;
  }

  /** A string field that may be empty. */
  private String string(JsonNode parent, String field, String path) {
    return string(parent, field, () -> path);
  }

  private String string(JsonNode parent, String field, Supplier<String> path) {
    JsonNode node = required(parent, field, path);
    if (!node.isTextual()) fail(path.get() + " must be a string, found " + kind(node));
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

  /**
   * JSON to the value kinds {@link Values} knows, numbers exact, already as {@link Values#copy}
   * makes them: the resource takes the attributes without copying them again.
   */
  private static Object value(JsonNode node) {
    if (node.isNull()) return null;
    if (node.isTextual()) return node.textValue();
    if (node.isBoolean()) return node.booleanValue();
    if (node.isIntegralNumber()) return node.canConvertToLong() ? (Object) node.longValue() : Values.copy(node.decimalValue());
    if (node.isNumber()) return Values.copy(node.decimalValue());
    if (node.isArray()) {
      List<Object> out = new ArrayList<>(node.size());
      node.forEach(e -> out.add(value(e)));
      return Collections.unmodifiableList(out);
    }
    TreeMap<String, Object> out = new TreeMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), value(e.getValue())));
    return Values.normalised(out);
  }

  private JsonNode required(JsonNode parent, String field, String path) {
    return required(parent, field, () -> path);
  }

  private JsonNode required(JsonNode parent, String field, Supplier<String> path) {
    JsonNode node = parent.get(field);
    if (node == null) fail("missing field " + path.get());
    return node;
  }

  private long integer(JsonNode parent, String field, String path) {
    return integer(parent, field, () -> path);
  }

  /** {@code path} is spelled out only for the message of a field that is wrong. */
  private long integer(JsonNode parent, String field, Supplier<String> path) {
    JsonNode node = required(parent, field, path);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      fail(path.get() + " must be a whole number, found " + kind(node));
    }
    return node.longValue();
  }

  private String text(JsonNode parent, String field, String path, boolean nullable) {
    return text(parent, field, () -> path, nullable);
  }

  private String text(JsonNode parent, String field, Supplier<String> path, boolean nullable) {
    JsonNode node = required(parent, field, path);
    if (nullable && node.isNull()) return null;
    if (!node.isTextual() || node.textValue().isEmpty()) {
      fail(path.get() + " must be a non-empty string, found " + kind(node));
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
