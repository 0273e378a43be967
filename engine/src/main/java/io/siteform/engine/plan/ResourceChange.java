package io.siteform.engine.plan;

import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.state.ResourceState;
import io.siteform.state.Values;
import java.util.Map;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One resource's planned change. Which side may be absent follows the action: {@code desired} is
 * absent only for DELETE, {@code prior} only for CREATE. Apply needs nothing but
 * this record: the desired side carries its region, attributes (with placeholders) and
 * dependencies; the prior side carries the id to update or delete.
 *
 * @param after desired attributes with every placeholder the planner could resolve filled in;
 *     what remains a {@link io.siteform.engine.resource.Ref} is {@code (known after apply)}
 * @param unknownComputed computed attributes whose value AWS assigns during apply
 * @param replacePaths attributes whose change forces the replacement
 * @param reason why, when the action alone does not say (a resource no longer in the spec)
 */
public record ResourceChange(
    Address address,
    Action action,
    Optional<ResourceSpec> desired,
    Optional<ResourceState> prior,
    Map<String, Object> after,
    Set<String> unknownComputed,
    Set<String> replacePaths,
    Optional<String> reason) {

  public ResourceChange {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(action, "action");
    if (desired.isEmpty() && action != Action.DELETE) {
      throw new IllegalArgumentException(address + ": " + action + " needs a desired resource");
    }
    if (prior.isEmpty() && action != Action.CREATE) {
      throw new IllegalArgumentException(address + ": " + action + " needs a prior resource");
    }
    after = Values.copyMap(after);
    unknownComputed = Collections.unmodifiableSortedSet(new TreeSet<>(unknownComputed));
    replacePaths = Collections.unmodifiableSortedSet(new TreeSet<>(replacePaths));
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Over the address and action alone, consistent with the record's {@code equals} (equal changes
   * have both equal): a change's attributes can hold a whole site's files, and an apply hashes its
   * steps, each holding a change, at every turn of the walk. A plan has one change per address.
   */
  @Override
  public int hashCode() {
    return 31 * address.hashCode() + action.hashCode();
  }

  /** The recorded attributes, or an empty map for a create. */
  public Map<String, Object> before() {
    return prior.map(ResourceState::attributes).orElse(Map.of());
  }

  /** The region the change's API calls go to. */
  public String region() {
    return desired.map(ResourceSpec::region).orElseGet(() -> prior.orElseThrow().region());
  }
}
