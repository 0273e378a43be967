package io.siteform.state;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** States shaped like the ones an apply of the seed's site records. */
final class Fixtures {
  static final String LINEAGE = "6f1c2a4e-9d1b-4c8e-a0f5-3b7d2e1c9a80";

  private Fixtures() {}

  static State site() {
    Map<String, Object> bucketAttrs = new LinkedHashMap<>();
    bucketAttrs.put("versioning", true);
    bucketAttrs.put("bucket", "ticket-service-ui-jane-doe");
    bucketAttrs.put("tags", Map.of("project", "ticket-service", "managed-by", "siteform"));
    bucketAttrs.put("encryption", Map.of("algorithm", "AES256", "bucket_key", false));
    bucketAttrs.put("lifecycle", null);

    Map<String, Object> distAttrs = new LinkedHashMap<>();
    distAttrs.put("failover_status_codes", List.of(500, 502, 503, 504, 403, 404));
    distAttrs.put("price_class", "PriceClass_100");
    distAttrs.put("weight", new BigDecimal("0.10"));
    distAttrs.put("origins", List.of(
        Map.of("id", "primary", "region", "eu-west-1", "connection_attempts", 3),
        Map.of("id", "replica", "region", "ap-southeast-1", "timeouts", List.of())));
    distAttrs.put("huge", new BigDecimal("123456789012345678901234567890"));
    distAttrs.put("aliases", Arrays.asList("www.example.com", null));
    distAttrs.put("unicode", "café \"quoted\" \\ / \u2028 é");

    return new State(State.FORMAT_VERSION, 7, LINEAGE, java.util.Optional.of("ticket-service-ui"), List.of(
        ResourceState.creating("acm_certificate.site", "acm_certificate", "us-east-1",
            Map.of("idempotency_token", "siteform-ticket-service-ui-5f2a"), List.of()),
        new ResourceState("s3_bucket.primary", "s3_bucket", "eu-west-1",
            "ticket-service-ui-jane-doe", bucketAttrs, List.of()),
        new ResourceState("cloudfront_distribution.site", "cloudfront_distribution", null,
            "E2QWRUHAPOMQZL", distAttrs,
            List.of("cloudfront_origin_access.site", "s3_bucket.primary")),
        new ResourceState("iam_role.replication", "iam_role", null, "siteform-replication",
            Map.of(), List.of())), List.of(
        new Release(2, "2025-01-02T10:00:00Z", "sha256:b2", 1, 1, Map.of(
            "index.html", new Release.File("v-index-3", "aa11", 12, "text/html", "no-cache"))),
        new Release(1, "2025-01-01T09:00:00Z", "sha256:a1", 2, 0, Map.of(
            "index.html", new Release.File("v-index-1", "aa11", 12, "text/html", "no-cache"),
            "assets/app.js", new Release.File("v-app-1", "bb22", 30, "text/javascript", "")))));
  }

  static State withBucketTag(State state, String value) {
    ResourceState b = state.find("s3_bucket.primary").orElseThrow();
    Map<String, Object> attrs = new LinkedHashMap<>(b.attributes());
    attrs.put("tags", Map.of("project", value));
    return state.with(new ResourceState(b.address(), b.type(), b.region(), b.id(), attrs,
        b.dependencies())).withSerial(state.serial() + 1);
  }
}
