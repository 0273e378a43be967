package io.siteform.engine.spec;

import io.siteform.error.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects every problem of one spec so that a user fixes them all in one round instead of one
 * per run. Converts SnakeYAML's 0-based marks to the 1-based lines and columns editors show.
 */
final class Problems {
  private final String file;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  void at(Node node, String message) {
    at(node == null ? null : node.getStartMark(), message);
  }

  void at(Mark mark, String message) {
    if (mark == null) {
      atStart(message);
    } else {
      diagnostics.add(new Diagnostic(file, mark.getLine() + 1, mark.getColumn() + 1, message));
    }
  }

  /** For problems that have no place in the file: a missing key, a --var. */
  void atStart(String message) {
    diagnostics.add(new Diagnostic(file, 1, 1, message));
  }

  boolean any() {
    return !diagnostics.isEmpty();
  }

  List<Diagnostic> sorted() {
    return diagnostics.stream().sorted().distinct().toList();
  }
}
