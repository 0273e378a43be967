package io.siteform.engine.plan;

import io.siteform.engine.resource.Address;
import io.siteform.state.ResourceState;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A difference between what state recorded and what AWS has now, found by refreshing: someone
 * changed (UPDATE) or deleted (DELETE) the object outside siteform.
 *
 * @param changedPaths the attributes that differ (empty for DELETE)
 */
public record Drift(
    Address address,
    Action action,
    ResourceState recorded,
    Optional<ResourceState> live,
    Set<String> changedPaths) {
  public Drift {
    Objects.requireNonNull(address, "address");
    if (action != Action.UPDATE && action != Action.DELETE) {
      throw new IllegalArgumentException("drift is an update or a delete, not " + action);
    }
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(live, "live");
    if (live.isEmpty() != (action == Action.DELETE)) {
      throw new IllegalArgumentException(address + ": a deleted object has no live side");
    }
    changedPaths = Collections.unmodifiableSortedSet(new TreeSet<>(changedPaths));
  }
}
