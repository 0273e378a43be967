package io.siteform.engine.render;

import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.ResourceChange;

/**
 * A plan as Markdown for a pull-request comment or a CI job summary: the closing counts as a
 * heading, one table row per resource that changes, and the whole text plan (as {@link
 * PlanTextRenderer} prints it, uncoloured) folded in a {@code <details>} block, so a reviewer
 * reads the gist at once and every attribute on demand. There is one plan text: this class only
 * frames it.
 */
public final class PlanMarkdownRenderer {

  public String render(Plan plan) {
    StringBuilder b = new StringBuilder("### siteform plan\n\n");
    Plan.Summary s = plan.summary();
    if (!plan.hasChanges() && plan.drift().isEmpty() && plan.conflicts().isEmpty()) {
      return b.append("**No changes.** AWS matches the spec.\n").toString();
    }
    if (plan.hasChanges()) {
      b.append("**Plan:** ").append(s.add()).append(" to add, ").append(s.change()).append(" to change, ")
          .append(s.destroy()).append(" to destroy.\n\n");
    } else {
      b.append("**No changes** to make.\n\n");
    }
    if (!plan.drift().isEmpty()) {
      b.append(plan.drift().size()).append(plan.drift().size() == 1 ? " resource has" : " resources have")
          .append(" changed outside siteform (shown first in the plan below).\n\n");
    }
    if (!plan.conflicts().isEmpty()) {
      b.append("**This plan cannot be applied:** ").append(plan.conflicts().size())
          .append(plan.conflicts().size() == 1 ? " object" : " objects")
          .append(" made outside siteform stand in the way (see the plan below).\n\n");
    }
    if (plan.hasChanges()) {
      b.append("| | resource | action |\n|---|---|---|\n");
      for (ResourceChange c : plan.actions()) {
        b.append("| `").append(symbol(c.action())).append("` | `").append(c.address()).append("` | ")
            .append(words(c)).append(" |\n");
      }
      b.append('\n');
    }
    String text = new PlanTextRenderer(Style.PLAIN).render(plan).strip();
    b.append("<details><summary>Full plan</summary>\n\n```\n").append(text.replace("```", "ʼʼʼ"))
        .append("\n```\n\n</details>\n");
    return b.toString();
  }

  private static String symbol(Action a) {
    return switch (a) {
      case CREATE -> "+";
      case UPDATE -> "~";
      case DELETE -> "-";
      case DELETE_THEN_CREATE -> "-/+";
      case CREATE_THEN_DELETE -> "+/-";
      default -> " ";
    };
  }

  private static String words(ResourceChange c) {
    String what = switch (c.action()) {
      case CREATE -> "create";
      case UPDATE -> "update in place";
      case DELETE -> "destroy";
      case DELETE_THEN_CREATE -> "replace (destroy, then create)";
      case CREATE_THEN_DELETE -> "replace (create, then destroy)";
      default -> "no change";
    };
    StringBuilder b = new StringBuilder(what);
    if (c.action().isReplace() && !c.replacePaths().isEmpty()) {
      b.append(": ").append(String.join(", ", c.replacePaths().stream().map(p -> "`" + p + "`").toList()))
          .append(" forces replacement");
    }
    c.reason().ifPresent(r -> b.append(" (").append(r.replace("|", "\\|")).append(')'));
    return b.toString();
  }
}
