package io.siteform.engine.spec;

import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What every section reader shares: where problems go, where value positions go (they become
 * {@link Locations}), and the variables that string values are interpolated with.
 */
record ReadContext(Problems problems, Map<String, int[]> locations, Variables variables) {

  void locate(String path, Node node) {
    locations.put(path, new int[] {node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1});
  }
}
