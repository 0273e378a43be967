package io.siteform.providers.aws.cloudfront;

import io.siteform.state.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudfront.model.AllowedMethods;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponse;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponses;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginGroup;
import software.amazon.awssdk.services.cloudfront.model.OriginGroupMember;
import software.amazon.awssdk.services.cloudfront.model.OriginGroups;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;

/**
 * A distribution as CloudFront returns it, in the shape {@code CdnResources} gives the desired
 * one, so that a plan right after an apply shows no change: the same keys, absent lists as empty
 * lists, and whatever CloudFront may hand back in another order (status codes, methods, aliases,
 * error responses) sorted as the desired side is. Settings siteform does not manage (logging, TTLs,
 * ErrorCachingMinTTL, ...) are left out, so they never show as drift. Pure: no AWS calls.
 */
final class DistributionAttributes {
  private DistributionAttributes() {}

  /** Everything read() reports: the managed settings plus arn, domain_name, status, caller_reference. */
  static Map<String, Object> of(Distribution d, Map<String, String> tags) {
    Map<String, Object> a = new LinkedHashMap<>(of(d.distributionConfig()));
    a.put("tags", tags);
    a.put("arn", text(d.arn()));
    a.put("domain_name", text(d.domainName()));
    a.put("status", text(d.status()));
    return Values.copyMap(a);
  }

  /** The managed settings of {@code c}, and its caller_reference; no tags. */
  static Map<String, Object> of(DistributionConfig c) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("comment", text(c.comment()));
    a.put("enabled", Boolean.TRUE.equals(c.enabled()));
    a.put("default_root_object", text(c.defaultRootObject()));
    a.put("price_class", text(c.priceClassAsString()));
    a.put("http_version", text(c.httpVersionAsString()));
    a.put("ipv6", Boolean.TRUE.equals(c.isIPV6Enabled()));
    a.put("aliases", sorted(c.aliases() == null ? List.of() : c.aliases().items()));
    a.put("viewer_certificate", viewerCertificate(c.viewerCertificate()));
    a.put("origins", c.origins() == null ? List.of() : c.origins().items().stream().map(DistributionAttributes::origin).toList());
    a.put("origin_group", originGroup(c.originGroups(), c.defaultCacheBehavior()));
    a.put("default_cache_behavior", behaviour(c.defaultCacheBehavior()));
    a.put("custom_error_responses", errorResponses(c.customErrorResponses()));
    a.put(CloudFrontDistributionProvider.CALLER_REFERENCE, text(c.callerReference()));
    return Values.copyMap(a);
  }

  private static Map<String, Object> viewerCertificate(ViewerCertificate v) {
    if (v == null || Boolean.TRUE.equals(v.cloudFrontDefaultCertificate())) return Map.of("cloudfront_default", true);
    Map<String, Object> m = new LinkedHashMap<>();
    if (v.acmCertificateArn() != null && !v.acmCertificateArn().isEmpty()) {
      m.put("acm_certificate_arn", v.acmCertificateArn());
    } else {
      // An IAM certificate, set by hand: shown as what it is, so the plan puts it back.
      m.put("iam_certificate_id", text(v.iamCertificateId()));
    }
    m.put("ssl_support_method", text(v.sslSupportMethodAsString()));
    m.put("minimum_protocol_version", text(v.minimumProtocolVersionAsString()));
    return m;
  }

  private static Map<String, Object> origin(Origin o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", text(o.id()));
    m.put("domain_name", text(o.domainName()));
    m.put("origin_access_control_id", text(o.originAccessControlId()));
    m.put("origin_access_identity", o.s3OriginConfig() == null ? "" : text(o.s3OriginConfig().originAccessIdentity()));
    return m;
  }

  /**
   * The origin group the default cache behaviour routes to (or else the first one); an empty map
   * when there is none. siteform manages exactly one.
   */
  private static Map<String, Object> originGroup(OriginGroups groups, DefaultCacheBehavior behaviour) {
    if (groups == null || groups.items().isEmpty()) return Map.of();
    String target = behaviour == null ? null : behaviour.targetOriginId();
    OriginGroup g = groups.items().stream().filter(x -> x.id().equals(target)).findFirst().orElse(groups.items().get(0));
    List<OriginGroupMember> members = g.members() == null ? List.of() : g.members().items();
    List<Long> codes = g.failoverCriteria() == null || g.failoverCriteria().statusCodes() == null
        ? List.of()
        : g.failoverCriteria().statusCodes().items().stream().map(Integer::longValue).sorted().toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", text(g.id()));
    m.put("primary", members.size() > 0 ? text(members.get(0).originId()) : "");
    m.put("secondary", members.size() > 1 ? text(members.get(1).originId()) : "");
    m.put("status_codes", codes);
    return m;
  }

  private static Map<String, Object> behaviour(DefaultCacheBehavior b) {
    if (b == null) return Map.of();
    AllowedMethods allowed = b.allowedMethods();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target_origin_id", text(b.targetOriginId()));
    m.put("viewer_protocol_policy", text(b.viewerProtocolPolicyAsString()));
    m.put("allowed_methods", allowed == null ? List.of() : sorted(allowed.itemsAsStrings()));
    m.put("cached_methods", allowed == null || allowed.cachedMethods() == null
        ? List.of() : sorted(allowed.cachedMethods().itemsAsStrings()));
    m.put("cache_policy_id", text(b.cachePolicyId()));
    m.put("compress", Boolean.TRUE.equals(b.compress()));
    m.put("response_headers_policy_id", text(b.responseHeadersPolicyId()));
    List<Object> functions = new ArrayList<>();
    if (b.functionAssociations() != null) {
      b.functionAssociations().items().stream()
          .sorted(Comparator.comparing(FunctionAssociation::eventTypeAsString, Comparator.nullsFirst(Comparator.naturalOrder())))
          .forEach(f -> {
            Map<String, Object> fa = new LinkedHashMap<>();
            fa.put("event_type", text(f.eventTypeAsString()));
            fa.put("function_arn", text(f.functionARN()));
            functions.add(fa);
          });
    }
    m.put("function_associations", functions);
    return m;
  }

  private static List<Object> errorResponses(CustomErrorResponses responses) {
    if (responses == null) return List.of();
    List<CustomErrorResponse> items = new ArrayList<>(responses.items());
    items.sort(Comparator.comparing(CustomErrorResponse::errorCode, Comparator.nullsFirst(Comparator.naturalOrder())));
    List<Object> out = new ArrayList<>();
    for (CustomErrorResponse r : items) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("error_code", r.errorCode() == null ? null : r.errorCode().longValue());
      // The API has the response code as a string; siteform, like the status it is, as a number.
      m.put("response_code", responseCode(r.responseCode()));
      m.put("response_page_path", text(r.responsePagePath()));
      out.add(m);
    }
    return out;
  }

  /** CloudFront's ResponseCode string as a number; null when there is none (error caching only). */
  static Long responseCode(String s) {
    if (s == null || s.isBlank()) return null;
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("CloudFront returned a ResponseCode that is not a number: " + s, e);
    }
  }

  private static List<String> sorted(Collection<String> items) {
    return items == null ? List.of() : items.stream().sorted().toList();
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
