package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import io.siteform.state.Values;
import java.util.Map;

/** Create an object with the resolved {@code desired} attributes. */
public record CreateRequest(
    Address address, String region, Map<String, Object> desired, Progress progress) {
  public CreateRequest {
    desired = Values.copyMap(desired);
  }
}
