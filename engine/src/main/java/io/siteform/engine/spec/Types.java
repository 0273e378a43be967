package io.siteform.engine.spec;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** How YAML's implicit types read to a user, for "expected X, found Y" messages. */
final class Types {
  private Types() {}

  static String describe(Node n) {
    if (n == null) return "nothing";
    if (n instanceof MappingNode) return "a map";
    if (n instanceof SequenceNode) return "a list";
    ScalarNode s = (ScalarNode) n;
    Tag t = s.getTag();
    String shown = s.getValue().length() > 40 ? s.getValue().substring(0, 40) + "..." : s.getValue();
    if (t.equals(Tag.NULL)) return "nothing";
    if (t.equals(Tag.BOOL)) return "the boolean " + shown;
    if (t.equals(Tag.INT) || t.equals(Tag.FLOAT)) return "the number " + shown;
    if (t.equals(Tag.TIMESTAMP)) return "the date " + shown;
    return "the string '" + shown + "'";
  }

  /** The text of a scalar that may stand for a string, or null (booleans, nulls, collections). */
  static String text(Node n) {
    if (!(n instanceof ScalarNode s)) return null;
    Tag t = s.getTag();
    // a custom tag is reported on its own; reading its text avoids a second, confusing message
    return t.equals(Tag.BOOL) || t.equals(Tag.NULL) ? null : s.getValue();
  }
}
