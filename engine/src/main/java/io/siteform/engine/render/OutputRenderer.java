package io.siteform.engine.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siteform.engine.plan.OutputChange;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The site's outputs as Terraform prints them: {@code name = value} lines in HCL (strings
 * quoted, objects and lists one entry a line), by name; and {@code output --json}'s {@code
 * {"name": {"sensitive": false, "type": ..., "value": ...}}}, with the type as Terraform writes it
 * ({@code "string"}, {@code ["object", {...}]}, {@code ["list", ...]}).
 */
public final class OutputRenderer {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Every output, one {@code name = value} a line (a value may span lines), sorted by name. */
  public String hcl(Map<String, Object> outputs) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(outputs).forEach((k, v) -> b.append(k).append(" = ").append(hclValue(v)).append('\n'));
    return b.toString();
  }

  /** One value in HCL. */
  public String hclValue(Object v) {
    StringBuilder b = new StringBuilder();
    value(b, 0, v);
    return b.toString();
  }

  private static void value(StringBuilder b, int indent, Object v) {
    String pad = " ".repeat(indent + 2);
    if (v == OutputChange.UNKNOWN) {
      b.append("(known after apply)");
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      Map<String, Object> sorted = new TreeMap<>(ValuePrinter.strings(m));
      int width = sorted.keySet().stream().mapToInt(k -> ValuePrinter.quote(k).length()).max().orElse(0);
      b.append("{\n");
      sorted.forEach((k, x) -> {
        b.append(pad).append(String.format("%-" + width + "s", ValuePrinter.quote(k))).append(" = ");
        value(b, indent + 2, x);
        b.append('\n');
      });
      b.append(" ".repeat(indent)).append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append("[\n");
      for (Object x : l) {
        b.append(pad);
        value(b, indent + 2, x);
        b.append(",\n");
      }
      b.append(" ".repeat(indent)).append(']');
    } else if (v instanceof String s) {
      b.append(ValuePrinter.quote(s));
    } else {
      b.append(v);
    }
  }

  /** {@code output --json}: every output with its value, type and sensitivity. */
  public String json(Map<String, Object> outputs) {
    ObjectNode root = F.objectNode();
    new TreeMap<>(outputs).forEach((k, v) -> root.set(k, entry(v)));
    return write(root);
  }

  /** One output's {@code {sensitive, type, value}}. */
  public static ObjectNode entry(Object v) {
    ObjectNode o = F.objectNode();
    o.put("sensitive", false);
    o.set("type", type(v));
    o.set("value", PlanJsonRenderer.known(v));
    return o;
  }

  /** The value alone, as {@code output --json NAME} prints it. */
  public String jsonValue(Object v) {
    return write(PlanJsonRenderer.known(v));
  }

  /** The type of {@code v} as Terraform's JSON writes types. */
  static JsonNode type(Object v) {
    if (v instanceof Map<?, ?> m) {
      ArrayNode t = F.arrayNode().add("object");
      ObjectNode attrs = t.addObject();
      new TreeMap<>(ValuePrinter.strings(m)).forEach((k, x) -> attrs.set(k, type(x)));
      return t;
    }
    if (v instanceof List<?> l) {
      List<JsonNode> types = l.stream().map(OutputRenderer::type).toList();
      if (!types.isEmpty() && types.stream().distinct().count() == 1) return F.arrayNode().add("list").add(types.get(0));
      ArrayNode t = F.arrayNode().add("tuple");
      ArrayNode elements = t.addArray();
      types.forEach(elements::add);
      return t;
    }
    if (v instanceof Boolean) return F.textNode("bool");
    if (v instanceof Number) return F.textNode("number");
    return F.textNode("string");
  }

  private static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
