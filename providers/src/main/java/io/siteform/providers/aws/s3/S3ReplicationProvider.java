package io.siteform.providers.aws.s3;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.Waits;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerReplicationStatus;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleFilter;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;

/**
 * {@code s3_replication}: the replication configuration of a source bucket. The id is the source
 * bucket's name; the request's region is the source bucket's.
 *
 * <p>Attributes: {@code bucket} (source name), {@code role_arn}, {@code rules} (List, sorted by
 * priority, of Map {@code id}, {@code priority} Long, {@code prefix} String ("" = every object),
 * {@code destination_bucket} (bucket ARN), {@code delete_marker_replication} Boolean}).
 *
 * <p>A role created moments before is often not yet usable by S3 (IAM is eventually
 * consistent): create and update retry for up to a minute while S3 says so.
 */
public final class S3ReplicationProvider implements Provider {
  public static final String TYPE = "s3_replication";

  private static final ResourceSchema SCHEMA = io.siteform.engine.provider.Schemas.S3_REPLICATION;

  private final AwsClients clients;
  private final Poller poller;

  public S3ReplicationProvider(AwsClients clients, Waits waits) {
    this(clients, new Poller(waits));
  }

  /** @param poller the retries while IAM and S3 catch up with what was just made */
  public S3ReplicationProvider(AwsClients clients, Poller poller) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = Objects.requireNonNull(poller, "poller");
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    return read(request.address(), request.region(), request.id(), Operation.READ);
  }

  private Optional<LiveResource> read(Address address, String region, String bucket, Operation op) {
    ReplicationConfiguration config;
    try {
      config = clients.s3(region).getBucketReplication(b -> b.bucket(bucket)).replicationConfiguration();
    } catch (SdkException e) {
      if (is(e, "ReplicationConfigurationNotFoundError", "NoSuchBucket")) return Optional.empty();
      throw AwsFailures.wrap(address, op, e);
    }
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("bucket", bucket);
    a.put("role_arn", config.role());
    a.put("rules", config.rules().stream()
        .map(S3ReplicationProvider::rule)
        .sorted(Comparator.comparing((Map<String, Object> r) -> (Long) r.get("priority"))
            .thenComparing(r -> (String) r.get("id")))
        .toList());
    return Optional.of(new LiveResource(bucket, a));
  }

  private static Map<String, Object> rule(ReplicationRule r) {
    Map<String, Object> m = new TreeMap<>();
    m.put("id", r.id() == null ? "" : r.id());
    m.put("priority", r.priority() == null ? 0L : r.priority().longValue());
    m.put("prefix", prefix(r));
    m.put("destination_bucket", r.destination() == null ? "" : r.destination().bucket());
    m.put("delete_marker_replication", r.deleteMarkerReplication() != null
        && r.deleteMarkerReplication().status() == DeleteMarkerReplicationStatus.ENABLED);
    return m;
  }

  /** The rule's prefix whichever way it is spelt: legacy top-level, Filter, or Filter.And. */
  @SuppressWarnings("deprecation") // the top-level Prefix of V1 rules
  private static String prefix(ReplicationRule r) {
    String p = r.prefix();
    ReplicationRuleFilter f = r.filter();
    if (p == null && f != null) {
      p = f.prefix() != null ? f.prefix() : f.and() != null ? f.and().prefix() : null;
    }
    return p == null ? "" : p;
  }

  @Override
  public LiveResource create(CreateRequest request) {
    return put(request.address(), request.region(), (String) request.desired().get("bucket"), request.desired(),
        request.progress(), Operation.CREATE);
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    // The bucket is force-new: an update changes the object it was made on, never another bucket.
    return put(request.address(), request.region(), request.id(), request.desired(), request.progress(),
        Operation.UPDATE);
  }

  private LiveResource put(Address address, String region, String bucket, Map<String, Object> d, Progress progress,
      Operation op) {
    String role = (String) d.get("role_arn");
    List<ReplicationRule> rules = ((List<?>) d.getOrDefault("rules", List.of())).stream()
        .map(o -> toRule((Map<?, ?>) o))
        .toList();
    S3Client s3 = clients.s3(region);
    try {
      poller.retryWhen(address, op, progress, Waits.BUCKET_PROPAGATION,
          "S3 to see bucket " + bucket + ", its versioning and IAM role " + role, S3ReplicationProvider::notYetPropagated,
          () -> s3.putBucketReplication(b -> b.bucket(bucket)
              .replicationConfiguration(c -> c.role(role).rules(rules))));
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, op, e);
    }
    return read(address, region, bucket, op)
        .orElseThrow(() -> new ProviderException(address.toString(), op,
            "replication of " + bucket + " vanished right after " + op));
  }

  private static ReplicationRule toRule(Map<?, ?> r) {
    String prefix = r.get("prefix") == null ? "" : (String) r.get("prefix");
    return ReplicationRule.builder()
        .id((String) r.get("id"))
        .priority(((Number) r.get("priority")).intValue())
        .status(ReplicationRuleStatus.ENABLED)
        .filter(f -> f.prefix(prefix))
        .deleteMarkerReplication(m -> m.status(Boolean.TRUE.equals(r.get("delete_marker_replication"))
            ? DeleteMarkerReplicationStatus.ENABLED : DeleteMarkerReplicationStatus.DISABLED))
        .destination(dst -> dst.bucket((String) r.get("destination_bucket")))
        .build();
  }

  /**
   * What S3 answers while it has not caught up with what was just made, anything else being final:
   * a bucket created a moment ago ({@code NoSuchBucket}); versioning just enabled ({@code
   * InvalidRequest} "Versioning must be 'Enabled' on the bucket", which the hashicorp provider's
   * {@code s3/bucket_replication_configuration.go} retries); a role IAM has not propagated yet.
   */
  static boolean notYetPropagated(SdkException e) {
    if (!(e instanceof AwsServiceException s) || s.awsErrorDetails() == null) return false;
    String code = s.awsErrorDetails().errorCode();
    String message = String.valueOf(s.awsErrorDetails().errorMessage()).toLowerCase(Locale.ROOT);
    if ("NoSuchBucket".equals(code)) return true;
    if ("InvalidRequest".equals(code) && message.contains("versioning must be 'enabled'")) return true;
    return ("InvalidRequest".equals(code) || "AccessDenied".equals(code) || "InvalidArgument".equals(code))
        && message.contains("role");
  }

  @Override
  public void delete(DeleteRequest request) {
    try {
      clients.s3(request.region()).deleteBucketReplication(b -> b.bucket(request.id()));
    } catch (SdkException e) {
      if (is(e, "NoSuchBucket", "ReplicationConfigurationNotFoundError")) return;
      throw AwsFailures.wrap(request.address(), Operation.DELETE, e);
    }
  }
}
