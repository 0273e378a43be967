package io.siteform.engine.testing;

import io.siteform.engine.spec.BackendSpec;
import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.spec.CdnSpec;
import io.siteform.engine.spec.Locations;
import io.siteform.engine.spec.ReplicationSpec;
import io.siteform.engine.spec.Site;
import io.siteform.engine.spec.Spec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Specs built directly, for engine tests that need no YAML. */
public final class Fixtures {
  private Fixtures() {}

  public static Spec workshop() {
    return spec("ticket-service-ui-jane-doe", List.of(new BucketSpec("ap-southeast-1", "ticket-service-ui-singapore-jane-doe")));
  }

  /** The workshop with a custom domain: {@code names} in zone example.com, a certificate siteform requests. */
  public static Spec withDomain(List<String> names) {
    return withDomain(names, Optional.empty());
  }

  public static Spec withDomain(List<String> names, Optional<String> certificateArn) {
    Spec s = workshop();
    return new Spec(s.file(), s.version(), s.site(), s.primary(), s.replicas(), s.replication(), s.content(),
        s.cdn(), Optional.of(new io.siteform.engine.spec.DomainSpec(names, "example.com", certificateArn,
            List.of("A", "AAAA"))), s.backend(), s.locations());
  }

  /** The workshop publishing {@code dist/} with {@code delete} and {@code invalidate: changed}. */
  public static Spec withContent(boolean delete) {
    Spec s = workshop();
    // An absolute spec path keeps the resolved source folder the same on every machine.
    return new Spec("/home/jane/site/siteform.yaml", s.version(), s.site(), s.primary(), s.replicas(), s.replication(),
        Optional.of(new io.siteform.engine.spec.ContentSpec("dist/", delete, Map.of("assets/**", "max-age=31536000"),
            io.siteform.engine.spec.ContentSpec.Invalidate.CHANGED)),
        s.cdn(), s.domain(), s.backend(), s.locations());
  }

  /** Security headers of the site's own: two-year HSTS, a CSP, DENY, and one custom header. */
  public static final io.siteform.engine.spec.SecurityHeadersSpec HEADERS = new io.siteform.engine.spec.SecurityHeadersSpec(
      io.siteform.engine.spec.SecurityHeadersSpec.Kind.CUSTOM,
      Optional.of(new io.siteform.engine.spec.SecurityHeadersSpec.Hsts(63072000, true, false)), "default-src 'self'",
      "DENY", "strict-origin-when-cross-origin", true, Map.of("Permissions-Policy", "camera=()"));

  /**
   * The workshop at www.example.com with example.com redirecting to it, a moved page, spa
   * routing and {@link #HEADERS}.
   */
  public static Spec withEdge() {
    Spec s = withContent(true);
    return new Spec(s.file(), s.version(), s.site(), s.primary(), s.replicas(), s.replication(),
        Optional.of(new io.siteform.engine.spec.ContentSpec("dist/", true, Map.of(),
            io.siteform.engine.spec.ContentSpec.Invalidate.CHANGED, Map.of("/old.html", "/new.html"))),
        s.cdn().with(CdnSpec.Routing.SPA, HEADERS),
        Optional.of(new io.siteform.engine.spec.DomainSpec(List.of("www.example.com"), "example.com", Optional.empty(),
            List.of("A"), List.of("example.com"))), s.backend(), s.locations());
  }

  public static Spec spec(String primaryBucket, List<BucketSpec> replicas) {
    return new Spec(
        "siteform.yaml", 1,
        new Site("ticket-service-ui", Map.of("project", "ticket-service")),
        new BucketSpec("eu-west-1", primaryBucket),
        replicas,
        ReplicationSpec.defaults(),
        Optional.empty(),
        CdnSpec.defaults(),
        Optional.empty(),
        BackendSpec.localDefault(),
        new Locations("siteform.yaml", Map.of()));
  }
}
