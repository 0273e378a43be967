package io.siteform.engine.spec;

import java.util.List;
import java.util.Objects;

/**
 * {@code cdn:} with defaults: {@code index.html}, {@code PriceClass_100}, failover on 500, 502,
 * 503, 504, 403 and 404, an Origin Access Control, no SPA fallback.
 */
public record CdnSpec(
    String defaultRootObject,
    String priceClass,
    List<Integer> failoverStatusCodes,
    OriginAccess originAccess,
    boolean spaFallback) {

  public static final List<Integer> DEFAULT_FAILOVER_CODES = List.of(500, 502, 503, 504, 403, 404);

  public CdnSpec {
    Objects.requireNonNull(defaultRootObject, "defaultRootObject");
    Objects.requireNonNull(priceClass, "priceClass");
    failoverStatusCodes = List.copyOf(failoverStatusCodes);
    Objects.requireNonNull(originAccess, "originAccess");
  }

  public static CdnSpec defaults() {
    return new CdnSpec("index.html", "PriceClass_100", DEFAULT_FAILOVER_CODES, OriginAccess.OAC, false);
  }

  /** {@code cdn.origin_access}. */
  public enum OriginAccess {
    OAC,
    OAI
  }
}
