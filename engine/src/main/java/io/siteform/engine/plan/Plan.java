package io.siteform.engine.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A plan: the drift found while refreshing, then one change per resource (no-ops included, as in
 * Terraform's JSON), and the state it was made against, so a stale plan can be refused.
 *
 * @param stateSerial the serial of the state the plan was made from
 * @param lineage that state's lineage
 * @param destroy whether this is a destroy plan
 * @param conflicts planned creates that objects made outside siteform stand in the way of; a
 *     plan with conflicts cannot be applied
 * @param earlierInvalidations the invalidation paths the site's distribution submitted earlier
 *     this month, read at plan time for the {@link CostEstimate}
 */
public record Plan(
    List<Drift> drift,
    List<ResourceChange> changes,
    long stateSerial,
    String lineage,
    boolean destroy,
    List<Conflict> conflicts,
    EarlierInvalidations earlierInvalidations) {

  public Plan {
    drift = drift.stream().sorted(Comparator.comparing(Drift::address)).toList();
    changes = sorted(changes);
    Objects.requireNonNull(lineage, "lineage");
    conflicts = conflicts.stream().sorted(Comparator.comparing(Conflict::address)).toList();
    Objects.requireNonNull(earlierInvalidations, "earlierInvalidations");
  }

  public Plan(List<Drift> drift, List<ResourceChange> changes, long stateSerial, String lineage, boolean destroy,
      List<Conflict> conflicts) {
    this(drift, changes, stateSerial, lineage, destroy, conflicts, EarlierInvalidations.NOT_READ);
  }

  public Plan(List<Drift> drift, List<ResourceChange> changes, long stateSerial, String lineage, boolean destroy) {
    this(drift, changes, stateSerial, lineage, destroy, List.of());
  }

  /** This plan with {@code found} conflicts. */
  public Plan withConflicts(List<Conflict> found) {
    return new Plan(drift, changes, stateSerial, lineage, destroy, found, earlierInvalidations);
  }

  /** This plan with what CloudFront said of the distribution's earlier invalidations this month. */
  public Plan withEarlierInvalidations(EarlierInvalidations read) {
    return new Plan(drift, changes, stateSerial, lineage, destroy, conflicts, read);
  }

  /** What this plan's apply costs where AWS bills per request, or empty if it publishes nothing. */
  public java.util.Optional<CostEstimate> costEstimate() {
    return CostEstimate.of(this);
  }

  private static List<ResourceChange> sorted(List<ResourceChange> in) {
    List<ResourceChange> out = new ArrayList<>(in);
    out.sort(Comparator.comparing(ResourceChange::address));
    return List.copyOf(out);
  }

  /**
   * This plan limited to {@code targets} and everything they depend on, as {@code --target}
   * asks. An address the plan does not know is an error naming the ones it does.
   */
  public Plan targeted(java.util.Set<io.siteform.engine.resource.Address> targets) {
    java.util.Map<io.siteform.engine.resource.Address, ResourceChange> byAddress = new java.util.HashMap<>();
    changes.forEach(c -> byAddress.put(c.address(), c));
    for (var t : targets) {
      if (!byAddress.containsKey(t)) {
        throw new io.siteform.error.PlanException("--target " + t + " is not in this plan; its addresses are "
            + changes.stream().map(c -> c.address().toString()).collect(java.util.stream.Collectors.joining(", ")));
      }
    }
    java.util.Set<io.siteform.engine.resource.Address> keep = new java.util.TreeSet<>();
    java.util.Deque<io.siteform.engine.resource.Address> todo = new java.util.ArrayDeque<>(targets);
    while (!todo.isEmpty()) {
      var a = todo.pop();
      if (!keep.add(a)) continue;
      ResourceChange c = byAddress.get(a);
      if (c == null) continue;
      c.desired().ifPresent(d -> todo.addAll(d.dependsOn()));
    }
    return new Plan(drift, changes.stream().filter(c -> keep.contains(c.address())).toList(), stateSerial, lineage,
        destroy, conflicts.stream().filter(c -> keep.contains(c.address())).toList(), earlierInvalidations);
  }

  /** The changes that do something. */
  public List<ResourceChange> actions() {
    return changes.stream().filter(c -> c.action() != Action.NO_OP).toList();
  }

  public boolean hasChanges() {
    return !actions().isEmpty();
  }

  public Summary summary() {
    int add = 0;
    int change = 0;
    int destroy = 0;
    for (ResourceChange c : changes) {
      if (c.action().creates()) add++;
      if (c.action() == Action.UPDATE) change++;
      if (c.action().deletes()) destroy++;
    }
    return new Summary(add, change, destroy);
  }

  /** The closing line's counts; a replacement counts in both add and destroy. */
  public record Summary(int add, int change, int destroy) {}
}
