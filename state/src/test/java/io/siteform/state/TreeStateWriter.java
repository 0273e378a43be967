package io.siteform.state;

import com.fasterxml.jackson.core.JsonProcessingException;






import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;


import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@link StateCodec#toJson} as it was before it wrote through a streaming generator: builds a
 * Jackson tree and writes that. Kept only so tests can check that both give the same bytes.
 */
final class TreeStateWriter {
  private static final ObjectMapper MAPPER = StateCodec.MAPPER;

  private static final ObjectWriter WRITER = MAPPER.writer(StateCodec.prettyPrinter());

  /** The document for {@code state}; byte-identical for equal states. */
  String toJson(State state) {
    if (state.version() != State.FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "cannot write state format version " + state.version() + "; this codec writes "
              + State.FORMAT_VERSION);
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", State.FORMAT_VERSION);
    root.put("serial", state.serial());
    root.put("lineage", state.lineage());
    state.site().ifPresent(site -> root.put("site", site));
    var resources = root.putArray("resources");
    for (ResourceState r : state.resources()) {
      ObjectNode node = resources.addObject();
      node.put("address", r.address());
      node.put("type", r.type());
      node.put("region", r.region());
      switch (r.status()) {
        case CREATED -> node.put("id", r.id());
        case CREATING -> node.put("status", "creating");
      }
      node.set("attributes", toNode(r.attributes(), r.address() + ".attributes"));
      var deps = node.putArray("dependencies");
      r.dependencies().forEach(deps::add);
    }
    if (!state.releases().isEmpty()) {
      var releases = root.putArray("releases");
      Release previous = null;
      for (Release r : state.releases()) {
        ObjectNode node = releases.addObject();
        node.put("number", r.number());
        node.put("time", r.time());
        node.put("digest", r.digest());
        node.put("changed", r.changed());
        if (r.rollbackOf() > 0) node.put("rollback_of", r.rollbackOf());
        if (previous == null) {
          ObjectNode files = node.putObject("files");
          r.files().forEach((key, f) -> putFile(files, key, f));
        } else {
          putDifferences(node, previous.files(), r.files());
        }
        previous = r;
      }
    }
    return write(root) + "\n";
  }

  /** {@code changed_files} and {@code removed_files} of {@code after} against {@code before}, in key order. */
  private static void putDifferences(ObjectNode node, Map<String, Release.File> before,
      Map<String, Release.File> after) {
    ObjectNode changed = node.putObject("changed_files");
    after.forEach((key, f) -> {
      if (!f.equals(before.get(key))) putFile(changed, key, f);
    });
    var removed = node.putArray("removed_files");
    before.keySet().forEach(key -> {
      if (!after.containsKey(key)) removed.add(key);
    });
  }

  private static void putFile(ObjectNode files, String key, Release.File f) {
    ObjectNode file = files.putObject(key);
    file.put("version_id", f.versionId());
    file.put("md5", f.md5());
    file.put("size", f.size());
    file.put("content_type", f.contentType());
    file.put("cache_control", f.cacheControl());
  }

  private static JsonNode toNode(Object value, String path) {
    if (value == null) return MAPPER.nullNode();
    if (value instanceof String s) return MAPPER.getNodeFactory().textNode(s);
    if (value instanceof Boolean b) return MAPPER.getNodeFactory().booleanNode(b);
    if (value instanceof Long l) return MAPPER.getNodeFactory().numberNode(l);
    if (value instanceof BigDecimal d) return MAPPER.getNodeFactory().numberNode(d);
    if (value instanceof Map<?, ?> m) {
      ObjectNode node = MAPPER.createObjectNode();
      // Values.copyMap sorts keys, but attributes may arrive through another path: sort here too.
      Values.copyMap(m).forEach((k, v) -> node.set(k, toNode(v, path + "." + k)));
      return node;
    }
    if (value instanceof List<?> l) {
      var node = MAPPER.createArrayNode();
      for (int i = 0; i < l.size(); i++) node.add(toNode(l.get(i), path + "[" + i + "]"));
      return node;
    }
    // A placeholder reaching state is an engine bug: no unresolved value may be persisted.
    throw new IllegalArgumentException(
        "cannot store " + value.getClass().getSimpleName() + " at " + path + " in state");
  }

  private static String write(JsonNode root) {
    try {
      return WRITER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      // Only a number beyond plain notation's limits (an exponent past 9999) gets here.
      throw new IllegalArgumentException("cannot write state: " + e.getOriginalMessage(), e);
    }
  }
}
