package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import io.siteform.state.Values;
import java.util.Map;

/** Delete object {@code id}; {@code prior} is its last recorded attributes. */
public record DeleteRequest(
    Address address, String region, String id, Map<String, Object> prior, Progress progress) {
  public DeleteRequest {
    prior = Values.copyMap(prior);
  }
}
