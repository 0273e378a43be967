package io.siteform.engine.apply;

import io.siteform.engine.plan.ChangeOrder;
import io.siteform.engine.plan.Plan;
import java.util.HashMap;
import java.util.Map;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * The apply graph of a plan alone (never the spec): one step per provider call, ordered as
 * {@link ChangeOrder} says. The planner has already built the same order, so a plan that reaches
 * apply can be ordered; a saved plan that cannot is refused here before any call.
 */
final class StepGraph {
  private StepGraph() {}

  static DirectedAcyclicGraph<Step, DefaultEdge> build(Plan plan) {
    ChangeOrder order = ChangeOrder.of(plan.changes());
    DirectedAcyclicGraph<Step, DefaultEdge> g = new DirectedAcyclicGraph<>(DefaultEdge.class);
    Map<ChangeOrder.Call, Step> steps = new HashMap<>();
    order.calls().forEach((call, change) -> {
      Step s = new Step(call.operation(), change);
      steps.put(call, s);
      g.addVertex(s);
    });
    for (ChangeOrder.Edge e : order.edges()) g.addEdge(steps.get(e.before()), steps.get(e.after()));
    return g;
  }
}
