package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import io.siteform.state.Values;
import java.util.Map;

/** Update object {@code id} in place from {@code prior} to the resolved {@code desired}. */
public record UpdateRequest(
    Address address,
    String region,
    String id,
    Map<String, Object> prior,
    Map<String, Object> desired,
    Progress progress) {
  public UpdateRequest {
    prior = Values.copyMap(prior);
    desired = Values.copyMap(desired);
  }
}
