package io.siteform.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The valid forms of cdn.security_headers, cdn.routing, content.redirects and domain.redirect_from. */
class EdgeSpecTest {
  private Spec parse(String extra) {
    return TestRegions.loader().parse("siteform.yaml", SpecLoaderTest.MINIMAL + extra, Map.of(), Map.of());
  }

  @Test
  void defaultsAreManagedHeadersAndNoRouting() {
    Spec s = parse("");
    assertThat(s.cdn().securityHeaders()).isEqualTo(SecurityHeadersSpec.MANAGED);
    assertThat(s.cdn().routing()).isEqualTo(CdnSpec.Routing.NONE);
    assertThat(parse("cdn: {security_headers: none, routing: pretty_urls}\n").cdn())
        .isEqualTo(CdnSpec.defaults().with(CdnSpec.Routing.PRETTY_URLS, SecurityHeadersSpec.NONE));
  }

  @Test
  void aMapOfHeadersWithEveryField() {
    SecurityHeadersSpec h = parse("""
        cdn:
          routing: spa
          security_headers:
            hsts: {max_age: 63072000, include_subdomains: true, preload: true}
            content_security_policy: "default-src 'self'"
            frame_options: SAMEORIGIN
            referrer_policy: no-referrer
            custom_headers: {Permissions-Policy: "camera=()"}
        """).cdn().securityHeaders();
    assertThat(h).isEqualTo(new SecurityHeadersSpec(SecurityHeadersSpec.Kind.CUSTOM,
        Optional.of(new SecurityHeadersSpec.Hsts(63072000, true, true)), "default-src 'self'", "SAMEORIGIN",
        "no-referrer", true, Map.of("Permissions-Policy", "camera=()")));
  }

  @Test
  void hstsShorthands() {
    assertThat(parse("cdn: {security_headers: {hsts: true}}\n").cdn().securityHeaders().hsts())
        .contains(new SecurityHeadersSpec.Hsts(31536000, false, false));
    assertThat(parse("cdn: {security_headers: {hsts: 600}}\n").cdn().securityHeaders().hsts())
        .contains(new SecurityHeadersSpec.Hsts(600, false, false));
    SecurityHeadersSpec off = parse("cdn: {security_headers: {hsts: false, content_type_options: false}}\n")
        .cdn().securityHeaders();
    assertThat(off.hsts()).isEmpty();
    assertThat(off.contentTypeOptions()).isFalse();
    assertThat(off.kind()).isEqualTo(SecurityHeadersSpec.Kind.CUSTOM);
  }

  @Test
  void redirectsAndRedirectingNames() {
    Spec s = parse("""
        content:
          source: dist/
          redirects: {"/old.html": "/new.html", "/x": "https://elsewhere.example.org/"}
        domain:
          names: [www.example.com]
          hosted_zone: example.com
          redirect_from: [example.com]
        """);
    assertThat(s.content().orElseThrow().redirects())
        .containsExactly(Map.entry("/old.html", "/new.html"), Map.entry("/x", "https://elsewhere.example.org/"));
    assertThat(s.domain().orElseThrow().redirectFrom()).containsExactly("example.com");
    assertThat(s.domain().orElseThrow().allNames()).containsExactly("www.example.com", "example.com");
  }
}
