package io.siteform.providers.aws.verify;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.resource.Expander;
import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.spec.DomainSpec;
import io.siteform.engine.spec.Spec;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.DnsNames;
import io.siteform.providers.aws.Json;
import io.siteform.providers.aws.acm.CertificateNames;
import io.siteform.providers.aws.cloudfront.CloudFrontOriginAccessProvider;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code siteform verify}: checks the live site for what failover needs and plans cannot see —
 * every replica holding every object of the primary, both origin buckets admitting the
 * distribution, versioning and replication on, the certificate issued and covering every alias,
 * every alias record pointing at the distribution, the default behaviour running the response
 * headers policy and the viewer-request function the spec asks for. Only reads; each problem is a
 * {@link Finding}.
 */
public final class SiteVerifier {
  private static final int FIRST_KEYS = 5;
  // The expander's own addresses: what the findings name and state is searched by.
  private static final String REPLICATION = Expander.REPLICATION.toString();
  private static final String DISTRIBUTION = Expander.DISTRIBUTION.toString();
  private static final String CERTIFICATE = Expander.CERTIFICATE.toString();
  private final AwsClients clients;

  public SiteVerifier(AwsClients clients) {
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  /** One problem: the resource it concerns, what is wrong and what to do. */
  public record Finding(String resource, String problem, String fix) {
    @Override
    public String toString() {
      return resource + ": " + problem + " — " + fix;
    }
  }

  public List<Finding> verify(Spec spec, State state) {
    List<Finding> out = new ArrayList<>();
    List<BucketSpec> buckets = new ArrayList<>();
    buckets.add(spec.primary());
    buckets.addAll(spec.replicas());
    for (BucketSpec b : buckets) versioning(b, address(spec, b), out);
    replication(spec, out);
    replicaParity(spec, out);
    Optional<Distribution> distribution = distribution(state, out);
    distribution.ifPresent(d -> {
      for (BucketSpec origin : List.of(spec.primary(), spec.failoverReplica())) {
        policy(origin, Expander.bucketPolicyAddress(Expander.bucketAddress(spec, origin)).toString(), d, out);
      }
      edge(spec, state, d, out);
      spec.domain().ifPresent(domain -> {
        certificate(d, domain, out);
        aliasRecords(d, domain, state, out);
      });
    });
    return out;
  }

  private static String address(Spec spec, BucketSpec b) {
    return Expander.bucketAddress(spec, b).toString();
  }

  private void versioning(BucketSpec b, String address, List<Finding> out) {
    try {
      BucketVersioningStatus status = clients.s3(b.region()).getBucketVersioning(r -> r.bucket(b.bucket())).status();
      if (status != BucketVersioningStatus.ENABLED) {
        out.add(new Finding(address, "versioning of " + b.bucket() + " is " + (status == null ? "off" : status)
            + ", so S3 cannot replicate it", "run `siteform apply` to turn it back on"));
      }
    } catch (SdkException e) {
      out.add(missingBucket(address, b, e));
    }
  }

  private static Finding missingBucket(String address, BucketSpec b, SdkException e) {
    if (is(e, "NoSuchBucket")) {
      return new Finding(address, "bucket " + b.bucket() + " does not exist in " + b.region(), "run `siteform apply`");
    }
    return new Finding(address, "cannot read bucket " + b.bucket() + ": " + e.getMessage(),
        "check the credentials' S3 permissions");
  }

  private void replication(Spec spec, List<Finding> out) {
    BucketSpec p = spec.primary();
    List<ReplicationRule> rules;
    try {
      rules = clients.s3(p.region()).getBucketReplication(r -> r.bucket(p.bucket())).replicationConfiguration().rules();
    } catch (SdkException e) {
      if (is(e, "ReplicationConfigurationNotFoundError")) {
        out.add(new Finding(REPLICATION, "bucket " + p.bucket() + " has no replication configuration",
            "run `siteform apply`"));
      } else if (!is(e, "NoSuchBucket")) {
        out.add(new Finding(REPLICATION, "cannot read replication: " + e.getMessage(),
            "check the credentials' S3 permissions"));
      }
      return;
    }
    for (BucketSpec r : spec.replicas()) {
      String arn = "arn:aws:s3:::" + r.bucket();
      boolean on = rules.stream().anyMatch(rule -> rule.status() == ReplicationRuleStatus.ENABLED
          && rule.destination() != null && arn.equals(rule.destination().bucket()));
      if (!on) {
        out.add(new Finding(REPLICATION, "no enabled rule replicates " + p.bucket() + " to " + r.bucket(),
            "run `siteform apply`"));
      }
    }
  }

  private void replicaParity(Spec spec, List<Finding> out) {
    Map<String, String> primary;
    try {
      primary = etags(clients.s3(spec.primary().region()), spec.primary().bucket());
    } catch (SdkException e) {
      return; // reported by the versioning check
    }
    for (BucketSpec r : spec.replicas()) {
      Map<String, String> replica;
      try {
        replica = etags(clients.s3(r.region()), r.bucket());
      } catch (SdkException e) {
        continue;
      }
      List<String> missing = new ArrayList<>();
      List<String> stale = new ArrayList<>();
      primary.forEach((key, etag) -> {
        String there = replica.get(key);
        if (there == null) missing.add(key);
        else if (!there.equals(etag)) stale.add(key);
      });
      List<String> extra = replica.keySet().stream().filter(k -> !primary.containsKey(k)).toList();
      if (!extra.isEmpty()) {
        out.add(new Finding(address(spec, r), "replica " + r.bucket() + " holds " + extra.size()
            + " object(s) the primary does not (" + first(extra) + "); failover would serve pages the site removed",
            "publish with `content.delete: true` (siteform removes them from every replica), or delete them"));
      }
      if (!missing.isEmpty() || !stale.isEmpty()) {
        String what = (missing.isEmpty() ? "" : missing.size() + " missing (" + first(missing) + ")")
            + (!missing.isEmpty() && !stale.isEmpty() ? ", " : "")
            + (stale.isEmpty() ? "" : stale.size() + " with another version (" + first(stale) + ")");
        out.add(new Finding(address(spec, r), "replica " + r.bucket() + " does not hold what the primary serves: "
            + what + "; failover would serve errors or old pages",
            "run `siteform apply` (it copies what S3 will not replicate), then `siteform verify` again"));
      }
    }
  }

  private static Map<String, String> etags(S3Client s3, String bucket) {
    Map<String, String> out = new TreeMap<>();
    for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) out.put(o.key(), o.eTag());
    return out;
  }

  private static String first(List<String> keys) {
    String shown = String.join(", ", keys.subList(0, Math.min(FIRST_KEYS, keys.size())));
    return keys.size() > FIRST_KEYS ? shown + ", ..." : shown;
  }

  private Optional<Distribution> distribution(State state, List<Finding> out) {
    Optional<ResourceState> recorded = state.find(DISTRIBUTION).filter(r -> !r.id().isEmpty());
    if (recorded.isEmpty()) {
      out.add(new Finding(DISTRIBUTION, "no distribution has been created", "run `siteform apply`"));
      return Optional.empty();
    }
    String id = recorded.get().id();
    try {
      return Optional.of(clients.cloudFront().getDistribution(r -> r.id(id)).distribution());
    } catch (SdkException e) {
      out.add(new Finding(DISTRIBUTION, is(e, "NoSuchDistribution")
          ? "distribution " + id + " no longer exists" : "cannot read distribution " + id + ": " + e.getMessage(),
          "run `siteform apply`"));
      return Optional.empty();
    }
  }

  /**
   * Whether the default behaviour runs what the spec asks for, as the expansion spells it: the
   * response headers policy of {@code cdn.security_headers} and the viewer-request function of
   * {@code cdn.routing} and the redirects. Someone detaching either in the console leaves a site
   * that serves, but without its headers, routing or redirects.
   */
  private static void edge(Spec spec, State state, Distribution d, List<Finding> out) {
    Map<?, ?> want = new Expander().expand(spec).stream().filter(r -> r.address().equals(Expander.DISTRIBUTION))
        .map(r -> r.attributes().get("default_cache_behavior")).filter(Map.class::isInstance).map(Map.class::cast)
        .findFirst().orElse(Map.of());
    var behaviour = d.distributionConfig().defaultCacheBehavior();
    Object policy = resolved(want.get("response_headers_policy_id"), state);
    String livePolicy = Objects.requireNonNullElse(behaviour.responseHeadersPolicyId(), "");
    if (policy == null) {
      out.add(new Finding(DISTRIBUTION, "the response headers policy cdn.security_headers asks for has not been created",
          "run `siteform apply`"));
    } else if (!policy.equals("") && !policy.equals(livePolicy)) {
      out.add(new Finding(DISTRIBUTION, "the default behaviour of distribution " + d.id() + (livePolicy.isEmpty()
          ? " has no response headers policy" : " has response headers policy " + livePolicy) + ", not " + policy
          + ", so viewers do not get the security headers of cdn.security_headers", "run `siteform apply` to attach it again"));
    }
    List<software.amazon.awssdk.services.cloudfront.model.FunctionAssociation> live =
        behaviour.functionAssociations() == null ? List.of() : behaviour.functionAssociations().items();
    for (Object a : list(want.get("function_associations"))) {
      if (!(a instanceof Map<?, ?> m)) continue;
      Object arn = resolved(m.get("function_arn"), state);
      String event = String.valueOf(m.get("event_type"));
      if (arn == null) {
        out.add(new Finding(DISTRIBUTION, "the " + event + " function of cdn.routing and the redirects has not been created",
            "run `siteform apply`"));
      } else if (live.stream().noneMatch(f -> event.equals(f.eventTypeAsString()) && arn.equals(f.functionARN()))) {
        out.add(new Finding(DISTRIBUTION, "the default behaviour of distribution " + d.id() + " does not run function "
            + arn + " on " + event + ", so the routing and redirects of the spec do not happen",
            "run `siteform apply` to attach it again"));
      }
    }
  }

  /** {@code v}, or the value in state a placeholder in it names (null if state has none). */
  private static Object resolved(Object v, State state) {
    if (!(v instanceof io.siteform.engine.resource.Ref ref)) return v;
    return state.find(ref.address().toString()).map(ref::valueIn).orElse(null);
  }

  /** Whether the bucket's policy lets this distribution (or its OAI) get objects and list the bucket. */
  private void policy(BucketSpec b, String address, Distribution d, List<Finding> out) {
    Map<String, Object> policy;
    try {
      policy = Json.readObject(clients.s3(b.region()).getBucketPolicy(r -> r.bucket(b.bucket())).policy());
    } catch (SdkException e) {
      if (is(e, "NoSuchBucket")) return;
      out.add(new Finding(address, is(e, "NoSuchBucketPolicy")
          ? "bucket " + b.bucket() + " has no policy, so CloudFront gets 403 from it"
              + (address.endsWith("primary") ? "" : " and failover fails")
          : "cannot read the policy of " + b.bucket() + ": " + e.getMessage(), "run `siteform apply`"));
      return;
    }
    String oai = d.distributionConfig().origins().items().stream()
        .filter(o -> o.domainName().startsWith(b.bucket() + "."))
        .map(Origin::s3OriginConfig).filter(Objects::nonNull)
        .map(c -> c.originAccessIdentity()).filter(s -> s != null && !s.isEmpty())
        .map(s -> CloudFrontOriginAccessProvider.OAI_ARN_PREFIX + s.substring(s.lastIndexOf('/') + 1))
        .findFirst().orElse(null);
    for (String action : List.of("s3:GetObject", "s3:ListBucket")) {
      if (!admits(policy, action, d.arn(), oai)) {
        out.add(new Finding(address, "the policy of " + b.bucket() + " does not let distribution " + d.id()
            + " " + action + (action.equals("s3:ListBucket")
                ? " (a missing page then answers 403 instead of 404 and fails over for the wrong reason)"
                : " (CloudFront gets 403" + (address.endsWith("primary") ? ")" : "; failover fails)")),
            "run `siteform apply` to restore it"));
      }
    }
  }

  private static boolean admits(Map<String, Object> policy, String action, String distributionArn, String oaiArn) {
    for (Object o : list(policy.get("Statement"))) {
      if (!(o instanceof Map<?, ?> s) || !"Allow".equals(s.get("Effect"))) continue;
      if (list(s.get("Action")).stream().noneMatch(a -> a.equals(action) || a.equals("s3:*"))) continue;
      Object principal = s.get("Principal");
      if (!(principal instanceof Map<?, ?> p)) continue;
      if (oaiArn != null && list(p.get("AWS")).contains(oaiArn)) return true;
      if (list(p.get("Service")).contains("cloudfront.amazonaws.com") && s.get("Condition") instanceof Map<?, ?> c
          && c.get("StringEquals") instanceof Map<?, ?> eq && list(eq.get("AWS:SourceArn")).contains(distributionArn)) {
        return true;
      }
    }
    return false;
  }

  private static List<Object> list(Object v) {
    if (v == null) return List.of();
    if (v instanceof Collection<?> c) return new ArrayList<>(c);
    return List.of(v);
  }

  private void certificate(Distribution d, DomainSpec domain, List<Finding> out) {
    var viewer = d.distributionConfig().viewerCertificate();
    String arn = viewer == null ? null : viewer.acmCertificateArn();
    if (arn == null || arn.isEmpty()) {
      out.add(new Finding(DISTRIBUTION, "the distribution uses no ACM certificate, so "
          + String.join(", ", domain.names()) + " get a TLS error", "run `siteform apply`"));
      return;
    }
    try {
      var cert = clients.acm().describeCertificate(r -> r.certificateArn(arn)).certificate();
      if (!"ISSUED".equals(cert.statusAsString())) {
        out.add(new Finding(CERTIFICATE, "certificate " + arn + " is " + cert.statusAsString(),
            "check its validation CNAMEs in the hosted zone, then `siteform apply`"));
      }
      List<String> covered = new ArrayList<>(cert.subjectAlternativeNames());
      covered.add(cert.domainName());
      for (String alias : d.distributionConfig().aliases().items()) {
        if (covered.stream().noneMatch(n -> CertificateNames.covers(n, alias))) {
          out.add(new Finding(CERTIFICATE, "certificate " + arn + " does not cover " + alias,
              "add the name to the certificate (siteform requests a new one when domain.names change)"));
        }
      }
    } catch (SdkException e) {
      out.add(new Finding(CERTIFICATE, "cannot read certificate " + arn + ": " + e.getMessage(),
          "check that it exists in us-east-1"));
    }
  }

  private void aliasRecords(Distribution d, DomainSpec domain, State state, List<Finding> out) {
    String zone = state.resources().stream().filter(r -> r.type().equals("route53_record"))
        .map(r -> r.attributes().get("zone_id")).filter(String.class::isInstance).map(String.class::cast)
        .findFirst().orElse(null);
    if (zone == null) {
      out.add(new Finding("route53_record", "no alias record has been created", "run `siteform apply`"));
      return;
    }
    String target = DnsNames.normal(d.domainName());
    // The names that redirect are aliases too: their records lead viewers to the 301.
    for (String name : domain.allNames()) {
      for (String type : domain.records()) {
        String address = Expander.aliasRecordAddress(name, type).toString();
        Optional<ResourceRecordSet> record;
        try {
          record = clients.route53().listResourceRecordSets(r -> r.hostedZoneId(zone).startRecordName(name)
                  .startRecordType(type).maxItems("1")).resourceRecordSets().stream()
              .filter(r -> DnsNames.normal(r.name()).equals(DnsNames.normal(name)) && r.typeAsString().equals(type)).findFirst();
        } catch (SdkException e) {
          out.add(new Finding(address, "cannot read zone " + zone + ": " + e.getMessage(), "check Route53 permissions"));
          continue;
        }
        if (record.isEmpty()) {
          out.add(new Finding(address, "there is no " + type + " record for " + name, "run `siteform apply`"));
        } else if (record.get().aliasTarget() == null || !DnsNames.normal(record.get().aliasTarget().dnsName()).equals(target)) {
          out.add(new Finding(address, "the " + type + " record for " + name + " does not point at " + target,
              "run `siteform apply` (or `siteform import` it if it was made by hand)"));
        }
      }
    }
  }
}
