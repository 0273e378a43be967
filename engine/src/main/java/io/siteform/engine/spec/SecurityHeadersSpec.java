package io.siteform.engine.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code cdn.security_headers}: CloudFront's managed SecurityHeadersPolicy (the default), no
 * policy at all, or a policy of the site's own written from the fields below.
 *
 * @param hsts Strict-Transport-Security, if sent
 * @param contentSecurityPolicy the Content-Security-Policy value, empty for none
 * @param frameOptions X-Frame-Options, {@code DENY} or {@code SAMEORIGIN}, empty for none
 * @param referrerPolicy Referrer-Policy, one of CloudFront's values, empty for none
 * @param contentTypeOptions whether X-Content-Type-Options: nosniff is sent
 * @param customHeaders other response headers, name to value, in the spec's order
 */
public record SecurityHeadersSpec(
    Kind kind,
    Optional<Hsts> hsts,
    String contentSecurityPolicy,
    String frameOptions,
    String referrerPolicy,
    boolean contentTypeOptions,
    Map<String, String> customHeaders) {

  /** CloudFront's managed SecurityHeadersPolicy (API: Managed-SecurityHeadersPolicy). */
  public static final SecurityHeadersSpec MANAGED =
      new SecurityHeadersSpec(Kind.MANAGED, Optional.empty(), "", "", "", false, Map.of());
  public static final SecurityHeadersSpec NONE =
      new SecurityHeadersSpec(Kind.NONE, Optional.empty(), "", "", "", false, Map.of());

  public SecurityHeadersSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(hsts, "hsts");
    Objects.requireNonNull(contentSecurityPolicy, "contentSecurityPolicy");
    Objects.requireNonNull(frameOptions, "frameOptions");
    Objects.requireNonNull(referrerPolicy, "referrerPolicy");
    customHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(customHeaders));
  }

  /** How the distribution gets its security headers. */
  public enum Kind {
    MANAGED,
    NONE,
    CUSTOM
  }

  /** Strict-Transport-Security: {@code max-age=N[; includeSubDomains][; preload]}. */
  public record Hsts(long maxAge, boolean includeSubdomains, boolean preload) {}
}
