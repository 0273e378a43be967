package io.siteform.engine.render;

import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code state show ADDR} and {@code show}: recorded objects in Terraform's block form. */
public final class StateTextRenderer {
  private final Style style;

  public StateTextRenderer(Style style) {
    this.style = style;
  }

  public String render(State state) {
    if (state.resources().isEmpty()) return "The state is empty: siteform manages nothing yet.\n";
    StringBuilder out = new StringBuilder();
    for (ResourceState r : state.resources()) {
      if (out.length() > 0) out.append('\n');
      out.append(render(r));
    }
    return out.toString();
  }

  public String render(ResourceState r) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(style.bold(r.address())).append(':');
    if (r.isCreating()) {
      out.append(" (creating: a create was started and AWS has not confirmed it; the next apply resumes it)");
    }
    out.append('\n');
    int dot = r.address().indexOf('.');
    out.append("resource \"").append(r.type()).append("\" \"").append(r.address().substring(dot + 1)).append("\" {\n");
    Map<String, Object> attrs = new TreeMap<>(r.attributes());
    if (r.isCreating()) attrs.put("status", "creating");
    else attrs.put("id", r.id());
    attrs.put("region", r.region());
    body(out, 4, attrs);
    out.append("}\n");
    return out.toString();
  }

  private void body(StringBuilder out, int indent, Map<String, Object> attrs) {
    int width = attrs.keySet().stream().mapToInt(k -> key(k, indent).length()).max().orElse(0);
    for (Map.Entry<String, Object> e : attrs.entrySet()) {
      out.append(" ".repeat(indent)).append(String.format("%-" + width + "s", key(e.getKey(), indent))).append(" = ");
      value(out, indent, e.getValue());
      out.append('\n');
    }
  }

  private void value(StringBuilder out, int indent, Object v) {
    ValuePrinter.plain().value(out, indent, v);
  }

  private static String key(String k, int indent) {
    return ValuePrinter.key(k, indent <= 4);
  }
}
