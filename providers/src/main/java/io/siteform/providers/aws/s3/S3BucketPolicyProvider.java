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
import io.siteform.providers.aws.Json;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.Waits;
import io.siteform.state.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code s3_bucket_policy}: a bucket's policy document. The id is the bucket's name; the
 * request's region is the bucket's.
 *
 * <p>Attributes: {@code bucket} (String, forces replacement), {@code policy} (Map: the policy
 * document). Nothing is computed.
 *
 * <p>What S3 returns is normalised to the shape the expander writes (see {@link #normalise}), so
 * that a policy S3 respells is not drift. A policy naming an origin access identity that was
 * created moments before may be refused as naming an invalid principal until IAM knows the
 * identity: create and update retry that for up to a minute.
 */
public final class S3BucketPolicyProvider implements Provider {
  public static final String TYPE = "s3_bucket_policy";

  private static final ResourceSchema SCHEMA = io.siteform.engine.provider.Schemas.S3_BUCKET_POLICY;
  /** Statement members that hold one string or a list of them; the expander writes lists. */
  private static final Set<String> LIST_MEMBERS = Set.of("Action", "NotAction", "Resource", "NotResource");

  private final AwsClients clients;
  private final Poller poller;

  public S3BucketPolicyProvider(AwsClients clients, Waits waits) {
    this(clients, new Poller(waits));
  }

  /** @param poller the retries while IAM and S3 catch up with what was just made */
  public S3BucketPolicyProvider(AwsClients clients, Poller poller) {
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
    String json;
    try {
      json = clients.s3(region).getBucketPolicy(b -> b.bucket(bucket)).policy();
    } catch (SdkException e) {
      if (is(e, "NoSuchBucketPolicy", "NoSuchBucket")) return Optional.empty();
      throw AwsFailures.wrap(address, op, e);
    }
    Map<String, Object> policy;
    try {
      policy = normalise(Json.readObject(json));
    } catch (IllegalArgumentException e) {
      throw new ProviderException(address.toString(), op, "S3 returned a bucket policy that is not JSON: " + e.getMessage());
    }
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("bucket", bucket);
    a.put("policy", policy);
    return Optional.of(new LiveResource(bucket, a));
  }

  /**
   * A policy document in the expander's spelling. IAM's grammar lets several members be one value
   * or a list of values, and S3 does not promise to return the spelling it was given:
   * {@code Action}, {@code NotAction}, {@code Resource} and {@code NotResource} become lists (the
   * expander always writes lists); a one-element list inside {@code Principal} ({@code
   * {"Service": [...]}}) or a {@code Condition} becomes the single string the expander writes; a
   * lone statement object becomes a one-element {@code Statement} list.
   *
   * <p>Principals need no translation for siteform's documents: S3 stores a {@code CanonicalUser}
   * principal of an origin access identity as that identity's IAM ARN ({@code
   * arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID}), and the expander writes
   * that ARN in the first place, so what comes back is what was sent.
   */
  static Map<String, Object> normalise(Map<String, Object> document) {
    Map<String, Object> out = new LinkedHashMap<>(document);
    Object statements = document.get("Statement");
    if (statements instanceof Map<?, ?> single) statements = List.of(single);
    if (statements instanceof List<?> list) {
      out.put("Statement", list.stream().map(s -> s instanceof Map<?, ?> m ? statement(m) : s).toList());
    }
    return Values.copyMap(out);
  }

  private static Map<String, Object> statement(Map<?, ?> statement) {
    Map<String, Object> out = new LinkedHashMap<>();
    statement.forEach((k, v) -> {
      String key = String.valueOf(k);
      if (LIST_MEMBERS.contains(key)) {
        out.put(key, v instanceof String s ? List.of(s) : v);
      } else if (key.equals("Principal") || key.equals("NotPrincipal")) {
        out.put(key, singlesToStrings(v));
      } else if (key.equals("Condition") && v instanceof Map<?, ?> operators) {
        Map<String, Object> c = new LinkedHashMap<>();
        operators.forEach((op, keys) -> c.put(String.valueOf(op), singlesToStrings(keys)));
        out.put(key, c);
      } else {
        out.put(key, v);
      }
    });
    return out;
  }

  /** In a map of name to value(s), a one-element list becomes its element. */
  private static Object singlesToStrings(Object value) {
    if (!(value instanceof Map<?, ?> m)) return value;
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof List<?> l && l.size() == 1 ? l.get(0) : v));
    return out;
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
    String policy = Json.write(d.get("policy"));
    try {
      poller.retryWhen(address, op, progress, Waits.BUCKET_PROPAGATION,
          "S3 to see bucket " + bucket + " and the principals of its policy", S3BucketPolicyProvider::notYetPropagated,
          () -> clients.s3(region).putBucketPolicy(b -> b.bucket(bucket).policy(policy)));
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, op, e);
    }
    return read(address, region, bucket, op)
        .orElseThrow(() -> new ProviderException(address.toString(), op,
            "the policy of " + bucket + " vanished right after " + op));
  }

  /**
   * A bucket created a moment ago ({@code NoSuchBucket}), or a new OAI's IAM identity, which
   * reaches S3 some seconds after CloudFront made it.
   */
  static boolean notYetPropagated(SdkException e) {
    if (is(e, "NoSuchBucket")) return true;
    if (!(e instanceof AwsServiceException s) || s.awsErrorDetails() == null) return false;
    String message = s.awsErrorDetails().errorMessage();
    return "MalformedPolicy".equals(s.awsErrorDetails().errorCode())
        && message != null && message.toLowerCase(Locale.ROOT).contains("invalid principal");
  }

  @Override
  public void delete(DeleteRequest request) {
    try {
      clients.s3(request.region()).deleteBucketPolicy(b -> b.bucket(request.id()));
    } catch (SdkException e) {
      if (is(e, "NoSuchBucket", "NoSuchBucketPolicy")) return;
      throw AwsFailures.wrap(request.address(), Operation.DELETE, e);
    }
  }
}
