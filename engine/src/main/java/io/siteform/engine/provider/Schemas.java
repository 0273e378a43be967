package io.siteform.engine.provider;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The schema of every resource type the expander makes, declared once. The engine's fake cloud
 * plans with these; in the providers module {@code SchemaCatalogueTest} fails when an AWS
 * provider's schema is another, and {@code SchemaContractIT} when a provider's behaviour on moto
 * contradicts its schema (an attribute neither desired nor computed, a computed one or the token
 * missing, an in-place change not made, a force-new one made in place), so what the engine is
 * tested with is what runs against AWS.
 */
public final class Schemas {
  /**
   * An IAM policy's statement lists its actions and resources in no order
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html).
   */
  private static final String[] POLICY_SETS = {"policy.Statement[].Action", "policy.Statement[].Resource"};

  public static final ResourceSchema S3_BUCKET =
      new ResourceSchema("s3_bucket", Set.of("bucket"), Set.of("arn", "regional_domain_name"), false)
          .withIntent("bucket");
  public static final ResourceSchema IAM_ROLE =
      new ResourceSchema("iam_role", Set.of("name"), Set.of("arn", "unique_id"), false).withIntent("name")
          .withSets(POLICY_SETS);
  public static final ResourceSchema S3_REPLICATION =
      new ResourceSchema("s3_replication", Set.of("bucket"), Set.of(), false);
  public static final ResourceSchema CLOUDFRONT_ORIGIN_ACCESS = new ResourceSchema(
      "cloudfront_origin_access", Set.of("kind"), Set.of("iam_arn", "s3_canonical_user_id"), false)
      .withIntent("kind", "name");
  public static final ResourceSchema CLOUDFRONT_DISTRIBUTION = new ResourceSchema("cloudfront_distribution",
      Set.of(), Set.of("arn", "domain_name", "status"), false, Optional.of("caller_reference"))
      .withSettled("status", "Deployed")
      .withSets("aliases", "origin_group.status_codes", "default_cache_behavior.allowed_methods",
          "default_cache_behavior.cached_methods");
  public static final ResourceSchema S3_BUCKET_POLICY =
      new ResourceSchema("s3_bucket_policy", Set.of("bucket"), Set.of(), false).withSets(POLICY_SETS);
  public static final ResourceSchema ACM_CERTIFICATE = new ResourceSchema("acm_certificate",
      Set.of("domain_name", "subject_alternative_names", "validation_method", "key_algorithm"),
      Set.of("arn", "status", "validation"), true, Optional.of("idempotency_token"))
      .withSets("subject_alternative_names");
  public static final ResourceSchema ACM_CERTIFICATE_VALIDATION =
      new ResourceSchema("acm_certificate_validation", Set.of("certificate_arn"), Set.of(), true);
  public static final ResourceSchema ROUTE53_RECORD =
      new ResourceSchema("route53_record", Set.of("zone_id", "name", "type"), Set.of(), false)
          .withIntent("zone_id", "name", "type");
  /**
   * Renaming the primary bucket updates the content in place: it is published to the new bucket
   * while the replicas, which stay, keep their version history; the old bucket is emptied only
   * by its own delete, which --force-delete-content lists. Nothing forces a replacement but a
   * move to another region.
   */
  public static final ResourceSchema SITE_CONTENT = new ResourceSchema(
      "site_content", Set.of(), Set.of("versions", "pending"), false, Optional.empty(), Set.of("source", "restore"),
      Set.of())
      // The files a publish is uploading, recorded once its uploads have run a moment, gone once it returns.
      .withInFlight("pending")
      .withSummary("files", new Summary("file", "to upload", "leaving the site")
          // Why a file is uploaded: SiteFile.servesSameAs compares exactly these (providers).
          .because("not in the bucket", "md5", "content", "content_type", "Content-Type",
              "cache_control", "Cache-Control")
          .keptWhen("delete", false, "left in the bucket (delete: false)"));
  /**
   * The deletes of a publish. {@code removed} (path to when it left the site) is siteform's own
   * record, never diffed; the plan deletes when {@code due} or {@code strays} read back non-empty.
   */
  public static final ResourceSchema SITE_CONTENT_REMOVAL = new ResourceSchema(
      "site_content_removal", Set.of(), Set.of("removed"), false)
      // An object the site is about to publish is neither a stray nor due for deletion.
      .withClaimed("strays", "paths").withClaimed("due", "paths")
      // The site's keys: as many as its files, so counted like site_content's, never listed whole.
      .withSummary("paths", new Summary("file", "joining the site", "leaving the site"));
  /** {@code made}: the invalidations siteform made this month, for the cost estimate's count (computed). */
  public static final ResourceSchema CLOUDFRONT_INVALIDATION =
      // Whether the apply waits for the invalidation to complete follows from the spec's
      // keep_removed: how the work is done, not what is invalidated, so never a change.
      new ResourceSchema("cloudfront_invalidation", Set.of(), Set.of("made"), false, Optional.empty(),
          Set.of(io.siteform.engine.resource.Expander.AWAIT_COMPLETION))
          .withSummary("digests", new Summary("file", "changed, to invalidate", "deleted, to invalidate"))
          .withSummary("rewrites", new Summary("file", "rewritten by this apply, to invalidate",
              "rewritten by this apply, to invalidate"))
          .withOnce("rewrites");

  /** Every attribute is updated in place, the name too (UpdateResponseHeadersPolicy). */
  public static final ResourceSchema CLOUDFRONT_RESPONSE_HEADERS_POLICY =
      new ResourceSchema("cloudfront_response_headers_policy", Set.of(), Set.of(), false);
  /**
   * A function is found by its name, which CloudFront will not change: a new name makes a new
   * function, created before the old one goes, so the distribution moves to it first.
   */
  public static final ResourceSchema CLOUDFRONT_FUNCTION =
      new ResourceSchema("cloudfront_function", Set.of("name"), Set.of("arn"), false);

  private static final Map<String, ResourceSchema> BY_TYPE = new TreeMap<>();

  static {
    for (ResourceSchema s : List.of(S3_BUCKET, IAM_ROLE, S3_REPLICATION, CLOUDFRONT_ORIGIN_ACCESS,
        CLOUDFRONT_DISTRIBUTION, S3_BUCKET_POLICY, ACM_CERTIFICATE, ACM_CERTIFICATE_VALIDATION, ROUTE53_RECORD,
        SITE_CONTENT, SITE_CONTENT_REMOVAL, CLOUDFRONT_INVALIDATION, CLOUDFRONT_RESPONSE_HEADERS_POLICY, CLOUDFRONT_FUNCTION)) {
      BY_TYPE.put(s.type(), s);
    }
  }

  private Schemas() {}

  /** Every schema, by type. */
  public static Map<String, ResourceSchema> all() {
    return java.util.Collections.unmodifiableMap(BY_TYPE);
  }

  public static ResourceSchema of(String type) {
    ResourceSchema s = BY_TYPE.get(type);
    if (s == null) throw new IllegalArgumentException("no schema for resource type " + type);
    return s;
  }
}
