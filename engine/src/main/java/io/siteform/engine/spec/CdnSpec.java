package io.siteform.engine.spec;

import java.util.List;
import java.util.Objects;

/**
 * {@code cdn:} with defaults: {@code index.html}, {@code PriceClass_100}, failover on 500, 502,
 * 503, 504, 403 and 404, an Origin Access Control, no SPA fallback, no routing function and
 * CloudFront's managed security headers.
 */
public record CdnSpec(
    String defaultRootObject,
    String priceClass,
    List<Integer> failoverStatusCodes,
    OriginAccess originAccess,
    boolean spaFallback,
    Routing routing,
    SecurityHeadersSpec securityHeaders) {

  public static final List<Integer> DEFAULT_FAILOVER_CODES = List.of(500, 502, 503, 504, 403, 404);

  public CdnSpec {
    Objects.requireNonNull(defaultRootObject, "defaultRootObject");
    Objects.requireNonNull(priceClass, "priceClass");
    failoverStatusCodes = List.copyOf(failoverStatusCodes);
    Objects.requireNonNull(originAccess, "originAccess");
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(securityHeaders, "securityHeaders");
  }

  /** Without routing, with the managed security headers. */
  public CdnSpec(String defaultRootObject, String priceClass, List<Integer> failoverStatusCodes,
      OriginAccess originAccess, boolean spaFallback) {
    this(defaultRootObject, priceClass, failoverStatusCodes, originAccess, spaFallback, Routing.NONE,
        SecurityHeadersSpec.MANAGED);
  }

  public static CdnSpec defaults() {
    return new CdnSpec("index.html", "PriceClass_100", DEFAULT_FAILOVER_CODES, OriginAccess.OAC, false);
  }

  /** This spec with {@code routing} and {@code headers} instead. */
  public CdnSpec with(Routing r, SecurityHeadersSpec headers) {
    return new CdnSpec(defaultRootObject, priceClass, failoverStatusCodes, originAccess, spaFallback, r, headers);
  }

  /**
   * {@code cdn.routing}: what the viewer-request function does with a path. Unlike {@code
   * spa_fallback}'s custom error responses it rewrites the request before the origin sees it,
   * so an origin's real 403, 404 or 5xx still fails over and a missing asset still answers 404.
   */
  public enum Routing {
    /** Paths are served as they are. */
    NONE,
    /** A path whose last segment has no file extension serves the default root object. */
    SPA,
    /** {@code /docs/} and {@code /docs} serve {@code /docs/index.html}. */
    PRETTY_URLS
  }

  /** {@code cdn.origin_access}. */
  public enum OriginAccess {
    OAC,
    OAI
  }
}
