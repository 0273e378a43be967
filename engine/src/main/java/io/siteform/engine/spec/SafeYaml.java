package io.siteform.engine.spec;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns text into a SnakeYAML node tree, never into objects: nodes keep their marks for messages,
 * and no tag can make SnakeYAML instantiate a class. Limits bound what a hostile file can cost.
 */
final class SafeYaml {
  /** Specs are a few dozen lines; anything near this size is a mistake or an attack. */
  static final int MAX_CODE_POINTS = 1024 * 1024;

  private static final Set<Tag> STANDARD =
      Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ,
          Tag.MERGE); // merge keys get their own message from MapReader

  private SafeYaml() {}

  /** The document's root node, or null when there is none or it could not be read. */
  static Node compose(String text, Problems problems) {
    if (text.length() > MAX_CODE_POINTS) {
      problems.atStart("the file is larger than 1 MiB; a siteform spec is a few dozen lines");
      return null;
    }
    try {
      Node root = new Yaml(new SafeConstructor(options())).compose(new StringReader(text));
      if (root != null) rejectCustomTags(root, problems);
      return root;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      problems.at(mark, syntax(e) + quotingHint(text, mark));
    } catch (ReaderException e) {
      int[] lc = lineColumn(text, e.getPosition());
      problems.at(
          new Mark("", 0, lc[0], lc[1], new int[0], 0),
          String.format(
              "character U+%04X is not allowed in YAML; is this a text file?", e.getCodePoint()));
    } catch (YAMLException e) {
      problems.atStart("cannot read YAML: " + firstLine(e.getMessage()));
    }
    return null;
  }

  private static LoaderOptions options() {
    LoaderOptions o = new LoaderOptions();
    o.setAllowDuplicateKeys(false);
    o.setMaxAliasesForCollections(10);
    o.setAllowRecursiveKeys(false);
    o.setNestingDepthLimit(20);
    o.setCodePointLimit(MAX_CODE_POINTS);
    // Let every tag through composition so rejectCustomTags can report all of them, located;
    // nothing is ever constructed from a tag here.
    o.setTagInspector(tag -> true);
    return o;
  }

  private static void rejectCustomTags(Node root, Problems problems) {
    // identity set: aliases share nodes, and a recursive alias would loop forever
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Node> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (!seen.add(n)) continue;
      if (!STANDARD.contains(n.getTag())) {
        problems.at(n, "tag '" + shortTag(n.getTag()) + "' is not supported; remove it,"
            + " a spec holds only plain maps, lists, strings, numbers and booleans");
      }
      if (n instanceof MappingNode m) {
        for (NodeTuple t : m.getValue()) {
          todo.push(t.getKeyNode());
          todo.push(t.getValueNode());
        }
      } else if (n instanceof SequenceNode s) {
        s.getValue().forEach(todo::push);
      }
    }
  }

  private static String shortTag(Tag tag) {
    String v = tag.getValue();
    return v.startsWith(Tag.PREFIX) ? "!!" + v.substring(Tag.PREFIX.length()) : v;
  }

  private static String syntax(MarkedYAMLException e) {
    String problem = firstLine(e.getProblem() != null ? e.getProblem() : e.getContext());
    String context = e.getProblem() != null && e.getContext() != null ? firstLine(e.getContext()) : null;
    if (context == null) return "YAML syntax error: " + problem;
    // SnakeYAML splits one sentence in two: "expected a single document" + "but found another"
    return context.startsWith("while ")
        ? "YAML syntax error: " + problem + " (" + context + ")"
        : "YAML syntax error: " + context + ", " + problem;
  }

  /** "{" of ${var.x} ends a plain scalar inside flow collections, a surprise worth naming. */
  private static String quotingHint(String text, Mark mark) {
    if (mark == null) return "";
    String[] lines = text.split("\n", -1);
    boolean hasReference = mark.getLine() < lines.length && lines[mark.getLine()].contains("${");
    return hasReference ? "; inside { } or [ ], quote a value that contains ${...}" : "";
  }

  private static String firstLine(String s) {
    if (s == null) return "invalid YAML";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  /** 0-based line and column of a code point offset, as SnakeYAML's marks count. */
  private static int[] lineColumn(String text, int codePointOffset) {
    int line = 0;
    int col = 0;
    int i = 0;
    for (int cp = 0; i < text.length() && cp < codePointOffset; cp++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        col = 0;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }
}
