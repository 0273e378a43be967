package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.Expander;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Publishing through the engine on the fake cloud: ordering and exact plans. */
@SuppressWarnings("unchecked")
class ContentApplyTest {
  private final Harness h = new Harness();

  private int at(String call) {
    int i = h.cloud.calls.indexOf(call);
    assertThat(i).as(call + " in " + h.cloud.calls).isNotNegative();
    return i;
  }

  private ResourceChange change(Plan p, String address) {
    return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
  }

  @Test
  void contentIsPublishedAfterReplicationAndInvalidatedAfterPublishing() throws Exception {
    h.cloud.localFiles.putAll(Map.of("index.html", "aa", "about.html", "bb"));
    h.apply(Fixtures.withContent(true));
    assertThat(at("create s3_replication.primary")).isLessThan(at("create site_content.site"));
    assertThat(at("create site_content.site")).isLessThan(at("create cloudfront_invalidation.site"));
    assertThat(at("create cloudfront_distribution.site")).isLessThan(at("create cloudfront_invalidation.site"));
    assertThat(h.plan(Fixtures.withContent(true)).hasChanges()).isFalse();
  }

  @Test
  void anEditUpdatesTheContentAndTheInvalidationInPlace() throws Exception {
    h.cloud.localFiles.putAll(Map.of("index.html", "aa", "about.html", "bb"));
    h.apply(Fixtures.withContent(true));
    h.cloud.localFiles.put("about.html", "cc");
    Plan plan = h.plan(Fixtures.withContent(true));
    assertThat(plan.actions()).extracting(c -> c.address().toString() + " " + c.action())
        .containsExactlyInAnyOrder("site_content.site UPDATE", "cloudfront_invalidation.site UPDATE");
  }

  /**
   * An object deleted from the bucket by hand, and one whose Content-Type someone changed: the
   * content's apply restores both although no local file changed, and the invalidation covers
   * them, so CloudFront stops serving what it cached meanwhile. The next plan is "No changes."
   */
  @Test
  void objectsRestoredAfterTamperingAreInvalidatedToo() throws Exception {
    h.cloud.localFiles.putAll(Map.of("index.html", "aa", "about.html", "bb", "app.js", "cc"));
    h.apply(Fixtures.withContent(true));
    String key = h.cloud.objects.keySet().stream().filter(k -> k.startsWith("site_content.site#")).findFirst().orElseThrow();
    var live = h.cloud.objects.get(key);
    Map<String, Object> attrs = new java.util.TreeMap<>(live.attributes());
    Map<String, Object> files = new java.util.TreeMap<>((Map<String, Object>) attrs.get("files"));
    files.remove("about.html");
    Map<String, Object> app = new java.util.TreeMap<>((Map<String, Object>) files.get("app.js"));
    app.put("content_type", "text/plain");
    files.put("app.js", app);
    attrs.put("files", files);
    h.cloud.objects.put(key, new io.siteform.engine.provider.LiveResource(live.id(), attrs));

    Plan plan = h.plan(Fixtures.withContent(true));
    assertThat(plan.actions()).extracting(c -> c.address().toString() + " " + c.action())
        .containsExactlyInAnyOrder("site_content.site UPDATE", "cloudfront_invalidation.site UPDATE");
    ResourceChange invalidation = change(plan, "cloudfront_invalidation.site");
    assertThat(invalidation.after().get("rewrites")).isEqualTo(Map.of("about.html", "written", "app.js", "written"));
    assertThat(invalidation.desired().orElseThrow().attributes().get("rewrites"))
        .as("apply is given what the plan showed").isEqualTo(invalidation.after().get("rewrites"));

    assertThat(h.apply(plan).ok()).isTrue();
    assertThat(h.cloud.calls).contains("update cloudfront_invalidation.site");
    assertThat(h.state().find("cloudfront_invalidation.site").orElseThrow().attributes().get("rewrites"))
        .isEqualTo(Map.of("about.html", "written", "app.js", "written"));
    assertThat(h.plan(Fixtures.withContent(true)).hasChanges()).as("what an earlier apply rewrote is not compared").isFalse();
  }

  @Test
  void nothingRewrittenIsNothingToInvalidate() throws Exception {
    h.cloud.localFiles.putAll(Map.of("index.html", "aa"));
    h.apply(Fixtures.withContent(true));
    Plan plan = h.plan(Fixtures.withContent(true));
    assertThat(change(plan, "cloudfront_invalidation.site").action()).isEqualTo(Action.NO_OP);
    assertThat(change(plan, "cloudfront_invalidation.site").after().get("rewrites")).isEqualTo(Map.of());
  }

  @Test
  void theContentResourceWaitsForReplicationAndMovesWithThePrimaryBucketInPlace() {
    List<ResourceSpec> rs = new Expander().expand(Fixtures.withContent(true));
    ResourceSpec content = rs.stream().filter(r -> r.address().toString().equals("site_content.site")).findFirst().orElseThrow();
    assertThat(content.dependsOn()).contains(Expander.REPLICATION, Expander.PRIMARY_BUCKET,
        new Address("s3_bucket", "replica_ap_southeast_1"));
    assertThat(content.replacedWith()).as("a renamed primary updates the content; it is not replaced").isEmpty();
    assertThat(content.attributes().get("replicas")).isEqualTo(
        List.of(Map.of("bucket", "ticket-service-ui-singapore-jane-doe", "region", "ap-southeast-1")));
    assertThat(new Expander().data(Fixtures.withContent(true))).extracting(Object::toString)
        .containsExactly("data.local_files.site");
  }

  @Test
  void theSourceFolderMayMoveBetweenMachinesWithoutAChange() throws Exception {
    h.cloud.localFiles.put("index.html", "aa");
    h.apply(Fixtures.withContent(true));
    var moved = Fixtures.withContent(true);
    moved = new io.siteform.engine.spec.Spec("/elsewhere/ci/siteform.yaml", moved.version(), moved.site(), moved.primary(),
        moved.replicas(), moved.replication(), moved.content(), moved.cdn(), moved.domain(), moved.backend(), moved.locations());
    assertThat(h.plan(moved).hasChanges()).isFalse();
  }

  @Test
  void aNewPrimaryBucketRepublishesEverything() throws Exception {
    h.cloud.localFiles.put("index.html", "aa");
    h.apply(Fixtures.withContent(true));
    Plan plan = h.plan(Fixtures.spec("ticket-service-ui-renamed", Fixtures.workshop().replicas()));
    assertThat(change(plan, "site_content.site").action()).isEqualTo(Action.DELETE);
  }
}
