package io.siteform.engine.resource;

import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Expands a spec into the addressed resources of the seed's procedure, each with the attributes a
 * provider needs and the dependencies that order them: the buckets and their replication here,
 * the CloudFront side in {@link CdnResources}. Replica addresses are named after their
 * region, so reordering {@code replicas:} never replaces a bucket.
 */
public final class Expander {
  public static final Address PRIMARY_BUCKET = new Address("s3_bucket", "primary");
  public static final Address REPLICATION_ROLE = new Address("iam_role", "replication");
  public static final Address REPLICATION = new Address("s3_replication", "primary");
  /** The site's one distribution. */
  public static final Address DISTRIBUTION = CdnResources.DISTRIBUTION;
  /** The certificate siteform requests for a custom domain (none when the spec names one). */
  public static final Address CERTIFICATE = DomainResources.CERTIFICATE;
  /** The published files. */
  public static final Address CONTENT = ContentResources.CONTENT;
  /**
   * The invalidation's attribute saying whether its apply waits until CloudFront has completed
   * it: only when the removal that follows may delete, within the time CloudFront takes, a file
   * an edge may still serve a cached page for ({@code keep_removed} under {@link
   * #INVALIDATION_COMPLETES_WITHIN}). Otherwise CloudFront finishes it on its own, in minutes, while
   * the deploy has ended.
   */
  public static final String AWAIT_COMPLETION = "await_completion";

  /** How long an invalidation takes at most, as CloudFront's documentation long gave it (10 to 15 minutes). */
  public static final java.time.Duration INVALIDATION_COMPLETES_WITHIN = java.time.Duration.ofMinutes(15);

  /** The invalidation of what a publish changed. */
  public static final Address INVALIDATION = ContentResources.INVALIDATION;
  /** IAM is global; its API lives in us-east-1. */
  public static final String GLOBAL_REGION = "us-east-1";
  /** The tag every taggable resource carries, naming the site that owns it. */
  public static final String SITE_TAG = "siteform:site";

  public List<ResourceSpec> expand(Spec spec) {
    List<ResourceSpec> out = new ArrayList<>();
    Map<String, String> tags = new TreeMap<>(spec.site().tags());
    tags.put(SITE_TAG, spec.site().name());

    out.add(bucket(PRIMARY_BUCKET, spec.primary(), tags));
    List<Address> replicaAddresses = new ArrayList<>();
    for (BucketSpec replica : spec.replicas()) {
      Address a = replicaAddress(replica);
      replicaAddresses.add(a);
      out.add(bucket(a, replica, tags));
    }
    out.add(replicationRole(spec, tags));
    out.add(replication(spec, replicaAddresses));
    out.addAll(CdnResources.expand(spec, tags));
    out.addAll(EdgeResources.expand(spec));
    out.addAll(DomainResources.expand(spec, tags));
    out.addAll(ContentResources.expand(spec));
    return List.copyOf(out);
  }

  /** The data sources the spec reads: the site's files, the hosted zone, a certificate of the user's. */
  public List<DataSpec> data(Spec spec) {
    List<DataSpec> out = new ArrayList<>(ContentResources.data(spec));
    out.addAll(DomainResources.data(spec));
    return List.copyOf(out);
  }

  /**
   * The data source of distribution {@code distributionId}'s invalidations created this calendar
   * month (UTC): {@code month} (2026-12), {@code invalidations} and {@code paths}. Not one of the
   * spec's ({@link #data}): the plan reads it only when it invalidates on a distribution that
   * exists, and a saved plan keeps what it read (the count moves, the plan stays valid). {@code
   * known}: the invalidations the state records siteform made, id to {@code {month, paths}},
   * which the read does not ask CloudFront for again.
   */
  public static DataSpec earlierInvalidations(String distributionId, Map<String, Object> known) {
    return new DataSpec(ContentResources.EARLIER_INVALIDATIONS, GLOBAL_REGION,
        Map.of("distribution_id", distributionId, "known", known));
  }

  /** {@code s3_bucket.replica_ap_southeast_1} for a replica in ap-southeast-1. */
  public static Address replicaAddress(BucketSpec replica) {
    return new Address(PRIMARY_BUCKET.type(), REPLICA_PREFIX + replica.region().replace('-', '_'));
  }

  /** Whether {@code address} is a replica bucket's, as {@link #replicaAddress} names them. */
  public static boolean isReplicaBucket(Address address) {
    return address.type().equals(PRIMARY_BUCKET.type()) && address.name().startsWith(REPLICA_PREFIX);
  }

  private static final String REPLICA_PREFIX = "replica_";

  /** {@code s3_bucket.primary} for the primary, {@code s3_bucket.replica_<region>} for a replica. */
  public static Address bucketAddress(Spec spec, BucketSpec b) {
    return b.equals(spec.primary()) ? PRIMARY_BUCKET : replicaAddress(b);
  }

  /** The bucket policy of the bucket at {@code bucket}: {@code s3_bucket_policy.primary}, ... */
  public static Address bucketPolicyAddress(Address bucket) {
    return new Address("s3_bucket_policy", bucket.name());
  }

  /** {@code route53_record.a_www_example_com}: the {@code type} alias record of {@code name}. */
  public static Address aliasRecordAddress(String name, String type) {
    return DomainResources.aliasRecordAddress(name, type);
  }

  /** Days after which S3 aborts a multipart upload nobody completed (the bucket's lifecycle rule). */
  public static final int ABORT_INCOMPLETE_UPLOADS_DAYS = 1;

  public static String roleName(Spec spec) {
    return "siteform-" + spec.site().name() + "-replication";
  }

  private static ResourceSpec bucket(Address address, BucketSpec b, Map<String, String> tags) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("bucket", b.bucket());
    attrs.put("versioning", "Enabled");
    attrs.put(
        "public_access_block",
        Map.of(
            "block_public_acls", true,
            "block_public_policy", true,
            "ignore_public_acls", true,
            "restrict_public_buckets", true));
    attrs.put("encryption", "AES256");
    // An upload cut off (a killed apply, a lost connection) leaves parts S3 bills for and never
    // shows as objects: a lifecycle rule of siteform's own removes them after a day.
    attrs.put("abort_incomplete_uploads_days", ABORT_INCOMPLETE_UPLOADS_DAYS);
    attrs.put("tags", tags);
    return new ResourceSpec(address, b.region(), attrs, Set.of());
  }

  private static ResourceSpec replicationRole(Spec spec, Map<String, String> tags) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("name", roleName(spec));
    attrs.put(
        "assume_role_policy",
        policy(
            List.of(
                Map.of(
                    "Effect", "Allow",
                    "Principal", Map.of("Service", "s3.amazonaws.com"),
                    "Action", "sts:AssumeRole"))));
    attrs.put("policy_name", "crrRolePolicy");
    attrs.put("policy", replicationPolicy(spec));
    attrs.put("tags", tags);
    return new ResourceSpec(REPLICATION_ROLE, GLOBAL_REGION, attrs, Set.of());
  }

  /**
   * The seed's {@code crrRolePolicy}, scoped to exactly these buckets. Unlike the seed, the
   * tagging read is granted on the source, where S3 performs it.
   */
  static Map<String, Object> replicationPolicy(Spec spec) {
    String source = bucketArn(spec.primary().bucket());
    List<String> destinations = new ArrayList<>();
    for (BucketSpec r : spec.replicas()) destinations.add(bucketArn(r.bucket()) + "/*");
    return policy(
        List.of(
            statement(
                List.of(
                    "s3:GetObjectVersionForReplication",
                    "s3:GetObjectVersionAcl",
                    "s3:GetObjectVersionTagging"),
                List.of(source + "/*")),
            statement(List.of("s3:ListBucket", "s3:GetReplicationConfiguration"), List.of(source)),
            statement(
                List.of("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"),
                destinations)));
  }

  private static ResourceSpec replication(Spec spec, List<Address> replicas) {
    List<Object> rules = new ArrayList<>();
    long priority = 1;
    for (BucketSpec r : spec.replicas()) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("id", "replica-" + r.region());
      rule.put("priority", priority++);
      rule.put("prefix", spec.replication().prefix());
      rule.put("destination_bucket", bucketArn(r.bucket()));
      rule.put("delete_marker_replication", spec.replication().deleteMarkers());
      rules.add(rule);
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("bucket", spec.primary().bucket());
    attrs.put("role_arn", new Ref(REPLICATION_ROLE, "arn"));
    attrs.put("rules", rules);
    Set<Address> deps = new java.util.HashSet<>(replicas);
    deps.add(PRIMARY_BUCKET);
    deps.add(REPLICATION_ROLE);
    // The configuration is part of the primary bucket: a new primary bucket needs it put again.
    return new ResourceSpec(REPLICATION, spec.primary().region(), attrs, deps, Set.of(PRIMARY_BUCKET));
  }

  static String bucketArn(String bucket) {
    return "arn:aws:s3:::" + bucket;
  }

  private static Map<String, Object> policy(List<Object> statements) {
    return Map.of("Version", "2012-10-17", "Statement", statements);
  }

  private static Map<String, Object> statement(List<String> actions, List<String> resources) {
    return Map.of("Effect", "Allow", "Action", actions, "Resource", resources);
  }
}
