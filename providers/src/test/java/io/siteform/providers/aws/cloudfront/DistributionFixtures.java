package io.siteform.providers.aws.cloudfront;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Desired attributes of a distribution as {@code CdnResources} makes them. */
final class DistributionFixtures {
  private DistributionFixtures() {}

  /** The site's distribution with origins {@code primary} and {@code replica}, then {@code change}d. */
  static Map<String, Object> desired(
      Consumer<Map<String, Object>> change, Map<String, Object> primary, Map<String, Object> replica) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("comment", "siteform: ticket-service-ui");
    d.put("enabled", true);
    d.put("default_root_object", "index.html");
    d.put("price_class", "PriceClass_100");
    d.put("http_version", "http2and3");
    d.put("ipv6", true);
    d.put("aliases", List.of());
    d.put("viewer_certificate", Map.of("cloudfront_default", true));
    d.put("origins", List.of(primary, replica));
    d.put("origin_group", Map.of("id", "failover", "primary", "primary", "secondary", "replica",
        "status_codes", List.of(403L, 404L, 500L, 502L, 503L, 504L)));
    d.put("default_cache_behavior", Map.of("target_origin_id", "failover", "viewer_protocol_policy", "redirect-to-https",
        "allowed_methods", List.of("GET", "HEAD"), "cached_methods", List.of("GET", "HEAD"),
        "cache_policy_id", "658327ea-f89d-4fab-a63d-7e88639e58f6", "compress", true,
        "response_headers_policy_id", "67f7725c-6f97-4210-82d7-5512b31e9d03",
        "function_associations", List.of(Map.of("event_type", "viewer-request",
            "function_arn", "arn:aws:cloudfront::123456789012:function/siteform-ticket-service-ui-viewer-request"))));
    d.put("custom_error_responses", List.of(
        Map.of("error_code", 403L, "response_code", 200L, "response_page_path", "/index.html"),
        Map.of("error_code", 404L, "response_code", 200L, "response_page_path", "/index.html")));
    d.put("tags", Map.of("siteform:site", "ticket-service-ui", "team", "web"));
    change.accept(d);
    return d;
  }

  /** An S3 origin signed by origin access control {@code oacId}. */
  static Map<String, Object> oacOrigin(String id, String bucket, String region, String oacId) {
    return Map.of("id", id, "domain_name", bucket + ".s3." + region + ".amazonaws.com",
        "origin_access_control_id", oacId, "origin_access_identity", "");
  }

  /** An S3 origin read through legacy origin access identity {@code oaiId}. */
  static Map<String, Object> oaiOrigin(String id, String bucket, String region, String oaiId) {
    return Map.of("id", id, "domain_name", bucket + ".s3." + region + ".amazonaws.com",
        "origin_access_control_id", "", "origin_access_identity", "origin-access-identity/cloudfront/" + oaiId);
  }
}
