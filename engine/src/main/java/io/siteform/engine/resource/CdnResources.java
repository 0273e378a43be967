package io.siteform.engine.resource;

import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.spec.CdnSpec;
import io.siteform.engine.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The seed's "CloudFront Origin Failover": an origin access control (or legacy identity), the
 * distribution whose origin group fails over from the primary bucket to the first replica, and
 * one bucket policy per origin bucket admitting only this distribution. The seed's classic
 * mistake — a replica that does not admit the distribution, so failover answers 403 — cannot be
 * expressed: both origins always get the same access and a policy.
 */
final class CdnResources {
  static final Address ORIGIN_ACCESS = new Address("cloudfront_origin_access", "site");
  static final Address DISTRIBUTION = new Address("cloudfront_distribution", "site");
  /** AWS's managed CachingOptimized cache policy. */
  static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
  static final String PRIMARY_ORIGIN = "primary";
  static final String REPLICA_ORIGIN = "replica";
  static final String ORIGIN_GROUP = "failover";

  private CdnResources() {}

  static List<ResourceSpec> expand(Spec spec, Map<String, String> tags) {
    boolean oai = spec.cdn().originAccess() == CdnSpec.OriginAccess.OAI;
    List<ResourceSpec> out = new ArrayList<>();
    out.add(originAccess(spec, oai));
    out.add(distribution(spec, oai, tags));
    out.add(bucketPolicy(Expander.PRIMARY_BUCKET, spec.primary(), oai));
    BucketSpec failover = spec.failoverReplica();
    Address replica = Expander.replicaAddress(failover);
    out.add(bucketPolicy(replica, failover, oai));
    return out;
  }

  private static ResourceSpec originAccess(Spec spec, boolean oai) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (oai) {
      attrs.put("kind", "oai");
      attrs.put("comment", "siteform: " + spec.site().name());
    } else {
      attrs.put("kind", "oac");
      attrs.put("name", "siteform-" + spec.site().name());
      attrs.put("description", "siteform: S3 origins of " + spec.site().name());
      attrs.put("origin_type", "s3");
      attrs.put("signing_behavior", "always");
      attrs.put("signing_protocol", "sigv4");
    }
    return new ResourceSpec(ORIGIN_ACCESS, Expander.GLOBAL_REGION, attrs, Set.of());
  }

  private static ResourceSpec distribution(Spec spec, boolean oai, Map<String, String> tags) {
    CdnSpec cdn = spec.cdn();
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("comment", "siteform: " + spec.site().name());
    attrs.put("enabled", true);
    attrs.put("default_root_object", cdn.defaultRootObject());
    attrs.put("price_class", cdn.priceClass());
    attrs.put("http_version", "http2and3");
    attrs.put("ipv6", true);
    attrs.put("aliases", spec.domain().map(d -> List.copyOf(new TreeSet<>(d.allNames()))).orElse(List.of()));
    attrs.put("viewer_certificate", DomainResources.viewerCertificate(spec)
        .orElse(Map.of("cloudfront_default", true)));
    attrs.put("origins", List.of(
        origin(PRIMARY_ORIGIN, spec.primary(), oai), origin(REPLICA_ORIGIN, spec.failoverReplica(), oai)));
    attrs.put("origin_group", Map.of(
        "id", ORIGIN_GROUP, "primary", PRIMARY_ORIGIN, "secondary", REPLICA_ORIGIN,
        "status_codes", new ArrayList<>(new TreeSet<>(cdn.failoverStatusCodes()))));
    Map<String, Object> behaviour = new LinkedHashMap<>();
    behaviour.put("target_origin_id", ORIGIN_GROUP);
    behaviour.put("viewer_protocol_policy", "redirect-to-https");
    behaviour.put("allowed_methods", List.of("GET", "HEAD"));
    behaviour.put("cached_methods", List.of("GET", "HEAD"));
    behaviour.put("cache_policy_id", CACHING_OPTIMIZED);
    behaviour.put("compress", true);
    behaviour.put("response_headers_policy_id", EdgeResources.responseHeadersPolicyId(spec));
    behaviour.put("function_associations", EdgeResources.functionAssociations(spec));
    attrs.put("default_cache_behavior", behaviour);
    List<Object> errors = new ArrayList<>();
    if (cdn.spaFallback()) {
      String page = "/" + cdn.defaultRootObject();
      for (long code : new long[] {403, 404}) {
        errors.add(Map.of("error_code", code, "response_code", 200L, "response_page_path", page));
      }
    }
    attrs.put("custom_error_responses", errors);
    attrs.put("tags", tags);
    Set<Address> deps = new TreeSet<>(List.of(
        ORIGIN_ACCESS, Expander.PRIMARY_BUCKET, Expander.replicaAddress(spec.failoverReplica())));
    // With a custom domain the distribution waits for the certificate to be issued.
    deps.addAll(DomainResources.distributionDependencies(spec));
    // It names the headers policy and the function: they exist first and are deleted after it lets go.
    deps.addAll(EdgeResources.distributionDependencies(spec));
    return new ResourceSpec(DISTRIBUTION, Expander.GLOBAL_REGION, attrs, deps);
  }

  private static Map<String, Object> origin(String id, BucketSpec bucket, boolean oai) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("domain_name", regionalDomainName(bucket));
    o.put("origin_access_control_id", oai ? "" : new Ref(ORIGIN_ACCESS, "id"));
    o.put("origin_access_identity", oai ? new Ref(ORIGIN_ACCESS, "id", "origin-access-identity/cloudfront/%s") : "");
    return o;
  }

  /** The regional REST endpoint: unlike the global one it never redirects a new bucket. */
  static String regionalDomainName(BucketSpec b) {
    return b.bucket() + ".s3." + b.region() + ".amazonaws.com";
  }

  /**
   * Only this distribution may read: GetObject on the objects and ListBucket on the bucket.
   * Without ListBucket S3 answers 403 instead of 404 for a missing key, so every missing page
   * would look like a permissions failure and trigger failover for the wrong reason.
   */
  private static ResourceSpec bucketPolicy(Address bucket, BucketSpec b, boolean oai) {
    String arn = Expander.bucketArn(b.bucket());
    Map<String, Object> principal = oai
        ? Map.of("AWS", new Ref(ORIGIN_ACCESS, "iam_arn"))
        : Map.of("Service", "cloudfront.amazonaws.com");
    List<Object> statements = new ArrayList<>();
    statements.add(readStatement("AllowCloudFrontGetObject", principal, "s3:GetObject", arn + "/*", oai));
    statements.add(readStatement("AllowCloudFrontListBucket", principal, "s3:ListBucket", arn, oai));
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("bucket", b.bucket());
    attrs.put("policy", Map.of("Version", "2012-10-17", "Statement", statements));
    Set<Address> deps = oai ? Set.of(bucket, ORIGIN_ACCESS) : Set.of(bucket, DISTRIBUTION);
    return new ResourceSpec(Expander.bucketPolicyAddress(bucket), b.region(), attrs, deps, Set.of(bucket));
  }

  private static Map<String, Object> readStatement(
      String sid, Map<String, Object> principal, String action, String resource, boolean oai) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("Sid", sid);
    s.put("Effect", "Allow");
    s.put("Principal", principal);
    s.put("Action", List.of(action));
    s.put("Resource", List.of(resource));
    if (!oai) s.put("Condition", Map.of("StringEquals", Map.of("AWS:SourceArn", new Ref(DISTRIBUTION, "arn"))));
    return s;
  }
}
