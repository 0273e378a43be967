package io.siteform.state;

import com.fasterxml.jackson.core.JsonGenerator;
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
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.siteform.error.StateException;
import java.io.IOException;

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
  /** The one mapper of the state document (package-private: the tests' old tree writer shares it). */
  static final ObjectMapper MAPPER =
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

  private static final DefaultPrettyPrinter PRETTY = prettyPrinter();

  /** The document for {@code state}; byte-identical for equal states. */
  public String toJson(State state) {
    if (state.version() != State.FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "cannot write state format version " + state.version() + "; this codec writes "
              + State.FORMAT_VERSION);
    }
    java.io.StringWriter out = new java.io.StringWriter(1 << 16);
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.setPrettyPrinter(PRETTY.createInstance());
      new StateDocumentWriter(g).write(state);
    } catch (JsonProcessingException e) {
      // Only a number beyond plain notation's limits (an exponent past 9999) gets here.
      throw new IllegalArgumentException("cannot write state: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.append('\n').toString();
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

  static DefaultPrettyPrinter prettyPrinter() {
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
