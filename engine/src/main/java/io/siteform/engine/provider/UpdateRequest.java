package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import io.siteform.state.Values;
import java.util.Map;

/**
 * Update object {@code id} in place from {@code prior} to the resolved {@code desired}; what is
 * done part-way, before a wait or a later failure, goes to {@code checkpoint}.
 */
public record UpdateRequest(
    Address address,
    String region,
    String id,
    Map<String, Object> prior,
    Map<String, Object> desired,
    Progress progress,
    Checkpoint checkpoint) {
  public UpdateRequest {
    prior = Values.copyMap(prior);
    desired = Values.copyMap(desired);
    java.util.Objects.requireNonNull(checkpoint, "checkpoint");
  }

  /** An update whose part-way states nobody records (provider tests). */
  public UpdateRequest(Address address, String region, String id, Map<String, Object> prior,
      Map<String, Object> desired, Progress progress) {
    this(address, region, id, prior, desired, progress, Checkpoint.NONE);
  }
}
