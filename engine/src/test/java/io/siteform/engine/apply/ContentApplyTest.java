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
