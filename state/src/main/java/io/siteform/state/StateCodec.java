package io.siteform.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siteform.error.StateException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The state document's JSON form.
 *
 * <p>Writing is deterministic: fixed field order, attribute maps sorted by key, two-space indent,
 * {@code \n} line ends on every platform and a trailing newline. The same {@link State} therefore
 * always gives the same bytes, which lets a backend skip rewriting an unchanged document and keeps
 * diffs of a state under version control readable.
 *
 * <p>Reading is strict where a misread would hurt: every resource field is required and an unknown
 * resource field is an error, because silently dropping part of a resource could make the next
 * plan replace or forget something real. Unknown <em>top-level</em> fields are ignored when the
 * version matches, so a later release may add optional metadata without breaking this one; such
 * fields are dropped on the next write, so anything whose loss matters must bump {@link
 * State#FORMAT_VERSION} instead. A newer version is always refused: an old siteform must not
 * rewrite a document it does not understand. An older one is read and written back in the
 * current format.
 *
 * <p>{@code releases} (written only once there is one) lists the site's publishes oldest first,
 * each {@code number}, {@code time}, {@code digest}, {@code changed}, {@code rollback_of} (only for
 * a rollback) and its files, a file being key to {@code version_id}, {@code md5}, {@code size},
 * {@code content_type}, {@code cache_control}. The oldest release lists all its files in {@code
 * files}; every later one (format 4) lists only what differs from the release before it: {@code
 * changed_files}, the keys it added or published anew, each in full, and {@code removed_files},
 * the sorted keys it no longer has. A re-publish changes a few keys of thousands, so ten
 * releases cost little more than one. Reading rebuilds every release's full list, and refuses a
 * history that does not add up (the oldest release as differences, a key removed that the
 * release before did not have), naming the release. Format 3 listed every release in full; it is
 * read, and written back as format 4.
 *
 * <p>A resource is either created ({@code "id": "..."}) or a create in flight ({@code "status":
 * "creating"}, no id, its attributes naming its idempotency token or name). Every {@link State}
 * this codec writes, at any point of an apply, is one it reads back.
 */
public final class StateCodec {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // Exact decimals: a double would turn 0.1 into 0.1000000000000000055511151231257827.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          // Values strips trailing zeros, which makes 1000000000000000000000 into 1E+21: keep
          // the document readable by people and by jq.
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private static final ObjectWriter WRITER = MAPPER.writer(prettyPrinter());

  /** The document for {@code state}; byte-identical for equal states. */
  public String toJson(State state) {
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

  /**
   * Parses a state document read from {@code location} (used in messages only). Throws a {@link
   * StateException} naming the location and the problem for anything that is not a valid state of
   * a format this siteform understands.
   */
  public State fromJson(String json, String location) {
    JsonNode root;
    try (JsonParser parser = MAPPER.createParser(json)) {
      root = MAPPER.readTree(parser);
    } catch (JsonProcessingException e) {
      throw new StateException(location, "not valid JSON: " + describe(e), e);
    } catch (IOException e) {
      throw new StateException(location, "could not parse: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new StateException(location, "the file is empty; expected a state document");
    }
    return new StateDocumentReader(location).read(root);
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

  private static DefaultPrettyPrinter prettyPrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter p = new DefaultPrettyPrinter(separators);
    p.indentObjectsWith(indenter);
    p.indentArraysWith(indenter);
    return p;
  }

  /** Jackson's message without its source excerpt, plus a 1-based line and column. */
  private static String describe(JsonProcessingException e) {
    String what = e.getOriginalMessage();
    int cut = what.indexOf('\n');
    if (cut >= 0) what = what.substring(0, cut);
    var at = e.getLocation();
    return at == null ? what : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
