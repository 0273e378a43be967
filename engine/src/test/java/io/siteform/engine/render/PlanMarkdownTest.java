package io.siteform.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.plan.Plan;
import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Golden;
import io.siteform.engine.testing.Harness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown plan a pull request shows: golden files, and the text plan inside it verbatim. */
class PlanMarkdownTest {
  private final Harness h = new Harness();
  private final PlanMarkdownRenderer markdown = new PlanMarkdownRenderer();

  private void check(String name, Plan plan, PlanTextRenderer.Scope scope) {
    String md = markdown.render(plan, scope);
    Golden.assertMatches(Golden.root().resolve("plan-markdown/" + name + ".md"), md);
    if (plan.hasChanges()) {
      // One plan text: the folded block is exactly what `siteform plan --no-color` prints.
      assertThat(md).contains(new PlanTextRenderer(Style.PLAIN).render(plan, scope).strip());
    }
  }

  @Test
  void aFirstApplyListsEveryResourceToCreate() {
    Plan plan = h.plan(Fixtures.workshop());
    check("create", plan, PlanTextRenderer.Scope.WHOLE);
    assertThat(markdown.render(plan, PlanTextRenderer.Scope.WHOLE))
        .contains("**Plan:** " + plan.summary().add() + " to add, 0 to change, 0 to destroy.")
        .contains("| `+` | `s3_bucket.primary` | will be created |");
  }

  @Test
  void aReplacementNamesWhatForcesIt() throws Exception {
    h.apply(Fixtures.spec("ticket-service-ui-jane-doe", List.of(
        new BucketSpec("ap-southeast-1", "ticket-service-ui-singapore-jane-doe"),
        new BucketSpec("us-west-2", "ticket-service-ui-oregon-jane-doe"))));
    Plan plan = h.plan(Fixtures.spec("ticket-service-ui-renamed", Fixtures.workshop().replicas()));
    check("replace-delete", plan, PlanTextRenderer.Scope.WHOLE);
    assertThat(markdown.render(plan, PlanTextRenderer.Scope.WHOLE)).contains("`bucket` forces replacement");
  }

  @Test
  void noChangesClaimsOnlyWhatWasCompared() throws Exception {
    h.apply(Fixtures.workshop());
    Plan plan = h.plan(Fixtures.workshop());
    check("no-changes", plan, PlanTextRenderer.Scope.WHOLE);
    assertThat(markdown.render(plan, new PlanTextRenderer.Scope(false, true)))
        .isEqualTo("### siteform plan\n\n**No changes (offline: state taken as live, AWS not read).**\n");
    assertThat(markdown.render(plan, new PlanTextRenderer.Scope(true, false)))
        .contains("No changes in the targeted resources.").contains("outside --target were not compared");
  }

  @Test
  void anObjectInTheWayMeansThePlanCannotBeApplied() {
    h.cloud.foreign.put("Z0123/example.com/AAAA", "Z0123_example.com_AAAA");
    Plan plan = h.plan(Fixtures.withDomain(List.of("example.com")));
    check("conflict", plan, PlanTextRenderer.Scope.WHOLE);
    assertThat(markdown.render(plan, PlanTextRenderer.Scope.WHOLE)).contains("**This plan cannot be applied:**");
  }
}
