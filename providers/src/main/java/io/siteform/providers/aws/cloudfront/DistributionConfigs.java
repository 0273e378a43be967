package io.siteform.providers.aws.cloudfront;

import io.siteform.state.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudfront.model.AllowedMethods;
import software.amazon.awssdk.services.cloudfront.model.Aliases;
import software.amazon.awssdk.services.cloudfront.model.CachedMethods;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponse;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponses;
import software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.ForwardedValues;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociations;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginGroup;
import software.amazon.awssdk.services.cloudfront.model.OriginGroupMember;
import software.amazon.awssdk.services.cloudfront.model.OriginGroups;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.cloudfront.model.S3OriginConfig;
import software.amazon.awssdk.services.cloudfront.model.StatusCodes;
import software.amazon.awssdk.services.cloudfront.model.Tag;
import software.amazon.awssdk.services.cloudfront.model.Tags;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;

/**
 * The desired attributes of a {@code cloudfront_distribution} written onto a CloudFront
 * DistributionConfig. UpdateDistribution replaces the whole configuration, so the desired
 * settings go onto the one GetDistributionConfig returned, keeping what siteform does not manage
 * (logging, geo restrictions, cache behaviours for paths, an origin's path or timeouts, an error
 * response's caching TTL) and the CallerReference CloudFront refuses to change. A create starts
 * from an empty configuration with only the CallerReference. Pure: no AWS calls.
 */
final class DistributionConfigs {
  private DistributionConfigs() {}

  /** A new distribution's configuration. */
  static DistributionConfig create(String callerReference, Map<String, Object> desired) {
    return apply(DistributionConfig.builder().callerReference(callerReference).build(), desired);
  }

  /** {@code current} with the settings siteform manages set as {@code desired} says. */
  static DistributionConfig apply(DistributionConfig current, Map<String, Object> desired) {
    Attributes d = new Attributes(desired);
    List<String> aliases = d.strings("aliases");
    return current.toBuilder()
        .comment(d.string("comment"))
        .enabled(d.bool("enabled"))
        .defaultRootObject(d.string("default_root_object"))
        .priceClass(d.string("price_class"))
        .httpVersion(d.string("http_version"))
        .isIPV6Enabled(d.bool("ipv6"))
        // An empty list is left unset: an empty <Items/> is not what CloudFront sends back.
        .aliases(aliases.isEmpty() ? Aliases.builder().quantity(0).build()
            : Aliases.builder().quantity(aliases.size()).items(aliases).build())
        .viewerCertificate(viewerCertificate(d.map("viewer_certificate")))
        .origins(origins(current.origins(), d.maps("origins")))
        .originGroups(originGroups(current.originGroups(), d.map("origin_group")))
        .defaultCacheBehavior(behaviour(current.defaultCacheBehavior(), d.map("default_cache_behavior")))
        .customErrorResponses(errorResponses(current.customErrorResponses(), d.maps("custom_error_responses")))
        .build();
  }

  /**
   * Whether {@code current} already has every managed setting as {@code desired} says (tags
   * aside): compared as read() reports them, so CloudFront's own spelling of an unchanged setting
   * (a default certificate's protocol version, say) does not count as a change.
   */
  static boolean satisfies(DistributionConfig current, Map<String, Object> desired) {
    Map<String, Object> live = DistributionAttributes.of(current);
    return Values.copyMap(desired).entrySet().stream()
        .filter(e -> !e.getKey().equals("tags") && !e.getKey().equals(CloudFrontDistributionProvider.CALLER_REFERENCE))
        .allMatch(e -> Objects.equals(e.getValue(), live.get(e.getKey())));
  }

  /** {@code current}, disabled: the step before a distribution can be deleted. */
  static DistributionConfig disabled(DistributionConfig current) {
    return current.toBuilder().enabled(false).build();
  }

  /** {@code tags} as CreateDistributionWithTags and TagResource take them. */
  static Tags tags(Map<String, String> tags) {
    if (tags.isEmpty()) return Tags.builder().build();
    return Tags.builder().items(tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
  }

  /** The desired tags as a map (empty when the spec has none). */
  static Map<String, String> tagMap(Map<String, Object> desired) {
    Map<String, String> out = new TreeMap<>();
    new Attributes(desired).map("tags").raw().forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  private static ViewerCertificate viewerCertificate(Attributes v) {
    if (v.raw().isEmpty() || Boolean.TRUE.equals(v.raw().get("cloudfront_default"))) {
      return ViewerCertificate.builder().cloudFrontDefaultCertificate(true).build();
    }
    if (!v.raw().containsKey("acm_certificate_arn")) {
      throw new IllegalArgumentException("viewer_certificate needs either cloudfront_default: true or an "
          + "acm_certificate_arn, not " + v.raw().keySet());
    }
    return ViewerCertificate.builder()
        .cloudFrontDefaultCertificate(false)
        .acmCertificateArn(v.string("acm_certificate_arn"))
        .sslSupportMethod(v.string("ssl_support_method"))
        .minimumProtocolVersion(v.string("minimum_protocol_version"))
        .build();
  }

  private static Origins origins(Origins current, List<Attributes> desired) {
    Map<String, Origin> existing = byId(current == null ? List.of() : current.items(), Origin::id);
    List<Origin> items = new ArrayList<>();
    for (Attributes o : desired) {
      String id = o.string("id");
      Origin base = existing.getOrDefault(id, Origin.builder().build());
      S3OriginConfig s3 = base.s3OriginConfig() == null ? S3OriginConfig.builder().build() : base.s3OriginConfig();
      items.add(base.toBuilder()
          .id(id)
          .domainName(o.string("domain_name"))
          .originAccessControlId(o.string("origin_access_control_id"))
          // "" for an origin signed by an origin access control; the legacy identity otherwise.
          .s3OriginConfig(s3.toBuilder().originAccessIdentity(o.string("origin_access_identity")).build())
          .customOriginConfig((CustomOriginConfig) null)
          .build());
    }
    return Origins.builder().quantity(items.size()).items(items).build();
  }

  private static OriginGroups originGroups(OriginGroups current, Attributes g) {
    if (g.raw().isEmpty()) return OriginGroups.builder().quantity(0).build();
    String id = g.string("id");
    OriginGroup base = byId(current == null ? List.of() : current.items(), OriginGroup::id)
        .getOrDefault(id, OriginGroup.builder().build());
    List<Integer> codes = g.longs("status_codes").stream().map(Long::intValue).toList();
    OriginGroup group = base.toBuilder()
        .id(id)
        .failoverCriteria(f -> f.statusCodes(StatusCodes.builder().quantity(codes.size()).items(codes).build()))
        .members(m -> m.quantity(2).items(
            OriginGroupMember.builder().originId(g.string("primary")).build(),
            OriginGroupMember.builder().originId(g.string("secondary")).build()))
        .build();
    // Exactly one: siteform's origin_group is the distribution's only one.
    return OriginGroups.builder().quantity(1).items(group).build();
  }

  private static DefaultCacheBehavior behaviour(DefaultCacheBehavior current, Attributes b) {
    DefaultCacheBehavior base = current == null ? DefaultCacheBehavior.builder().build() : current;
    List<String> allowed = b.strings("allowed_methods");
    List<String> cached = b.strings("cached_methods");
    DefaultCacheBehavior.Builder out = base.toBuilder()
        .targetOriginId(b.string("target_origin_id"))
        .viewerProtocolPolicy(b.string("viewer_protocol_policy"))
        .allowedMethods(AllowedMethods.builder().quantity(allowed.size()).itemsWithStrings(allowed)
            .cachedMethods(CachedMethods.builder().quantity(cached.size()).itemsWithStrings(cached).build())
            .build())
        .cachePolicyId(b.string("cache_policy_id"))
        .compress(b.bool("compress"))
        // Left out rather than "": the behaviour then has no policy (API_DefaultCacheBehavior).
        .responseHeadersPolicyId(b.string("response_headers_policy_id").isEmpty() ? null
            : b.string("response_headers_policy_id"))
        .functionAssociations(functionAssociations(b.maps("function_associations")));
    if (!b.string("cache_policy_id").isEmpty()) {
      // A cache policy excludes the legacy cache settings (API_DefaultCacheBehavior).
      out.forwardedValues((ForwardedValues) null)
          .minTTL(null).defaultTTL(null).maxTTL(null);
    }
    return out.build();
  }

  private static FunctionAssociations functionAssociations(List<Attributes> desired) {
    List<FunctionAssociation> items = desired.stream().map(a -> FunctionAssociation.builder()
        .eventType(a.string("event_type")).functionARN(a.string("function_arn")).build()).toList();
    return items.isEmpty() ? FunctionAssociations.builder().quantity(0).build()
        : FunctionAssociations.builder().quantity(items.size()).items(items).build();
  }

  private static CustomErrorResponses errorResponses(CustomErrorResponses current, List<Attributes> desired) {
    if (desired.isEmpty()) return CustomErrorResponses.builder().quantity(0).build();
    Map<Integer, CustomErrorResponse> existing =
        byId(current == null ? List.of() : current.items(), CustomErrorResponse::errorCode);
    List<CustomErrorResponse> items = new ArrayList<>();
    for (Attributes r : desired) {
      int code = Math.toIntExact(r.number("error_code"));
      // ErrorCachingMinTTL is CloudFront's default or what someone set by hand: kept.
      items.add(existing.getOrDefault(code, CustomErrorResponse.builder().build()).toBuilder()
          .errorCode(code)
          .responseCode(String.valueOf(r.number("response_code")))
          .responsePagePath(r.string("response_page_path"))
          .build());
    }
    return CustomErrorResponses.builder().quantity(items.size()).items(items).build();
  }

  private static <K, T> Map<K, T> byId(List<T> items, Function<T, K> id) {
    Map<K, T> out = new HashMap<>();
    for (T t : items) if (id.apply(t) != null) out.putIfAbsent(id.apply(t), t);
    return out;
  }

  /** Typed access to one level of normalised attribute values, with a clear error for a wrong shape. */
  private record Attributes(Map<String, Object> raw) {
    Attributes {
      raw = raw == null ? Map.of() : raw;
    }

    String string(String key) {
      Object v = raw.get(key);
      return v == null ? "" : String.valueOf(v);
    }

    boolean bool(String key) {
      Object v = raw.get(key);
      if (v instanceof Boolean b) return b;
      throw wrong(key, "true or false", v);
    }

    long number(String key) {
      Object v = raw.get(key);
      if (v instanceof Number n) return n.longValue();
      throw wrong(key, "a number", v);
    }

    List<String> strings(String key) {
      return list(key).stream().map(String::valueOf).toList();
    }

    List<Long> longs(String key) {
      return list(key).stream().map(v -> {
        if (v instanceof Number n) return n.longValue();
        throw wrong(key, "a list of numbers", v);
      }).toList();
    }

    Attributes map(String key) {
      Object v = raw.get(key);
      if (v == null) return new Attributes(Map.of());
      if (v instanceof Map<?, ?> m) return new Attributes(stringKeys(m));
      throw wrong(key, "a map", v);
    }

    List<Attributes> maps(String key) {
      List<Attributes> out = new ArrayList<>();
      for (Object v : list(key)) {
        if (!(v instanceof Map<?, ?> m)) throw wrong(key, "a list of maps", v);
        out.add(new Attributes(stringKeys(m)));
      }
      return out;
    }

    private List<?> list(String key) {
      Object v = raw.get(key);
      if (v == null) return List.of();
      if (v instanceof List<?> l) return l;
      throw wrong(key, "a list", v);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), x));
      return out;
    }

    private static IllegalArgumentException wrong(String key, String expected, Object actual) {
      return new IllegalArgumentException(key + " must be " + expected + ", not " + Objects.toString(actual));
    }
  }
}
