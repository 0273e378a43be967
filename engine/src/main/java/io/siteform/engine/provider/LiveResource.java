package io.siteform.engine.provider;

import io.siteform.state.Values;
import java.util.Map;
import java.util.Objects;

/** An object as AWS has it: the id AWS knows it by and its normalised attributes. */
public record LiveResource(String id, Map<String, Object> attributes) {
  public LiveResource {
    Objects.requireNonNull(id, "id");
    attributes = Values.copyMap(attributes);
  }
}
