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
  private static final PlanTextRenderer PLAIN = new PlanTextRenderer(Style.PLAIN);

  /** {@code plan} as compared in {@code scope}: its no-changes line claims only what was compared. */
  public String render(Plan plan, PlanTextRenderer.Scope scope) {
    StringBuilder b = new StringBuilder("### siteform plan\n\n");
    Plan.Summary s = plan.summary();
    if (!plan.hasChanges() && plan.drift().isEmpty() && plan.conflicts().isEmpty()) {
      String[] line = scope.noChanges(plan);
      return b.append("**").append(line[0]).append("**").append(line[1]).append('\n').toString();
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
        b.append("| `").append(PLAIN.sym(c.action())).append("` | `").append(c.address()).append("` | ")
            .append(words(c)).append(" |\n");
      }
      b.append('\n');
    }
    String text = (PLAIN.render(plan, scope) + PLAIN.renderConflicts(plan)).strip();
    b.append("<details><summary>Full plan</summary>\n\n```\n").append(text.replace("```", "ʼʼʼ"))
        .append("\n```\n\n</details>\n");
    return b.toString();
  }

  private static String words(ResourceChange c) {
    StringBuilder b = new StringBuilder(PlanTextRenderer.fate(c.action()));
    if (c.action() == Action.DELETE_THEN_CREATE) b.append(" (destroy, then create)");
    if (c.action() == Action.CREATE_THEN_DELETE) b.append(" (create, then destroy)");
    if (c.action().isReplace() && !c.replacePaths().isEmpty()) {
      b.append(": ").append(String.join(", ", c.replacePaths().stream().map(p -> "`" + p + "`").toList()))
          .append(" forces replacement");
    }
    c.reason().ifPresent(r -> b.append(" (").append(r.replace("|", "\\|")).append(')'));
    return b.toString();
  }
}
