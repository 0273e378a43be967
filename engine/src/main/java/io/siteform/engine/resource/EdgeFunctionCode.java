package io.siteform.engine.resource;

import io.siteform.engine.spec.CdnSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The code of the site's viewer-request CloudFront Function ({@code cloudfront-js-2.0}), written
 * from the spec: a 301 for the names of {@code domain.redirect_from} and the pages of {@code
 * content.redirects}, then the rewrite {@code cdn.routing} asks for. The function only rewrites
 * the URI the origin group is asked for; it never answers in the origin's place, so a real 403,
 * 404 or 5xx from the primary bucket still fails over to the replica and a missing asset still
 * answers 404. Pure and deterministic: the same spec gives the same bytes, so a plan shows a
 * change only when what the function does changes.
 *
 * @param routing what happens to paths that are not redirected
 * @param rootObject what {@code spa} serves ({@code cdn.default_root_object})
 * @param canonicalHost where {@code redirectHosts} send visitors (the first of domain.names), or null
 * @param redirectHosts host names answered with a 301 to {@code canonicalHost}, path and query kept
 * @param redirects path to path or https URL, each answered with a 301
 */
public record EdgeFunctionCode(
    CdnSpec.Routing routing, String rootObject, String canonicalHost, List<String> redirectHosts,
    Map<String, String> redirects) {

  public EdgeFunctionCode {
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(rootObject, "rootObject");
    redirectHosts = List.copyOf(redirectHosts);
    redirects = Map.copyOf(redirects);
    if (!redirectHosts.isEmpty() && canonicalHost == null) {
      throw new IllegalArgumentException("redirecting hosts need a host to redirect to");
    }
  }

  /** Whether the function would do anything: routing, or a redirect of either kind. */
  public boolean needed() {
    return routing != CdnSpec.Routing.NONE || !redirectHosts.isEmpty() || !redirects.isEmpty();
  }

  /** The function's source. */
  public String source() {
    StringBuilder b = new StringBuilder();
    b.append("// Written by siteform from siteform.yaml: cdn.routing, content.redirects and domain.redirect_from.\n");
    b.append("// Edit the spec, not this code: the next apply puts this code back.\n");
    b.append("var ROUTING = ").append(js(routing.name().toLowerCase(java.util.Locale.ROOT))).append(";\n");
    b.append("var ROOT_OBJECT = ").append(js("/" + rootObject)).append(";\n");
    b.append("var CANONICAL_HOST = ").append(canonicalHost == null ? "null" : js(canonicalHost)).append(";\n");
    b.append("var REDIRECT_HOSTS = {");
    for (int i = 0; i < redirectHosts.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(js(redirectHosts.get(i).toLowerCase(java.util.Locale.ROOT))).append(": true");
    }
    b.append("};\n");
    b.append("var REDIRECTS = {");
    boolean first = true;
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(redirects).entrySet()) {
      b.append(first ? "\n" : ",\n").append("  ").append(js(e.getKey())).append(": ").append(js(e.getValue()));
      first = false;
    }
    b.append(first ? "};\n" : "\n};\n");
    b.append(BODY);
    return b.toString();
  }

  /**
   * The handler. The query string is put back as the viewer sent it (CloudFront hands the
   * function its names and values still percent-encoded), each repeated name with every value.
   */
  private static final String BODY = """

      function queryString(qs) {
        var parts = [];
        for (var name in qs) {
          var values = qs[name].multiValue ? qs[name].multiValue : [qs[name]];
          for (var i = 0; i < values.length; i++) {
            parts.push(values[i].value === '' ? name : name + '=' + values[i].value);
          }
        }
        return parts.length ? '?' + parts.join('&') : '';
      }

      function moved(location) {
        return {
          statusCode: 301,
          statusDescription: 'Moved Permanently',
          headers: {location: {value: location}, 'cache-control': {value: 'max-age=3600'}}
        };
      }

      function hasExtension(uri) {
        return uri.substring(uri.lastIndexOf('/') + 1).indexOf('.') !== -1;
      }

      function handler(event) {
        var request = event.request;
        var host = request.headers.host ? request.headers.host.value.toLowerCase() : '';
        if (CANONICAL_HOST !== null && REDIRECT_HOSTS[host] === true) {
          return moved('https://' + CANONICAL_HOST + request.uri + queryString(request.querystring));
        }
        if (Object.prototype.hasOwnProperty.call(REDIRECTS, request.uri)) {
          var target = REDIRECTS[request.uri];
          return moved(target.indexOf('?') === -1 ? target + queryString(request.querystring) : target);
        }
        if (ROUTING === 'spa' && !hasExtension(request.uri)) {
          request.uri = ROOT_OBJECT;
        } else if (ROUTING === 'pretty_urls') {
          if (request.uri.charAt(request.uri.length - 1) === '/') {
            request.uri += 'index.html';
          } else if (!hasExtension(request.uri)) {
            request.uri += '/index.html';
          }
        }
        return request;
      }
      """;

  /** {@code s} as a JavaScript string literal. */
  static String js(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
