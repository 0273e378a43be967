package io.siteform.engine.render;

import io.siteform.engine.graph.ResourceGraph;
import io.siteform.engine.resource.Address;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;

/** The resource graph in Graphviz's DOT language, edges from a dependency to its dependent. */
public final class GraphDotRenderer {
  public String render(ResourceGraph graph) {
    DOTExporter<Address, org.jgrapht.graph.DefaultEdge> exporter =
        new DOTExporter<>(a -> "\"" + a + "\"");
    exporter.setGraphIdProvider(() -> "siteform");
    exporter.setGraphAttributeProvider(() -> {
      Map<String, Attribute> g = new LinkedHashMap<>();
      g.put("rankdir", DefaultAttribute.createAttribute("LR"));
      return g;
    });
    exporter.setVertexAttributeProvider(a -> {
      Map<String, Attribute> v = new LinkedHashMap<>();
      v.put("label", DefaultAttribute.createAttribute(a.toString()));
      v.put("shape", DefaultAttribute.createAttribute("box"));
      return v;
    });
    StringWriter out = new StringWriter();
    exporter.exportGraph(graph.view(), out);
    return out.toString();
  }
}
