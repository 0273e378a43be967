package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import io.siteform.state.Values;
import java.util.Map;

/**
 * Create an object with the resolved {@code desired} attributes. A provider that learns the
 * object's id before it is done (before a deployment or replica wait) hands it to {@code
 * checkpoint} at once.
 */
public record CreateRequest(
    Address address, String region, Map<String, Object> desired, Progress progress, Checkpoint checkpoint) {
  public CreateRequest {
    desired = Values.copyMap(desired);
    java.util.Objects.requireNonNull(checkpoint, "checkpoint");
  }

  /** A create whose part-way states nobody records (provider tests). */
  public CreateRequest(Address address, String region, Map<String, Object> desired, Progress progress) {
    this(address, region, desired, progress, Checkpoint.NONE);
  }
}
