package io.siteform.engine.spec;

import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The region codes a spec may use. Injected rather than hard-coded because the list grows with
 * AWS, and the CLI takes it from the SDK, which the engine must not import.
 */
record Regions(Set<String> known) {
  Regions {
    known = Set.copyOf(new TreeSet<>(known));
  }

  /** True when {@code value} is a known region; otherwise reports at {@code node}. */
  boolean check(Problems problems, Node node, String path, String value) {
    if (known.contains(value)) return true;
    problems.at(node, path + ": unknown region '" + value + "'"
        + Suggestions.nearest(value, known).map(s -> "; did you mean '" + s + "'?")
            .orElse("; write an AWS region code such as eu-west-1"));
    return false;
  }
}
