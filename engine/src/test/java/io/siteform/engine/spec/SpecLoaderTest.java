package io.siteform.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.error.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
  /** A spec with every section, commented as a user would write it. */
  static final String DESIGN_EXAMPLE = """
      version: 1
      variables:
        owner: {default: jane-doe}            # --var owner=... or SITEFORM_VAR_owner
      site:
        name: ticket-service-ui               # names, tags and CallerReferences derive from it
        tags: {project: ticket-service}
      primary:
        region: eu-west-1
        bucket: ticket-service-ui-${var.owner}
      replicas:                               # one or more; the first is CloudFront's failover origin
        - region: ap-southeast-1
          bucket: ticket-service-ui-singapore-${var.owner}
      replication:
        delete_markers: false                 # deletes in the primary do not empty the replicas
        prefix: ""
      content:                                # optional: the built site to publish
        source: dist/
        delete: true                          # like `aws s3 sync --delete`
        cache_control:
          "index.html": "no-cache"
          "assets/**": "public, max-age=31536000, immutable"
        invalidate: changed                   # changed | all | none
      cdn:
        default_root_object: index.html
        price_class: PriceClass_100
        failover_status_codes: [500, 502, 503, 504, 403, 404]
        origin_access: oac                    # oac (default) | oai
        spa_fallback: false                   # serve /index.html for unknown paths
      domain:                                 # optional: the custom-domain part of the seed
        names: [www.example.com]
        hosted_zone: example.com
        certificate: {validation: dns}        # or {arn: arn:aws:acm:us-east-1:...}
        records: [A, AAAA]
      backend:                                # optional; default: local file next to the spec
        type: local                           # local | s3
        path: siteform.state.json
      """;

  static final String MINIMAL = """
      version: 1
      site: {name: demo}
      primary: {region: eu-west-1, bucket: demo-primary}
      replicas:
        - {region: us-east-1, bucket: demo-replica}
      """;

  private final SpecLoader loader = TestRegions.loader();

  private Spec parse(String text, Map<String, String> vars, Map<String, String> env) {
    return loader.parse("siteform.yaml", text, vars, env);
  }

  @Test
  void designExampleParsesToTheExpectedRecords() {
    Spec spec = parse(DESIGN_EXAMPLE, Map.of(), Map.of());

    assertThat(spec.file()).isEqualTo("siteform.yaml");
    assertThat(spec.version()).isEqualTo(1);
    assertThat(spec.site()).isEqualTo(new Site("ticket-service-ui", Map.of("project", "ticket-service")));
    assertThat(spec.primary()).isEqualTo(new BucketSpec("eu-west-1", "ticket-service-ui-jane-doe"));
    assertThat(spec.replicas())
        .containsExactly(new BucketSpec("ap-southeast-1", "ticket-service-ui-singapore-jane-doe"));
    assertThat(spec.replication()).isEqualTo(new ReplicationSpec(false, ""));
    ContentSpec content = spec.content().orElseThrow();
    assertThat(content.source()).isEqualTo("dist/");
    assertThat(content.delete()).isTrue();
    assertThat(content.cacheControl()).containsExactly(
        Map.entry("index.html", "no-cache"),
        Map.entry("assets/**", "public, max-age=31536000, immutable"));
    assertThat(content.invalidate()).isEqualTo(ContentSpec.Invalidate.CHANGED);
    assertThat(spec.cdn()).isEqualTo(CdnSpec.defaults());
    assertThat(spec.domain()).contains(
        new DomainSpec(List.of("www.example.com"), "example.com", Optional.empty(), List.of("A", "AAAA")));
    assertThat(spec.backend()).isEqualTo(BackendSpec.localDefault());
  }

  @Test
  void locationsPointAtEveryValue() {
    Locations where = parse(DESIGN_EXAMPLE, Map.of(), Map.of()).locations();

    assertThat(where.lineColumn("primary.bucket")).hasValueSatisfying(lc -> assertThat(lc).containsExactly(9, 11));
    assertThat(where.lineColumn("replicas[0].region")).hasValueSatisfying(lc -> assertThat(lc).containsExactly(11, 13));
    assertThat(where.lineColumn("domain.names[0]")).hasValueSatisfying(lc -> assertThat(lc).containsExactly(30, 11));
    assertThat(where.at("domain.hosted_zone.nothing", "x").line()).isEqualTo(31);
  }

  @Test
  void appliesDefaultsToOmittedSections() {
    Spec spec = parse(MINIMAL, Map.of(), Map.of());

    assertThat(spec.site().tags()).isEmpty();
    assertThat(spec.replication()).isEqualTo(ReplicationSpec.defaults());
    assertThat(spec.content()).isEmpty();
    assertThat(spec.cdn()).isEqualTo(CdnSpec.defaults());
    assertThat(spec.domain()).isEmpty();
    assertThat(spec.backend()).isEqualTo(BackendSpec.localDefault());
  }

  @Test
  void appliesDefaultsInsideSections() {
    Spec spec = parse(MINIMAL + """
        content: {source: site/}
        cdn: {origin_access: oai}
        domain:
          names: ["*.example.com", example.com]
          hosted_zone: example.com.
          certificate: {arn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9"}
        backend: {type: s3, bucket: team-state, key: sites/demo.json, region: eu-west-1}
        """, Map.of(), Map.of());

    assertThat(spec.content()).contains(new ContentSpec("site/", true, Map.of(), ContentSpec.Invalidate.CHANGED));
    assertThat(spec.cdn()).isEqualTo(new CdnSpec("index.html", "PriceClass_100",
        CdnSpec.DEFAULT_FAILOVER_CODES, CdnSpec.OriginAccess.OAI, false));
    DomainSpec domain = spec.domain().orElseThrow();
    assertThat(domain.hostedZone()).isEqualTo("example.com");
    assertThat(domain.certificateArn()).hasValueSatisfying(a -> assertThat(a).startsWith("arn:aws:acm:us-east-1:"));
    assertThat(domain.records()).containsExactly("A", "AAAA");
    assertThat(spec.backend()).isEqualTo(new BackendSpec(BackendSpec.Type.S3, "siteform.state.json",
        Optional.of("team-state"), Optional.of("sites/demo.json"), Optional.of("eu-west-1")));
  }

  /** The seed's own procedure: a domain without a certificate section is validated through DNS. */
  @Test
  void aDomainWithoutCertificateIsValidatedThroughDns() {
    Spec spec = parse(MINIMAL + """
        domain:
          names: [www.example.com]
          hosted_zone: example.com
        """, Map.of(), Map.of());

    assertThat(spec.domain().orElseThrow().certificateArn()).isEmpty();
  }

  @Test
  void cliVarBeatsEnvironmentBeatsDefault() {
    String text = MINIMAL.replace("demo-primary", "\"demo-${var.who}\"") + "variables: {who: {default: dflt}}\n";

    assertThat(parse(text, Map.of(), Map.of()).primary().bucket()).isEqualTo("demo-dflt");
    assertThat(parse(text, Map.of(), Map.of("SITEFORM_VAR_who", "env")).primary().bucket()).isEqualTo("demo-env");
    assertThat(parse(text, Map.of("who", "cli"), Map.of("SITEFORM_VAR_who", "env")).primary().bucket())
        .isEqualTo("demo-cli");
  }

  @Test
  void variableWithoutDefaultTakesItsValueFromTheEnvironment() {
    String text = MINIMAL.replace("demo-primary", "\"demo-${var.who}\"") + "variables: {who: }\n";

    assertThat(parse(text, Map.of(), Map.of("SITEFORM_VAR_who", "ci", "SITEFORM_VAR_other", "x"))
        .primary().bucket()).isEqualTo("demo-ci");
  }

  @Test
  void doubleDollarEscapesInterpolation() {
    String text = MINIMAL + "replication: {prefix: \"a/$${var.who}/${var.who}/b\"}\nvariables: {who: {default: me}}\n";

    assertThat(parse(text, Map.of(), Map.of()).replication().prefix()).isEqualTo("a/${var.who}/me/b");
  }

  @Test
  void hintsAtQuotingAVariableInsideBraces() {
    String text = MINIMAL.replace("demo-primary", "demo-${var.who}") + "variables: {who: {default: x}}\n";

    assertThatThrownBy(() -> parse(text, Map.of(), Map.of()))
        .isInstanceOf(SpecException.class)
        .hasMessageEndingWith("inside { } or [ ], quote a value that contains ${...}");
  }

  @Test
  void loadsAFileAndNamesItAsGiven(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("siteform.yaml");
    Files.writeString(file, MINIMAL);

    assertThat(loader.load(file, Map.of(), Map.of()).file()).isEqualTo(file.toString());
  }

  @Test
  void aMissingFileIsASpecErrorAtItsStart(@TempDir Path dir) {
    Path file = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
        .isInstanceOf(SpecException.class)
        .hasMessage(file + ":1:1: no such file; create it (see examples/) or point to it with -f PATH");
  }

  @Test
  void aFileThatIsNotUtf8IsASpecError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("siteform.yaml");
    Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});

    assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("not UTF-8");
  }
}
