package io.siteform.engine.render;

import io.siteform.engine.plan.Plan;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.spec.Site;
import io.siteform.engine.spec.Spec;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Golden;
import io.siteform.engine.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Golden files for the text and JSON renderings of every kind of plan. */
class PlanRenderingTest {
  private final Harness h = new Harness();

  private void check(String name, Plan plan) {
    Golden.assertMatches(Golden.root().resolve("plan/" + name + "/plan.txt"),
        new PlanTextRenderer(Style.PLAIN).render(plan));
    Golden.assertMatches(Golden.root().resolve("plan/" + name + "/plan.json"),
        new PlanJsonRenderer().render(plan));
  }

  @Test
  void createEverything() {
    check("create", h.plan(Fixtures.workshop()));
  }

  @Test
  void createWithACustomDomain() {
    check("create-domain", h.plan(Fixtures.withDomain(List.of("www.example.com", "example.com"))));
  }

  @Test
  void aRecordInTheWay() {
    h.cloud.foreign.put("Z0123/example.com/AAAA", "Z0123_example.com_AAAA");
    check("conflict", h.plan(Fixtures.withDomain(List.of("example.com"))));
  }

  @Test
  void publishAnEdit() throws Exception {
    for (int i = 0; i < 12; i++) h.cloud.localFiles.put("assets/chunk-" + i + ".js", "h" + i);
    h.cloud.localFiles.put("index.html", "i1");
    h.cloud.localFiles.put("old.html", "o1");
    h.apply(Fixtures.withContent(true));
    h.cloud.localFiles.put("index.html", "i2");
    h.cloud.localFiles.remove("old.html");
    h.cloud.localFiles.put("new.html", "n1");
    check("publish-edit", h.plan(Fixtures.withContent(true)));
  }

  /**
   * Objects changed or deleted in the bucket by hand and a file changed locally: each re-upload
   * says why, from the comparison of the live object with the file, and the invalidation covers
   * the restored objects too.
   */
  @Test
  void reUploadsSayWhy() throws Exception {
    h.cloud.localFiles.putAll(Map.of("index.html", "i1", "about.html", "a1", "app.js", "j1", "style.css", "s1"));
    h.apply(Fixtures.withContent(true));
    h.cloud.localFiles.put("app.js", "j2");
    tamperContent(files -> {
      files.put("about.html", with(files.get("about.html"), "content_type", "text/plain"));
      files.put("index.html", with(files.get("index.html"), "cache_control", "max-age=600"));
      files.remove("style.css");
    });
    check("publish-restore", h.plan(Fixtures.withContent(true)));
  }

  /** Changes the live site_content object's files, as someone editing the bucket by hand would. */
  private void tamperContent(java.util.function.Consumer<Map<String, Object>> edit) {
    String key = h.cloud.objects.keySet().stream().filter(k -> k.startsWith("site_content.site#")).findFirst().orElseThrow();
    LiveResource live = h.cloud.objects.get(key);
    Map<String, Object> attrs = new TreeMap<>(live.attributes());
    @SuppressWarnings("unchecked")
    Map<String, Object> files = new TreeMap<>((Map<String, Object>) attrs.get("files"));
    edit.accept(files);
    attrs.put("files", files);
    h.cloud.objects.put(key, new LiveResource(live.id(), attrs));
  }

  private static Map<String, Object> with(Object entry, String field, Object value) {
    Map<String, Object> m = new TreeMap<>(ValuePrinter.strings((Map<?, ?>) entry));
    m.put(field, value);
    return m;
  }

  /** A build that wrote nothing: the plan says it takes every page down before anyone applies it. */
  @Test
  void anEmptyContentFolder() throws Exception {
    h.cloud.localFiles.put("index.html", "i1");
    h.cloud.localFiles.put("app.js", "a1");
    h.apply(Fixtures.withContent(true));
    h.cloud.localFiles.clear();
    check("content-empty", h.plan(Fixtures.withContent(true)));
  }

  /** Security headers of the site's own, spa routing, a moved page and a redirecting name. */
  @Test
  void createWithEdgeFeatures() {
    h.cloud.localFiles.put("index.html", "i1");
    check("create-edge", h.plan(Fixtures.withEdge()));
  }

  /** From spa to pretty_urls and from the site's own headers to the managed ones. */
  @Test
  void switchRoutingAndHeaders() throws Exception {
    h.cloud.localFiles.put("index.html", "i1");
    h.apply(Fixtures.withEdge());
    Spec s = Fixtures.withEdge();
    check("edge-switch", h.plan(io.siteform.engine.testing.Edits.cdn(s, c -> {
      c.routing = io.siteform.engine.spec.CdnSpec.Routing.PRETTY_URLS;
      c.securityHeaders = io.siteform.engine.spec.SecurityHeadersSpec.MANAGED;
      return c;
    })));
  }

  @Test
  void noChanges() throws Exception {
    h.apply(Fixtures.workshop());
    check("no-changes", h.plan(Fixtures.workshop()));
  }

  @Test
  void driftThenUpdate() throws Exception {
    h.apply(Fixtures.workshop());
    String key = h.cloud.objects.keySet().stream().filter(k -> k.startsWith("s3_bucket.primary")).findFirst().orElseThrow();
    LiveResource live = h.cloud.objects.get(key);
    Map<String, Object> attrs = new TreeMap<>(live.attributes());
    attrs.put("versioning", "Suspended");
    attrs.put("tags", Map.of("project", "ticket-service", "siteform:site", "ticket-service-ui", "owner", "someone"));
    h.cloud.objects.put(key, new LiveResource(live.id(), attrs));
    Spec s = Fixtures.workshop();
    Spec retagged = new Spec(s.file(), 1, new Site("ticket-service-ui", Map.of("project", "tickets")), s.primary(),
        s.replicas(), s.replication(), s.content(), s.cdn(), s.domain(), s.backend(), s.locations());
    check("drift-update", h.plan(retagged));
  }

  @Test
  void replaceAndDelete() throws Exception {
    h.apply(Fixtures.spec("ticket-service-ui-jane-doe", List.of(
        new BucketSpec("ap-southeast-1", "ticket-service-ui-singapore-jane-doe"),
        new BucketSpec("us-west-2", "ticket-service-ui-oregon-jane-doe"))));
    check("replace-delete", h.plan(Fixtures.spec("ticket-service-ui-renamed", Fixtures.workshop().replicas())));
  }

  @Test
  void destroy() throws Exception {
    h.apply(Fixtures.workshop());
    check("destroy", h.planDestroy());
  }
}
