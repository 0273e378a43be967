package io.siteform.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource as last recorded: its address ({@code TYPE.NAME}), type, region, the id AWS knows
 * it by, its attributes (JSON-like values: String, Long, Boolean, List, Map) and the addresses it
 * depended on when it was applied (so destroy can order it without the spec).
 */
public record ResourceState(
    String address,
    String type,
    String region,
    String id,
    Map<String, Object> attributes,
    List<String> dependencies) {

  public ResourceState {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    attributes = Values.copyMap(attributes);
    dependencies = List.copyOf(dependencies);
  }
}
