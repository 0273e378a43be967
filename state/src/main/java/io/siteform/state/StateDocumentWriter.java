package io.siteform.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a {@link State} straight to a generator, in the field order {@link StateCodec} documents.
 * A state of thousands of files is written once, without a tree of nodes or a sorted copy of each
 * attribute map beside it: maps already sorted by string key (every attribute map, {@link
 * Values#copyMap}) are written as they are, and a value's path is spelled out only for the
 * message of a value that cannot be stored.
 *
 * <p>What it writes, and which error it throws first, is what building a tree of the whole
 * document and then writing it gave: a value that cannot be stored anywhere is reported before
 * any number that cannot be written in plain notation, which building the tree found first.
 */
final class StateDocumentWriter {
  private final JsonGenerator g;
  /** Map keys (String) and list indexes (Integer) from the attributes down to the value being written. */
  private final List<Object> path = new ArrayList<>();
  private String address;
  /** The first number that could not be written; thrown once the document is written. */
  private JsonProcessingException unwritable;

  StateDocumentWriter(JsonGenerator g) {
    this.g = g;
  }

  void write(State state) throws IOException {
    g.writeStartObject();
    g.writeNumberField("version", State.FORMAT_VERSION);
    g.writeNumberField("serial", state.serial());
    g.writeStringField("lineage", state.lineage());
    if (state.site().isPresent()) g.writeStringField("site", state.site().get());
    g.writeArrayFieldStart("resources");
    for (ResourceState r : state.resources()) resource(r);
    g.writeEndArray();
    if (!state.releases().isEmpty()) {
      g.writeArrayFieldStart("releases");
      Release previous = null;
      for (Release r : state.releases()) {
        release(r, previous);
        previous = r;
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    if (unwritable != null) throw unwritable;
  }

  private void resource(ResourceState r) throws IOException {
    g.writeStartObject();
    g.writeStringField("address", r.address());
    g.writeStringField("type", r.type());
    g.writeStringField("region", r.region());
    switch (r.status()) {
      case CREATED -> g.writeStringField("id", r.id());
      case CREATING -> g.writeStringField("status", "creating");
    }
    g.writeFieldName("attributes");
    address = r.address();
    map(r.attributes());
    g.writeArrayFieldStart("dependencies");
    for (String d : r.dependencies()) g.writeString(d);
    g.writeEndArray();
    g.writeEndObject();
  }

  private void release(Release r, Release previous) throws IOException {
    g.writeStartObject();
    g.writeNumberField("number", r.number());
    g.writeStringField("time", r.time());
    g.writeStringField("digest", r.digest());
    g.writeNumberField("changed", r.changed());
    if (r.rollbackOf() > 0) g.writeNumberField("rollback_of", r.rollbackOf());
    if (previous == null) {
      g.writeObjectFieldStart("files");
      for (Map.Entry<String, Release.File> e : r.files().entrySet()) file(e.getKey(), e.getValue());
      g.writeEndObject();
    } else {
      differences(previous.files(), r.files());
    }
    g.writeEndObject();
  }

  /**
   * {@code changed_files} and {@code removed_files} of {@code after} against {@code before}, in
   * key order: one walk over both, which a release's files (a {@link TreeMap}) are sorted for.
   */
  private void differences(Map<String, Release.File> before, Map<String, Release.File> after) throws IOException {
    List<String> removed = new ArrayList<>();
    Iterator<Map.Entry<String, Release.File>> old = before.entrySet().iterator();
    Map.Entry<String, Release.File> o = old.hasNext() ? old.next() : null;
    g.writeObjectFieldStart("changed_files");
    for (Map.Entry<String, Release.File> e : after.entrySet()) {
      String key = e.getKey();
      while (o != null && o.getKey().compareTo(key) < 0) {
        removed.add(o.getKey());
        o = old.hasNext() ? old.next() : null;
      }
      boolean same = o != null && o.getKey().equals(key) && e.getValue().equals(o.getValue());
      if (o != null && o.getKey().equals(key)) o = old.hasNext() ? old.next() : null;
      if (!same) file(key, e.getValue());
    }
    while (o != null) {
      removed.add(o.getKey());
      o = old.hasNext() ? old.next() : null;
    }
    g.writeEndObject();
    g.writeArrayFieldStart("removed_files");
    for (String key : removed) g.writeString(key);
    g.writeEndArray();
  }

  private void file(String key, Release.File f) throws IOException {
    g.writeObjectFieldStart(key);
    g.writeStringField("version_id", f.versionId());
    g.writeStringField("md5", f.md5());
    g.writeNumberField("size", f.size());
    g.writeStringField("content_type", f.contentType());
    g.writeStringField("cache_control", f.cacheControl());
    g.writeEndObject();
  }

  /** A map by string key, as {@link Values#copyMap} would order and normalise it. */
  private void map(Map<?, ?> m) throws IOException {
    Map<?, ?> sorted = sortedByString(m) ? m : shallowSorted(m);
    g.writeStartObject();
    for (Map.Entry<?, ?> e : sorted.entrySet()) {
      String key = (String) e.getKey();
      g.writeFieldName(key);
      path.add(key);
      value(e.getValue());
      path.remove(path.size() - 1);
    }
    g.writeEndObject();
  }

  private void list(List<?> l) throws IOException {
    g.writeStartArray();
    for (int i = 0; i < l.size(); i++) {
      path.add(i);
      value(l.get(i));
      path.remove(path.size() - 1);
    }
    g.writeEndArray();
  }

  private void value(Object raw) throws IOException {
    if (raw instanceof Map<?, ?> m) {
      map(m);
      return;
    }
    if (raw instanceof List<?> l) {
      list(l);
      return;
    }
    Object value = Values.copy(raw);
    if (value == null) g.writeNull();
    else if (value instanceof String s) g.writeString(s);
    else if (value instanceof Boolean b) g.writeBoolean(b);
    else if (value instanceof Long l) g.writeNumber(l);
    else if (value instanceof BigDecimal d) decimal(d);
    // A placeholder reaching state is an engine bug: no unresolved value may be persisted.
    else throw new IllegalArgumentException(
        "cannot store " + value.getClass().getSimpleName() + " at " + path() + " in state");
  }

  /** Plain notation has limits (an exponent past 9999): past them, the document fails once written. */
  private void decimal(BigDecimal d) throws IOException {
    try {
      g.writeNumber(d);
    } catch (JsonProcessingException e) {
      if (unwritable == null) unwritable = e;
    }
  }

  private String path() {
    StringBuilder s = new StringBuilder(address).append(".attributes");
    for (Object p : path) {
      if (p instanceof Integer i) s.append('[').append(i).append(']');
      else s.append('.').append(p);
    }
    return s.toString();
  }

  /** Whether iterating {@code m} gives its keys, all strings, in string order, each once. */
  private static boolean sortedByString(Map<?, ?> m) {
    if (!(m instanceof SortedMap<?, ?> s) || s.comparator() != null) return false;
    for (Object k : m.keySet()) if (!(k instanceof String)) return false;
    return true;
  }

  private static Map<String, Object> shallowSorted(Map<?, ?> m) {
    TreeMap<String, Object> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
