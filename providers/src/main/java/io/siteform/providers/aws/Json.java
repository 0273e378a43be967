package io.siteform.providers.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siteform.state.Values;
import java.util.Map;

/** JSON documents (IAM and bucket policies) to and from siteform's normalised value maps. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Compact JSON for {@code value}, as AWS APIs take policy documents. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not representable as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses a JSON object into a normalised map. */
  public static Map<String, Object> readObject(String json) {
    try {
      return Values.copyMap(MAPPER.readValue(json, Map.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
    }
  }
}
