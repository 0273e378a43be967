package io.siteform.engine.testing;

import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.spec.CdnSpec;
import io.siteform.engine.spec.ContentSpec;
import io.siteform.engine.spec.DomainSpec;
import io.siteform.engine.spec.ReplicationSpec;
import io.siteform.engine.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** One-field edits of a spec, as a user makes them in siteform.yaml. */
public final class Edits {
  private Edits() {}

  public static Spec primary(Spec s, BucketSpec primary) {
    return new Spec(s.file(), s.version(), s.site(), primary, s.replicas(), s.replication(), s.content(), s.cdn(),
        s.domain(), s.backend(), s.locations());
  }

  public static Spec replicas(Spec s, List<BucketSpec> replicas) {
    return new Spec(s.file(), s.version(), s.site(), s.primary(), replicas, s.replication(), s.content(), s.cdn(),
        s.domain(), s.backend(), s.locations());
  }

  public static Spec replication(Spec s, ReplicationSpec replication) {
    return new Spec(s.file(), s.version(), s.site(), s.primary(), s.replicas(), replication, s.content(), s.cdn(),
        s.domain(), s.backend(), s.locations());
  }

  public static Spec content(Spec s, Optional<ContentSpec> content) {
    return new Spec(s.file(), s.version(), s.site(), s.primary(), s.replicas(), s.replication(), content, s.cdn(),
        s.domain(), s.backend(), s.locations());
  }

  public static Spec cdn(Spec s, CdnSpec cdn) {
    return new Spec(s.file(), s.version(), s.site(), s.primary(), s.replicas(), s.replication(), s.content(), cdn,
        s.domain(), s.backend(), s.locations());
  }

  public static Spec domain(Spec s, Optional<DomainSpec> domain) {
    return new Spec(s.file(), s.version(), s.site(), s.primary(), s.replicas(), s.replication(), s.content(), s.cdn(),
        domain, s.backend(), s.locations());
  }

  public static Spec names(Spec s, String... names) {
    DomainSpec d = s.domain().orElseThrow();
    return domain(s, Optional.of(new DomainSpec(List.of(names), d.hostedZone(), d.certificateArn(), d.records(), d.redirectFrom())));
  }

  public static Spec records(Spec s, String... types) {
    DomainSpec d = s.domain().orElseThrow();
    return domain(s, Optional.of(new DomainSpec(d.names(), d.hostedZone(), d.certificateArn(), List.of(types), d.redirectFrom())));
  }

  public static Spec cdn(Spec s, UnaryOperator<CdnBuilder> edit) {
    CdnSpec c = s.cdn();
    CdnBuilder start = new CdnBuilder(c.defaultRootObject(), c.priceClass(), c.failoverStatusCodes(),
        c.originAccess(), c.spaFallback());
    start.routing = c.routing();
    start.securityHeaders = c.securityHeaders();
    CdnBuilder b = edit.apply(start);
    return cdn(s, new CdnSpec(b.defaultRootObject, b.priceClass, b.failoverStatusCodes, b.originAccess, b.spaFallback,
        b.routing, b.securityHeaders));
  }

  public static Spec cacheControl(Spec s, Map<String, String> rules) {
    ContentSpec c = s.content().orElseThrow();
    return content(s, Optional.of(new ContentSpec(c.source(), c.delete(), rules, c.invalidate())));
  }

  /** {@code replicas} with {@code region}'s bucket renamed to {@code bucket}. */
  public static Spec replicaBucket(Spec s, String region, String bucket) {
    List<BucketSpec> out = new ArrayList<>();
    for (BucketSpec r : s.replicas()) out.add(r.region().equals(region) ? new BucketSpec(region, bucket) : r);
    return replicas(s, out);
  }

  /** The fields of {@code cdn:}, to change one. */
  public static final class CdnBuilder {
    public String defaultRootObject;
    public String priceClass;
    public List<Integer> failoverStatusCodes;
    public CdnSpec.OriginAccess originAccess;
    public boolean spaFallback;
    public CdnSpec.Routing routing = CdnSpec.Routing.NONE;
    public io.siteform.engine.spec.SecurityHeadersSpec securityHeaders = io.siteform.engine.spec.SecurityHeadersSpec.MANAGED;

    CdnBuilder(String defaultRootObject, String priceClass, List<Integer> failoverStatusCodes,
        CdnSpec.OriginAccess originAccess, boolean spaFallback) {
      this.defaultRootObject = defaultRootObject;
      this.priceClass = priceClass;
      this.failoverStatusCodes = failoverStatusCodes;
      this.originAccess = originAccess;
      this.spaFallback = spaFallback;
    }
  }
}
