package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import io.siteform.state.Values;
import java.util.Map;

/** Look up an existing object by {@code query} (a hosted zone by its name, a certificate by its ARN). */
public record DataRequest(Address address, String region, Map<String, Object> query) {
  public DataRequest {
    query = Values.copyMap(query);
  }
}
