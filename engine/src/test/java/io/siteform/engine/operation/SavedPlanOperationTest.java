package io.siteform.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.planfile.PlanFile;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.resource.Expander;
import io.siteform.engine.spec.Spec;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import io.siteform.error.PlanException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A saved plan travels between checkouts of one commit, and is still refused once it is stale. */
class SavedPlanOperationTest {
  private static final String JOB1 = "/ci/job1/checkout/site/siteform.yaml";
  private static final String JOB2 = "/runner/work/2/s/site/siteform.yaml";

  private final Harness h = new Harness();
  private final Expander x = new Expander();

  @BeforeEach
  void files() {
    h.cloud.localFiles.put("index.html", "i1");
    h.cloud.localFiles.put("assets/app.js", "a1");
  }

  /** {@code plan --out} in the checkout of {@code spec}. */
  private String save(Spec spec) {
    Planned planned = h.planned(spec);
    PlanFile files = PlanFile.forSpec(spec.file());
    return files.write(planned.plan(), files.specDigest(x.expand(spec), x.data(spec)), files.dataDigest(planned.data()));
  }

  /** {@code apply FILE} in the checkout of {@code spec}. */
  private Planned open(String json, Spec spec) {
    PlanFile.Saved saved = PlanFile.forSpec(spec.file()).read(json, "site.tfplan");
    return new SavedPlanOperation(saved, "site.tfplan", h.backend.read(), spec.site().name(), spec.file(),
        x.expand(spec), x.data(spec), h.cloud::dataSources).call();
  }

  private static Spec at(Spec s, String file) {
    return new Spec(file, s.version(), s.site(), s.primary(), s.replicas(), s.replication(), s.content(), s.cdn(),
        s.domain(), s.backend(), s.locations());
  }

  @Test
  void aPlanMadeInOneCheckoutAppliesInAnotherOfTheSameCommit() throws Exception {
    String json = save(at(Fixtures.withContent(true), JOB1));
    // The plan records the site's folder relative to the spec: nothing of the first checkout's path.
    assertThat(json).doesNotContain("/ci/job1").contains("\"$path\" : \"dist\"", "\"source\" : \"dist\"");

    Planned opened = open(json, at(Fixtures.withContent(true), JOB2));
    ResourceChange content = opened.plan().changes().stream()
        .filter(c -> c.address().toString().equals("site_content.site")).findFirst().orElseThrow();
    // Uploaded from this checkout's folder.
    assertThat(content.desired().orElseThrow().attributes().get("source")).isEqualTo("/runner/work/2/s/site/dist");
    assertThat(h.apply(opened.plan()).ok()).isTrue();
    assertThat(h.plan(at(Fixtures.withContent(true), JOB2)).hasChanges()).isFalse();
  }

  @Test
  void aChangedFileInTheOtherCheckoutIsStale() {
    String json = save(at(Fixtures.withContent(true), JOB1));
    h.cloud.localFiles.put("index.html", "i2");
    assertThatThrownBy(() -> open(json, at(Fixtures.withContent(true), JOB2)))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("site.tfplan is stale: what it read changed since it was made (the site's files");
  }

  @Test
  void anotherSpecIsStaleWhereverItLies() {
    String json = save(at(Fixtures.withContent(true), JOB1));
    assertThatThrownBy(() -> open(json, at(Fixtures.withContent(false), JOB2)))
        .isInstanceOf(PlanException.class).hasMessageContaining("or its variables changed since it was made");
    // The same spec in the same place, but publishing another folder of the checkout.
    Spec other = at(Fixtures.withContent(true), JOB1);
    Spec elsewhere = new Spec(other.file(), other.version(), other.site(), other.primary(), other.replicas(),
        other.replication(), other.content().map(c -> new io.siteform.engine.spec.ContentSpec("build/", c.delete(),
            c.cacheControl(), c.invalidate())), other.cdn(), other.domain(), other.backend(), other.locations());
    assertThatThrownBy(() -> open(json, elsewhere)).hasMessageContaining("or its variables changed");
  }

  @Test
  void aFolderOutsideTheSpecsTravelsToo() throws Exception {
    Spec s = at(Fixtures.withContent(true), JOB1);
    Spec outside = new Spec(s.file(), s.version(), s.site(), s.primary(), s.replicas(), s.replication(),
        s.content().map(c -> new io.siteform.engine.spec.ContentSpec("../web/dist", c.delete(), c.cacheControl(),
            c.invalidate())), s.cdn(), s.domain(), s.backend(), s.locations());
    String json = save(outside);
    assertThat(json).doesNotContain("/ci/job1").contains("\"$path\" : \"../web/dist\"");
    Spec moved = at(outside, JOB2);
    ResourceChange content = open(json, moved).plan().changes().stream()
        .filter(c -> c.address().toString().equals("site_content.site")).findFirst().orElseThrow();
    assertThat(content.desired().orElseThrow().attributes().get("source")).isEqualTo("/runner/work/2/s/web/dist");
  }
}
