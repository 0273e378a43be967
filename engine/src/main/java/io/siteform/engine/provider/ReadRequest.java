package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import io.siteform.state.Values;
import java.util.Map;

/** Read the object {@code id} in {@code region}; {@code prior} is what state last recorded. */
public record ReadRequest(Address address, String region, String id, Map<String, Object> prior) {
  public ReadRequest {
    prior = Values.copyMap(prior);
  }
}
