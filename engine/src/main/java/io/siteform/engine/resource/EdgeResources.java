package io.siteform.engine.resource;

import io.siteform.engine.spec.CdnSpec;
import io.siteform.engine.spec.ContentSpec;
import io.siteform.engine.spec.DomainSpec;
import io.siteform.engine.spec.SecurityHeadersSpec;
import io.siteform.engine.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the distribution's default behaviour runs at the edge: the response headers policy of
 * {@code cdn.security_headers} (CloudFront's managed one by default, or the site's own) and the
 * viewer-request function of {@code cdn.routing} and the redirects. The distribution names both,
 * so it moves to a new policy or function before the old one is deleted (CloudFront refuses to
 * delete one still in use).
 */
final class EdgeResources {
  static final Address HEADERS_POLICY = new Address("cloudfront_response_headers_policy", "site");
  static final Address FUNCTION = new Address("cloudfront_function", "site");
  /** AWS's managed SecurityHeadersPolicy (Using the managed response headers policies). */
  static final String MANAGED_SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03";
  static final String RUNTIME = "cloudfront-js-2.0";
  static final String VIEWER_REQUEST = "viewer-request";

  private EdgeResources() {}

  static List<ResourceSpec> expand(Spec spec) {
    List<ResourceSpec> out = new ArrayList<>();
    if (spec.cdn().securityHeaders().kind() == SecurityHeadersSpec.Kind.CUSTOM) out.add(headersPolicy(spec));
    EdgeFunctionCode code = code(spec);
    if (code.needed()) out.add(function(spec, code));
    return out;
  }

  /** The function the spec asks for; {@link EdgeFunctionCode#needed()} says whether there is one. */
  static EdgeFunctionCode code(Spec spec) {
    CdnSpec cdn = spec.cdn();
    List<String> hosts = spec.domain().map(DomainSpec::redirectFrom).orElse(List.of());
    String canonical = spec.domain().map(d -> d.names().get(0)).orElse(null);
    Map<String, String> redirects = spec.content().map(ContentSpec::redirects).orElse(Map.of());
    return new EdgeFunctionCode(cdn.routing(), cdn.defaultRootObject(), canonical, hosts, redirects);
  }

  /** The default behaviour's ResponseHeadersPolicyId: the managed policy's, the site's own, or "". */
  static Object responseHeadersPolicyId(Spec spec) {
    return switch (spec.cdn().securityHeaders().kind()) {
      case MANAGED -> MANAGED_SECURITY_HEADERS;
      case NONE -> "";
      case CUSTOM -> new Ref(HEADERS_POLICY, "id");
    };
  }

  /** The default behaviour's function associations: the viewer-request function, if any. */
  static List<Object> functionAssociations(Spec spec) {
    if (!code(spec).needed()) return List.of();
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("event_type", VIEWER_REQUEST);
    a.put("function_arn", new Ref(FUNCTION, "arn"));
    return List.of(a);
  }

  static Set<Address> distributionDependencies(Spec spec) {
    Set<Address> deps = new TreeSet<>();
    if (spec.cdn().securityHeaders().kind() == SecurityHeadersSpec.Kind.CUSTOM) deps.add(HEADERS_POLICY);
    if (code(spec).needed()) deps.add(FUNCTION);
    return deps;
  }

  private static ResourceSpec headersPolicy(Spec spec) {
    SecurityHeadersSpec h = spec.cdn().securityHeaders();
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("name", "siteform-" + spec.site().name() + "-security-headers");
    attrs.put("comment", "siteform: security headers of " + spec.site().name());
    attrs.put("hsts", h.hsts().<Map<String, Object>>map(s -> Map.of(
        "max_age", s.maxAge(), "include_subdomains", s.includeSubdomains(), "preload", s.preload())).orElse(Map.of()));
    attrs.put("content_security_policy", h.contentSecurityPolicy());
    attrs.put("frame_options", h.frameOptions());
    attrs.put("referrer_policy", h.referrerPolicy());
    attrs.put("content_type_options", h.contentTypeOptions());
    attrs.put("custom_headers", new TreeMap<>(h.customHeaders()));
    return new ResourceSpec(HEADERS_POLICY, Expander.GLOBAL_REGION, attrs, Set.of());
  }

  private static ResourceSpec function(Spec spec, EdgeFunctionCode code) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("name", functionName(spec));
    attrs.put("comment", comment(spec.site().name(), code));
    attrs.put("runtime", RUNTIME);
    attrs.put("code", code.source());
    return new ResourceSpec(FUNCTION, Expander.GLOBAL_REGION, attrs, Set.of());
  }

  /** {@code siteform-SITE-viewer-request}: at most 64 characters, as CloudFront allows, for a site name of at most 40. */
  static String functionName(Spec spec) {
    return "siteform-" + spec.site().name() + "-viewer-request";
  }

  /** What the function does, in a line of at most 128 characters (CloudFront's limit on a comment). */
  static String comment(String site, EdgeFunctionCode code) {
    List<String> does = new ArrayList<>();
    if (code.routing() != CdnSpec.Routing.NONE) does.add(code.routing().name().toLowerCase(java.util.Locale.ROOT) + " routing");
    if (!code.redirects().isEmpty()) does.add(code.redirects().size() + " redirect" + (code.redirects().size() == 1 ? "" : "s"));
    if (!code.redirectHosts().isEmpty()) does.add("301 from " + code.redirectHosts().size() + " name"
        + (code.redirectHosts().size() == 1 ? "" : "s"));
    String c = "siteform: " + site + ": " + String.join(", ", does);
    return c.length() <= 128 ? c : c.substring(0, 128);
  }
}
