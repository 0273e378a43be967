package io.siteform.engine.apply;

import io.siteform.engine.event.Operation;
import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * Builds the apply graph from a plan alone (never the spec). The ordering rules every Terraform
 * user otherwise spells out with {@code depends_on}:
 *
 * <ul>
 *   <li>a create or update runs after the creates and updates of what it depends on;
 *   <li>a delete runs after the deletes of everything that depended on the object, and after
 *       the updates of those that stop depending on it (a replication rule leaves a replica
 *       before the replica goes);
 *   <li>a replacement deletes first and then creates, or, where the schema allows, creates
 *       first and deletes the old object once every dependent has moved to the new one.
 * </ul>
 */
final class StepGraph {
  private StepGraph() {}

  static DirectedAcyclicGraph<Step, DefaultEdge> build(Plan plan) {
    DirectedAcyclicGraph<Step, DefaultEdge> g = new DirectedAcyclicGraph<>(DefaultEdge.class);
    Map<Address, Map<Operation, Step>> steps = new HashMap<>();
    Map<Address, ResourceChange> changes = new HashMap<>();
    for (ResourceChange c : plan.changes()) {
      changes.put(c.address(), c);
      Map<Operation, Step> mine = new EnumMap<>(Operation.class);
      if (c.action().creates()) mine.put(Operation.CREATE, new Step(Operation.CREATE, c));
      if (c.action() == Action.UPDATE) mine.put(Operation.UPDATE, new Step(Operation.UPDATE, c));
      if (c.action().deletes()) mine.put(Operation.DELETE, new Step(Operation.DELETE, c));
      mine.values().forEach(g::addVertex);
      steps.put(c.address(), mine);
    }
    for (ResourceChange c : plan.changes()) {
      Map<Operation, Step> mine = steps.get(c.address());
      Step forward = mine.containsKey(Operation.CREATE) ? mine.get(Operation.CREATE) : mine.get(Operation.UPDATE);
      Step delete = mine.get(Operation.DELETE);
      if (forward != null) {
        for (Address dep : c.desired().orElseThrow().dependsOn()) {
          Step d = forwardStep(steps.get(dep));
          if (d != null) g.addEdge(d, forward);
        }
      }
      if (c.action() == Action.DELETE_THEN_CREATE) g.addEdge(delete, forward);
      if (c.action() == Action.CREATE_THEN_DELETE) {
        g.addEdge(forward, delete);
        // Dependents move to the new object before the old one goes.
        for (ResourceChange other : plan.changes()) {
          if (other.desired().map(d -> d.dependsOn().contains(c.address())).orElse(false)) {
            Step s = forwardStep(steps.get(other.address()));
            if (s != null) g.addEdge(s, delete);
          }
        }
      }
      if (delete != null) orderDeleteAfterDependents(g, c, delete, steps, changes);
    }
    return g;
  }

  private static void orderDeleteAfterDependents(
      DirectedAcyclicGraph<Step, DefaultEdge> g,
      ResourceChange c,
      Step delete,
      Map<Address, Map<Operation, Step>> steps,
      Map<Address, ResourceChange> changes) {
    String me = c.address().toString();
    for (ResourceChange other : changes.values()) {
      if (other == c || other.prior().isEmpty()) continue;
      if (!other.prior().get().dependencies().contains(me)) continue;
      Map<Operation, Step> theirs = steps.get(other.address());
      Step theirDelete = theirs.get(Operation.DELETE);
      if (theirDelete != null) {
        g.addEdge(theirDelete, delete);
      } else if (theirs.containsKey(Operation.UPDATE)
          && !other.desired().map(ResourceSpec::dependsOn).orElseThrow().contains(c.address())) {
        g.addEdge(theirs.get(Operation.UPDATE), delete);
      }
    }
  }

  private static Step forwardStep(Map<Operation, Step> s) {
    if (s == null) return null;
    return s.containsKey(Operation.CREATE) ? s.get(Operation.CREATE) : s.get(Operation.UPDATE);
  }
}
