package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import io.siteform.state.Values;
import java.util.Map;

/**
 * Create an object with the resolved {@code desired} attributes. A provider that learns the
 * object's id before it is done (before a deployment or replica wait) hands it to {@code
 * checkpoint} at once.
 *
 * @param resuming state held this create in flight, with the same identity, before this run: an
 *     earlier run sent it and never learnt the answer, so an object of that identity that AWS
 *     holds may be the one it made, even where it lacks what the create's later calls would have
 *     given it (a bucket's tags)
 */
public record CreateRequest(Address address, String region, Map<String, Object> desired, Progress progress,
    Checkpoint checkpoint, boolean resuming) {
  public CreateRequest {
    desired = Values.copyMap(desired);
    java.util.Objects.requireNonNull(checkpoint, "checkpoint");
  }

  /** A create this run starts afresh. */
  public CreateRequest(
      Address address, String region, Map<String, Object> desired, Progress progress, Checkpoint checkpoint) {
    this(address, region, desired, progress, checkpoint, false);
  }

  /** A create whose part-way states nobody records (provider tests). */
  public CreateRequest(Address address, String region, Map<String, Object> desired, Progress progress) {
    this(address, region, desired, progress, Checkpoint.NONE);
  }
}
