package io.siteform.engine.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * {@code cdn.security_headers}: {@code managed}, {@code none}, or a map of the headers of a policy
 * of the site's own. Checks what CloudFront's CreateResponseHeadersPolicy would refuse (a frame
 * option or referrer policy it does not know, a header it sets itself) and what browsers would
 * ignore (HSTS preload without includeSubDomains or a year's max-age).
 */
final class HeadersReader {
  static final List<String> KEYS = List.of("hsts", "content_security_policy", "frame_options",
      "referrer_policy", "content_type_options", "custom_headers");
  private static final List<String> HSTS = List.of("max_age", "include_subdomains", "preload");
  private static final List<String> FRAME_OPTIONS = List.of("DENY", "SAMEORIGIN");
  /** API_ResponseHeadersPolicyReferrerPolicy: the values CloudFront accepts. */
  private static final List<String> REFERRER_POLICIES = List.of("no-referrer", "no-referrer-when-downgrade",
      "origin", "origin-when-cross-origin", "same-origin", "strict-origin", "strict-origin-when-cross-origin",
      "unsafe-url");
  /** One year: the managed policy's max-age, and the least hstspreload.org takes. */
  static final long YEAR = 31_536_000;
  /** CloudFront's quota on a Content-Security-Policy value. */
  private static final int CSP_MAX = 1783;
  /** An RFC 9110 field name (token). */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** Headers the policy writes from its own fields: as custom headers CloudFront refuses them. */
  private static final Map<String, String> OWN_FIELDS = Map.of(
      "strict-transport-security", "hsts",
      "content-security-policy", "content_security_policy",
      "x-frame-options", "frame_options",
      "referrer-policy", "referrer_policy",
      "x-content-type-options", "content_type_options",
      "x-xss-protection", "(CloudFront's XSS protection, which siteform leaves off as browsers ignore it)");

  SecurityHeadersSpec read(MapReader cdn) {
    Node n = cdn.node("security_headers");
    if (n == null) return SecurityHeadersSpec.MANAGED;
    String path = cdn.child("security_headers");
    if (n instanceof ScalarNode) {
      String v = cdn.oneOf("security_headers", "managed", List.of("managed", "none"));
      if (v == null) return null;
      return v.equals("managed") ? SecurityHeadersSpec.MANAGED : SecurityHeadersSpec.NONE;
    }
    if (!(n instanceof MappingNode)) {
      cdn.context().problems().at(n, path + ": expected managed, none or a map of " + String.join(", ", KEYS)
          + ", found " + Types.describe(n));
      return null;
    }
    MapReader m = cdn.map("security_headers", KEYS);
    if (m.broken()) return null;
    Optional<SecurityHeadersSpec.Hsts> hsts = hsts(m);
    String csp = csp(m);
    String frame = m.has("frame_options") ? m.oneOf("frame_options", null, FRAME_OPTIONS) : "";
    String referrer = m.has("referrer_policy") ? m.oneOf("referrer_policy", null, REFERRER_POLICIES) : "";
    Boolean nosniff = m.bool("content_type_options", true);
    Map<String, String> custom = custom(m);
    if (hsts == null || csp == null || frame == null || referrer == null || nosniff == null || custom == null) {
      return null;
    }
    return new SecurityHeadersSpec(SecurityHeadersSpec.Kind.CUSTOM, hsts, csp, frame, referrer, nosniff, custom);
  }

  /** {@code true} (a year), {@code false}, a max-age in seconds, or the map. */
  private static Optional<SecurityHeadersSpec.Hsts> hsts(MapReader m) {
    Node n = m.node("hsts");
    String path = m.child("hsts");
    if (n == null) return Optional.empty();
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      return Boolean.TRUE.equals(m.bool("hsts", false))
          ? Optional.of(new SecurityHeadersSpec.Hsts(YEAR, false, false)) : Optional.empty();
    }
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
      Long age = maxAge(m, n, path);
      return age == null ? null : Optional.of(new SecurityHeadersSpec.Hsts(age, false, false));
    }
    if (!(n instanceof MappingNode)) {
      m.context().problems().at(n, path + ": expected true, false, a max-age in seconds or a map of "
          + String.join(", ", HSTS) + ", found " + Types.describe(n)
          + "; write `hsts: {max_age: 63072000, include_subdomains: true, preload: false}`");
      return null;
    }
    MapReader h = m.map("hsts", HSTS);
    if (h.broken()) return null;
    Long age = h.has("max_age") ? maxAge(h, h.node("max_age"), h.child("max_age")) : Long.valueOf(YEAR);
    Boolean sub = h.bool("include_subdomains", false);
    Boolean preload = h.bool("preload", false);
    if (age == null || sub == null || preload == null) return null;
    if (preload && (!sub || age < YEAR)) {
      h.context().problems().at(h.node("preload"), path + ".preload: browsers' preload lists take only a"
          + " max_age of at least " + YEAR + " (a year) with include_subdomains: true; set both, or write"
          + " preload: false");
      return null;
    }
    return Optional.of(new SecurityHeadersSpec.Hsts(age, sub, preload));
  }

  private static Long maxAge(MapReader m, Node n, String path) {
    Integer v = m.intValue(n, path);
    if (v == null) return null;
    if (v <= 0) {
      m.context().problems().at(n, path + ": " + v + " seconds would turn HSTS off; write a positive"
          + " number of seconds such as 63072000 (two years), or `hsts: false`");
      return null;
    }
    return v.longValue();
  }

  private static String csp(MapReader m) {
    String csp = m.string("content_security_policy", "");
    if (csp == null) return null;
    String path = m.child("content_security_policy");
    if (m.has("content_security_policy") && csp.isBlank()) {
      m.context().problems().at(m.node("content_security_policy"), path + ": is empty; write a policy such as"
          + " \"default-src 'self'\", or leave the key out");
      return null;
    }
    if (csp.contains("\n") || csp.contains("\r")) {
      m.context().problems().at(m.node("content_security_policy"), path + ": a header value is one line;"
          + " separate the directives with '; ' instead of line breaks (a YAML folded string `>-` does that)");
      return null;
    }
    if (csp.length() > CSP_MAX) {
      m.context().problems().at(m.node("content_security_policy"), path + ": is " + csp.length()
          + " characters; CloudFront takes at most " + CSP_MAX + ", so shorten it");
      return null;
    }
    return csp;
  }

  private static Map<String, String> custom(MapReader m) {
    Map<String, String> raw = m.stringMap("custom_headers", "write the header's value as a string, such as"
        + " \"camera=(), microphone=()\"");
    if (raw == null) return null;
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    boolean ok = true;
    Node at = m.node("custom_headers");
    for (Map.Entry<String, String> e : raw.entrySet()) {
      String name = e.getKey();
      String path = m.child("custom_headers") + "." + name;
      String lower = name.toLowerCase(Locale.ROOT);
      String problem = null;
      if (!HEADER_NAME.matcher(name).matches()) {
        problem = "'" + name + "' is not a header name; use letters, digits and hyphens, such as Permissions-Policy";
      } else if (OWN_FIELDS.containsKey(lower)) {
        String field = OWN_FIELDS.get(lower);
        problem = name + " is written by the policy itself" + (field.startsWith("(") ? " " + field
            : "; set security_headers." + field + " instead");
      } else if (seen.containsKey(lower)) {
        problem = name + " is listed twice (as " + seen.get(lower) + " too; header names ignore case); keep one";
      } else if (e.getValue().isEmpty() || e.getValue().contains("\n")) {
        problem = "a header value is one non-empty line";
      }
      if (problem != null) {
        m.context().problems().at(keyNode(at, name), path + ": " + problem);
        ok = false;
        continue;
      }
      seen.put(lower, name);
      out.put(name, e.getValue());
    }
    return ok ? out : null;
  }

  /** The key node of {@code key} in {@code map}, for an error about the name itself. */
  static Node keyNode(Node map, String key) {
    if (map instanceof MappingNode mn) {
      for (var t : mn.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return k;
      }
    }
    return map;
  }
}
