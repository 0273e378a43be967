package io.siteform.engine.graph;

import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The desired resources as a DAG, edges pointing from a dependency to its dependent. Building it
 * rejects a dependency on a resource that does not exist and any cycle.
 */
public final class ResourceGraph {
  private final DirectedAcyclicGraph<Address, DefaultEdge> dag;
  private final Map<Address, ResourceSpec> byAddress = new TreeMap<>();

  public ResourceGraph(Collection<ResourceSpec> resources) {
    dag = new DirectedAcyclicGraph<>(DefaultEdge.class);
    for (ResourceSpec r : resources) {
      if (byAddress.put(r.address(), r) != null) {
        throw new IllegalArgumentException("two resources at " + r.address());
      }
      dag.addVertex(r.address());
    }
    for (ResourceSpec r : resources) {
      for (Address d : r.dependsOn()) {
        if (!byAddress.containsKey(d)) {
          throw new IllegalArgumentException(r.address() + " depends on unknown " + d);
        }
        try {
          dag.addEdge(d, r.address());
        } catch (IllegalArgumentException cycle) {
          throw new IllegalArgumentException("dependency cycle through " + d + " and " + r.address(), cycle);
        }
      }
    }
  }

  /** Addresses in an order where every dependency comes before its dependents; ties by name. */
  public List<Address> topologicalOrder() {
    List<Address> out = new ArrayList<>();
    new TopologicalOrderIterator<>(dag, Address::compareTo).forEachRemaining(out::add);
    return out;
  }

  public ResourceSpec get(Address a) {
    return byAddress.get(a);
  }

  public Set<Address> addresses() {
    return byAddress.keySet();
  }

  /** A read-only view for exporters (DOT, SVG). */
  public Graph<Address, DefaultEdge> view() {
    Graph<Address, DefaultEdge> copy =
        GraphTypeBuilder.<Address, DefaultEdge>directed().edgeClass(DefaultEdge.class).buildGraph();
    dag.vertexSet().forEach(copy::addVertex);
    dag.edgeSet().forEach(e -> copy.addEdge(dag.getEdgeSource(e), dag.getEdgeTarget(e)));
    return copy;
  }
}
