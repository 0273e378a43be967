package io.siteform.engine.planfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.plan.Plan;
import io.siteform.engine.resource.Expander;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import io.siteform.error.PlanException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanFileTest {
  private final Harness h = new Harness();

  @Test
  void aSavedPlanReadsBackEqualPlaceholdersIncluded() throws Exception {
    h.apply(Fixtures.workshop());
    h.cloud.foreign.put("Z0123/www.example.com/A", "Z0123_www.example.com_A");
    Plan plan = h.plan(Fixtures.withDomain(List.of("www.example.com", "example.com")));
    String json = new PlanFile(java.nio.file.Path.of("/home/jane/site")).write(plan, "spec1", "data1");
    assertThat(json).contains("\"resource_changes\"", "\"siteform_plan\"", "\"$ref\"");
    PlanFile.Saved back = new PlanFile(java.nio.file.Path.of("/home/jane/site")).read(json, "p.json");
    assertThat(back.plan()).isEqualTo(plan);
    assertThat(back.specDigest()).isEqualTo("spec1");
    assertThat(back.dataDigest()).isEqualTo("data1");
    // The read-back plan applies like the original.
    h.cloud.foreign.clear();
    Plan clean = h.plan(Fixtures.withDomain(List.of("www.example.com", "example.com")));
    assertThat(h.apply(new PlanFile(java.nio.file.Path.of("/home/jane/site")).read(new PlanFile(java.nio.file.Path.of("/home/jane/site")).write(clean, "s", "d"), "p").plan()).ok()).isTrue();
    assertThat(h.plan(Fixtures.withDomain(List.of("www.example.com", "example.com"))).hasChanges()).isFalse();
  }

  @Test
  void theSpecDigestChangesWithTheSpecOnly() {
    Expander x = new Expander();
    var a = new PlanFile(java.nio.file.Path.of("/home/jane/site")).specDigest(x.expand(Fixtures.workshop()), x.data(Fixtures.workshop()));
    var same = new PlanFile(java.nio.file.Path.of("/home/jane/site")).specDigest(x.expand(Fixtures.workshop()), x.data(Fixtures.workshop()));
    var other = new PlanFile(java.nio.file.Path.of("/home/jane/site")).specDigest(x.expand(Fixtures.withDomain(List.of("www.example.com"))),
        x.data(Fixtures.withDomain(List.of("www.example.com"))));
    assertThat(a).isEqualTo(same).isNotEqualTo(other).hasSize(64);
  }

  @Test
  void somethingElseIsRefusedClearly() {
    assertThatThrownBy(() -> new PlanFile(java.nio.file.Path.of("/home/jane/site")).read("{\"format_version\":\"1.2\"}", "x.json"))
        .isInstanceOf(PlanException.class).hasMessageContaining("x.json is not a plan saved by `siteform plan --out`");
    assertThatThrownBy(() -> new PlanFile(java.nio.file.Path.of("/home/jane/site")).read("{nope", "x.json"))
        .isInstanceOf(PlanException.class).hasMessageContaining("x.json is not a readable plan");
    assertThatThrownBy(() -> new PlanFile(java.nio.file.Path.of("/home/jane/site")).read("{\"siteform_plan\":{\"version\":99}}", "x.json"))
        .hasMessageContaining("another siteform version");
  }
}
