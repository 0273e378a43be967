package io.siteform.engine.operation;

import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.DataSpec;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.state.State;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a plan is made from.
 *
 * @param desired the spec's expansion (empty for a destroy)
 * @param data the data sources the spec reads (empty for a destroy)
 * @param recorded the state as stored, already checked to be this site's
 * @param offline no AWS request: only local data sources are read, state is taken as live and
 *     conflicts are not looked for
 * @param destroy plan the removal of everything in state
 * @param parallelism AWS reads at once while refreshing, at least 1
 * @param targets only these resources and what they depend on ({@code --target}); empty for all
 */
public record PlanRequest(List<ResourceSpec> desired, List<DataSpec> data, State recorded, boolean offline,
    boolean destroy, int parallelism, Set<Address> targets) {
  public PlanRequest {
    desired = List.copyOf(desired);
    data = List.copyOf(data);
    Objects.requireNonNull(recorded, "recorded");
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
    targets = java.util.Collections.unmodifiableSet(new TreeSet<>(targets));
  }

  /** A plan of the whole spec against AWS. */
  public static PlanRequest of(List<ResourceSpec> desired, List<DataSpec> data, State recorded, int parallelism) {
    return new PlanRequest(desired, data, recorded, false, false, parallelism, Set.of());
  }

  /** A plan removing everything {@code recorded} holds. */
  public static PlanRequest destroy(State recorded, int parallelism) {
    return new PlanRequest(List.of(), List.of(), recorded, false, true, parallelism, Set.of());
  }
}
