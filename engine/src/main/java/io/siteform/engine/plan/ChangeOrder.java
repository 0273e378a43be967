package io.siteform.engine.plan;

import io.siteform.error.Operation;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.error.PlanException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The order a plan's provider calls must run in, derived from the changes alone. The rules, the
 * ones Terraform users otherwise spell out with {@code depends_on}:
 *
 * <ol>
 *   <li>a create or update runs after the creates and updates of what it depends on;
 *   <li>a replacement that deletes first creates after its delete; one that creates first
 *       deletes after its create and after every dependent has moved to the new object (their
 *       creates and updates), and what lives in the old object (a bucket's content, policy and
 *       replication) is deleted only after those moves too;
 *   <li>an object is deleted after the old objects that used it are deleted, and after the
 *       updates of those that stop using it (a replication rule leaves a replica before the
 *       replica goes).
 * </ol>
 *
 * <p>These cannot form a cycle when no replacement that creates first depends on one that
 * deletes first, which {@link Planner} ensures by choosing each replacement's order. Building
 * the order at plan time checks the rest: a plan that still cannot be ordered is refused with
 * the calls and reasons of one cycle, so apply never meets one.
 */
public final class ChangeOrder {
  /** One provider call of a plan: a vertex of the order. */
  public record Call(Operation operation, Address address) implements Comparable<Call> {
    @Override
    public int compareTo(Call o) {
      int c = address.compareTo(o.address);
      return c != 0 ? c : operation.compareTo(o.operation);
    }

    @Override
    public String toString() {
      return operation.word() + " " + address;
    }
  }

  /** {@code before} finishes before {@code after} starts, because of {@code why}. */
  public record Edge(Call before, Call after, String why) {
    @Override
    public String toString() {
      return before + " before " + after + ": " + why;
    }
  }

  private final Map<Call, ResourceChange> calls;
  private final List<Edge> edges;

  private ChangeOrder(Map<Call, ResourceChange> calls, List<Edge> edges) {
    this.calls = Collections.unmodifiableMap(calls);
    this.edges = List.copyOf(edges);
  }

  /**
   * Every call of {@code changes} and the edges between them. A cycle is the user's edit asking
   * for what no order can do, refused as a {@link PlanException} (a user error, not a bug) naming
   * the resources and each reason.
   */
  public static ChangeOrder of(Collection<ResourceChange> changes) {
    Map<Address, ResourceChange> byAddress = new TreeMap<>();
    Map<Call, ResourceChange> calls = new TreeMap<>();
    Map<Address, Map<Operation, Call>> mine = new HashMap<>();
    for (ResourceChange c : changes) {
      byAddress.put(c.address(), c);
      Map<Operation, Call> ops = new EnumMap<>(Operation.class);
      if (c.action().creates()) ops.put(Operation.CREATE, new Call(Operation.CREATE, c.address()));
      if (c.action() == Action.UPDATE) ops.put(Operation.UPDATE, new Call(Operation.UPDATE, c.address()));
      if (c.action().deletes()) ops.put(Operation.DELETE, new Call(Operation.DELETE, c.address()));
      ops.values().forEach(call -> calls.put(call, c));
      mine.put(c.address(), ops);
    }
    List<Edge> edges = new ArrayList<>();
    for (ResourceChange c : byAddress.values()) {
      Address a = c.address();
      Call forward = forward(mine.get(a));
      Call delete = mine.get(a).get(Operation.DELETE);
      for (Address dep : desiredDeps(c)) {
        Call d = forward(mine.get(dep));
        if (forward != null && d != null) edges.add(new Edge(d, forward, a + " depends on " + dep));
      }
      if (c.action() == Action.DELETE_THEN_CREATE) {
        edges.add(new Edge(delete, forward, a + " is replaced and the new object cannot exist beside the old one"));
      }
      if (c.action() == Action.CREATE_THEN_DELETE) {
        edges.add(new Edge(forward, delete, a + " is replaced, creating the new object first"));
        for (ResourceChange other : byAddress.values()) {
          Call theirs = forward(mine.get(other.address()));
          if (theirs != null && desiredDeps(other).contains(a)) {
            edges.add(new Edge(theirs, delete, other.address() + " moves to the new " + a + " before the old one goes"));
          }
        }
        partsStayUntilDependentsMove(c, byAddress, mine, edges);
      }
      if (delete != null) releaseBeforeDelete(c, delete, byAddress, mine, edges);
    }
    ChangeOrder order = new ChangeOrder(calls, edges);
    order.refuseCycles();
    return order;
  }

  /**
   * What lives in an object replaced create-first (a bucket's content, policy, replication) is
   * deleted with the old object: after every dependent has moved to the new one, so the old
   * bucket is not emptied while the distribution still reads from it.
   */
  private static void partsStayUntilDependentsMove(ResourceChange whole, Map<Address, ResourceChange> byAddress,
      Map<Address, Map<Operation, Call>> mine, List<Edge> edges) {
    Address a = whole.address();
    for (ResourceChange part : byAddress.values()) {
      Call partDelete = mine.get(part.address()).get(Operation.DELETE);
      if (partDelete == null || part.desired().map(d -> !d.replacedWith().contains(a)).orElse(true)) continue;
      for (ResourceChange user : byAddress.values()) {
        Call theirs = forward(mine.get(user.address()));
        if (theirs == null || user == part || !desiredDeps(user).contains(a)
            || desiredDeps(user).contains(part.address())) {
          continue;
        }
        edges.add(new Edge(theirs, partDelete, "the old " + part.address() + " lives in the old " + a
            + ", which stays until " + user.address() + " has moved to the new one"));
      }
    }
  }

  /** The deletes and updates that must let go of the object {@code c} deletes first. */
  private static void releaseBeforeDelete(ResourceChange c, Call delete, Map<Address, ResourceChange> byAddress,
      Map<Address, Map<Operation, Call>> mine, List<Edge> edges) {
    for (ResourceChange other : byAddress.values()) {
      if (other == c || !priorDeps(other).contains(c.address())) continue;
      Map<Operation, Call> theirs = mine.get(other.address());
      if (theirs.containsKey(Operation.DELETE)) {
        edges.add(new Edge(theirs.get(Operation.DELETE), delete,
            "the old " + other.address() + " uses " + c.address() + " until it is deleted"));
      } else if (theirs.containsKey(Operation.UPDATE) && !desiredDeps(other).contains(c.address())) {
        edges.add(new Edge(theirs.get(Operation.UPDATE), delete,
            other.address() + " stops using " + c.address() + " before it is deleted"));
      }
    }
  }

  static Set<Address> desiredDeps(ResourceChange c) {
    return c.desired().map(ResourceSpec::dependsOn).orElse(Set.of());
  }

  static Set<Address> priorDeps(ResourceChange c) {
    if (c.prior().isEmpty()) return Set.of();
    return c.prior().get().dependencies().stream().map(Address::parse).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Call forward(Map<Operation, Call> ops) {
    if (ops == null) return null;
    return ops.containsKey(Operation.CREATE) ? ops.get(Operation.CREATE) : ops.get(Operation.UPDATE);
  }

  /** Every call, with the change it belongs to, in address order. */
  public Map<Call, ResourceChange> calls() {
    return calls;
  }

  public List<Edge> edges() {
    return edges;
  }

  private void refuseCycles() {
    Map<Call, List<Edge>> out = new LinkedHashMap<>();
    calls.keySet().forEach(c -> out.put(c, new ArrayList<>()));
    edges.forEach(e -> out.get(e.before()).add(e));
    Map<Call, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
    for (Call start : calls.keySet()) {
      List<Edge> cycle = findCycle(start, out, state, new ArrayList<>());
      if (cycle != null) throw unorderable(cycle);
    }
  }

  private static List<Edge> findCycle(Call v, Map<Call, List<Edge>> out, Map<Call, Integer> state, List<Edge> path) {
    Integer s = state.get(v);
    if (s != null && s == 2) return null;
    if (s != null && s == 1) {
      int from = 0;
      while (!path.get(from).before().equals(v)) from++;
      return new ArrayList<>(path.subList(from, path.size()));
    }
    state.put(v, 1);
    for (Edge e : out.get(v)) {
      path.add(e);
      List<Edge> cycle = findCycle(e.after(), out, state, path);
      if (cycle != null) return cycle;
      path.remove(path.size() - 1);
    }
    state.put(v, 2);
    return null;
  }

  private static PlanException unorderable(List<Edge> cycle) {
    Set<Address> resources = new TreeSet<>();
    cycle.forEach(e -> resources.add(e.before().address()));
    StringBuilder m = new StringBuilder("the changes to ")
        .append(resources.stream().map(Address::toString).collect(Collectors.joining(", ")))
        .append(" cannot be ordered; each of these must happen before the next:");
    for (Edge e : cycle) m.append("\n  ").append(e);
    m.append("\nNo single apply can make this edit: make it in two steps, first only the change that stops"
        + " using the replaced resources (apply it), then the rest.");
    return new PlanException(m.toString());
  }
}
