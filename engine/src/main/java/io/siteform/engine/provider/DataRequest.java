package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.state.Values;
import java.util.Map;

/** Look up an existing object by {@code query} (a hosted zone by its name, a certificate by its ARN). */
public record DataRequest(Address address, String region, Map<String, Object> query) {
  public DataRequest {
    query = Values.copyMap(query);
  }

  /**
   * The query's non-blank string {@code key}.
   *
   * @param what what it is, for the error ("the zone's name")
   * @throws ProviderException naming the lookup when the query lacks it
   */
  public String text(String key, String what) {
    if (query.get(key) instanceof String s && !s.isBlank()) return s;
    throw new ProviderException(address.toString(), Operation.READ, "the query needs " + what + ", not " + query.get(key));
  }
}
