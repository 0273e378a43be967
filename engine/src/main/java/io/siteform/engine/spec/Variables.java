package io.siteform.engine.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The {@code variables:} section and {@code ${var.NAME}} interpolation. A value comes from
 * {@code --var} first, then {@code SITEFORM_VAR_NAME}, then the declared default, so CI can
 * override a checked-in default without editing the file.
 */
final class Variables {
  static final String ENV_PREFIX = "SITEFORM_VAR_";
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final List<String> KEYS = List.of("default", "description");

  /** Declared names; a null value means "declared, but no value" (already reported). */
  private final Map<String, String> values;

  private Variables(Map<String, String> values) {
    this.values = values;
  }

  static Variables none() {
    return new Variables(Map.of());
  }

  /** Reads {@code variables:} (may be null) and resolves every declared variable's value. */
  static Variables read(ReadContext cx, Node keyNode, Node section, Map<String, String> cliVars,
      Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    if (section instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        declare(cx, t, values, cliVars, env);
      }
    } else if (section != null) {
      cx.problems().at(section, "variables: expected a map of names to {default: VALUE}, found "
          + Types.describe(section));
    }
    for (String name : cliVars.keySet()) {
      if (values.containsKey(name)) continue;
      String hint = Suggestions.nearest(name, values.keySet())
          .map(s -> "; did you mean '" + s + "'?")
          .orElse("; declare it under `variables:` as `" + name + ": {default: VALUE}`");
      cx.problems().at(section != null ? keyNode : null,
          "--var " + name + "=...: no variable '" + name + "' is declared" + hint);
    }
    return new Variables(values);
  }

  private static void declare(ReadContext cx, NodeTuple t, Map<String, String> values,
      Map<String, String> cliVars, Map<String, String> env) {
    if (!(t.getKeyNode() instanceof ScalarNode k) || !NAME.matcher(k.getValue()).matches()) {
      cx.problems().at(t.getKeyNode(), "variable name " + Types.describe(t.getKeyNode())
          + " is invalid; use letters, digits and underscores, starting with a letter");
      return;
    }
    String name = k.getValue();
    if (values.containsKey(name)) {
      cx.problems().at(k, "variable '" + name + "' is declared twice; keep one");
      return;
    }
    String path = "variables." + name;
    cx.locate(path, t.getValueNode());
    String dflt = null;
    boolean reported = false;
    if (!t.getValueNode().getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL)) {
      MapReader decl = MapReader.of(cx, path, k, t.getValueNode(), KEYS);
      Node d = decl.node("default");
      if (d != null) {
        dflt = d instanceof ScalarNode s ? s.getValue() : null;
        if (dflt == null) {
          reported = true;
          cx.problems().at(d, path + ".default: expected a string, found " + Types.describe(d));
        }
      }
      if (decl.has("description")) decl.stringValue(decl.node("description"), path + ".description");
    }
    String value = cliVars.containsKey(name) ? cliVars.get(name)
        : env.containsKey(ENV_PREFIX + name) ? env.get(ENV_PREFIX + name) : dflt;
    if (value == null && !reported) {
      cx.problems().at(k, "variable '" + name + "' has no value; pass --var " + name + "=VALUE, set "
          + ENV_PREFIX + name + "=VALUE, or write `" + name + ": {default: VALUE}`");
    }
    values.put(name, value);
  }

  /**
   * Replaces {@code ${var.NAME}} in {@code text}; {@code $${} stands for a literal {@code ${}.
   * Returns null when a reference cannot be resolved (reported at {@code node}).
   */
  String interpolate(String text, Node node, String path, Problems problems) {
    if (!text.contains("${")) return text;
    StringBuilder out = new StringBuilder();
    boolean ok = true;
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          problems.at(node, path + ": '${' is not closed; write ${var.NAME}, or $${ for a literal ${");
          return null;
        }
        String expr = text.substring(i + 2, end).trim();
        String value = resolve(expr, node, path, problems);
        if (value == null) ok = false;
        else out.append(value);
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return ok ? out.toString() : null;
  }

  private String resolve(String expr, Node node, String path, Problems problems) {
    if (!expr.startsWith("var.")) {
      problems.at(node, path + ": '${" + expr + "}' is not supported; write ${var.NAME},"
          + " or $${ for a literal ${");
      return null;
    }
    String name = expr.substring(4);
    if (!values.containsKey(name)) {
      problems.at(node, path + ": undefined variable '" + name + "'"
          + Suggestions.nearest(name, values.keySet()).map(s -> "; did you mean '" + s + "'?")
              .orElse("; declare it under `variables:` as `" + name + ": {default: VALUE}`"));
      return null;
    }
    return values.get(name); // null when it has no value: reported at its declaration
  }
}
