package io.siteform.providers.aws.cloudfront;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontOriginAccessIdentity;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontOriginAccessIdentityConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControl;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlConfig;

/**
 * {@code cloudfront_origin_access}: what a distribution's S3 origins sign their requests with. By
 * default an origin access control (OAC); with {@code cdn.origin_access: oai} a legacy origin
 * access identity. The id is the OAC's or OAI's Id; CloudFront is global, so the request's region
 * is ignored.
 *
 * <p>Attributes of an OAC: {@code kind} "oac", {@code name}, {@code description}, {@code
 * origin_type} ("s3"), {@code signing_behavior} ("always"), {@code signing_protocol} ("sigv4").
 * Of an OAI: {@code kind} "oai", {@code comment}. Computed: {@code iam_arn} (the OAI's IAM ARN,
 * the principal S3 bucket policies name it by) and {@code s3_canonical_user_id}, both "" for an
 * OAC. Changing {@code kind} replaces the object.
 *
 * <p>A retried create finds what an earlier attempt made: an OAC by its name, which CloudFront
 * keeps unique in the account; an OAI by a CallerReference derived from its comment. Updates and
 * deletes send the ETag of a fresh Get*Config in If-Match and start again if another writer
 * changed the object in between (PreconditionFailed). A delete waits, for a bounded time, while
 * a distribution still uses the object: its removal from the distribution may still be deploying.
 */
public final class CloudFrontOriginAccessProvider implements Provider {
  public static final String TYPE = "cloudfront_origin_access";
  public static final String OAC = "oac";
  public static final String OAI = "oai";
  /** The IAM ARN CloudFront gives an OAI (API_CloudFrontOriginAccessIdentity, bucket policies). */
  public static final String OAI_ARN_PREFIX = "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ";

  private static final ResourceSchema SCHEMA =
      io.siteform.engine.provider.Schemas.CLOUDFRONT_ORIGIN_ACCESS;

  private final AwsClients clients;
  private final Poller poller;

  public CloudFrontOriginAccessProvider(AwsClients clients, Waits waits) {
    this(clients, new Poller(waits));
  }

  /** @param poller ETag races, and a delete waiting while a distribution still uses the object */
  public CloudFrontOriginAccessProvider(AwsClients clients, Poller poller) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = Objects.requireNonNull(poller, "poller");
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    Object kind = request.prior().get("kind");
    if (OAI.equals(kind)) return readOai(request.address(), request.id(), Operation.READ);
    if (OAC.equals(kind)) return readOac(request.address(), request.id(), Operation.READ);
    // Nothing recorded (an import): the id alone does not say which kind it is.
    Optional<LiveResource> oac = readOac(request.address(), request.id(), Operation.READ);
    return oac.isPresent() ? oac : readOai(request.address(), request.id(), Operation.READ);
  }

  private Optional<LiveResource> readOac(Address address, String id, Operation op) {
    OriginAccessControl oac;
    try {
      oac = clients.cloudFront().getOriginAccessControl(b -> b.id(id)).originAccessControl();
    } catch (SdkException e) {
      if (is(e, "NoSuchOriginAccessControl")) return Optional.empty();
      throw AwsFailures.wrap(address, op, e);
    }
    return Optional.of(oac(oac.id(), oac.originAccessControlConfig()));
  }

  private static LiveResource oac(String id, OriginAccessControlConfig c) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("kind", OAC);
    a.put("name", text(c.name()));
    a.put("description", text(c.description()));
    a.put("origin_type", text(c.originAccessControlOriginTypeAsString()));
    a.put("signing_behavior", text(c.signingBehaviorAsString()));
    a.put("signing_protocol", text(c.signingProtocolAsString()));
    a.put("iam_arn", "");
    a.put("s3_canonical_user_id", "");
    return new LiveResource(id, a);
  }

  private Optional<LiveResource> readOai(Address address, String id, Operation op) {
    CloudFrontOriginAccessIdentity oai;
    try {
      oai = clients.cloudFront().getCloudFrontOriginAccessIdentity(b -> b.id(id)).cloudFrontOriginAccessIdentity();
    } catch (SdkException e) {
      if (is(e, "NoSuchCloudFrontOriginAccessIdentity")) return Optional.empty();
      throw AwsFailures.wrap(address, op, e);
    }
    return Optional.of(oai(oai));
  }

  private static LiveResource oai(CloudFrontOriginAccessIdentity oai) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("kind", OAI);
    a.put("comment", text(oai.cloudFrontOriginAccessIdentityConfig().comment()));
    a.put("iam_arn", OAI_ARN_PREFIX + oai.id());
    a.put("s3_canonical_user_id", text(oai.s3CanonicalUserId()));
    return new LiveResource(oai.id(), a);
  }

  @Override
  public LiveResource create(CreateRequest request) {
    Map<String, Object> d = request.desired();
    return switch (kind(request.address(), Operation.CREATE, d)) {
      case OAC -> createOac(request.address(), d, request.progress());
      default -> createOai(request.address(), d);
    };
  }

  private LiveResource createOac(Address address, Map<String, Object> d, Progress progress) {
    CloudFrontClient cf = clients.cloudFront();
    OriginAccessControlConfig config = oacConfig(d);
    try {
      OriginAccessControl created =
          cf.createOriginAccessControl(b -> b.originAccessControlConfig(config)).originAccessControl();
      return oac(created.id(), created.originAccessControlConfig());
    } catch (SdkException e) {
      if (!is(e, "OriginAccessControlAlreadyExists")) throw AwsFailures.wrap(address, Operation.CREATE, e);
    }
    // An earlier attempt (an apply killed before it wrote state) made it: adopt it.
    String id = AwsFailures.call(address, Operation.CREATE, () -> cf.listOriginAccessControlsPaginator(b -> {}).stream()
            .flatMap(page -> page.originAccessControlList().items().stream())
            .filter(s -> config.name().equals(s.name()))
            .findFirst())
        .orElseThrow(() -> new ProviderException(address.toString(), Operation.CREATE,
            "CloudFront says an origin access control named " + config.name()
                + " exists but does not list it; try again in a minute"))
        .id();
    progress.report("adopting the existing origin access control " + config.name() + " (" + id + ")");
    return updateOac(address, id, config);
  }

  private LiveResource createOai(Address address, Map<String, Object> d) {
    String comment = (String) d.get("comment");
    CloudFrontOriginAccessIdentityConfig config = CloudFrontOriginAccessIdentityConfig.builder()
        .callerReference(callerReference(comment)).comment(comment).build();
    try {
      // Same CallerReference and comment: CloudFront answers with the identity made before.
      return oai(clients.cloudFront()
          .createCloudFrontOriginAccessIdentity(b -> b.cloudFrontOriginAccessIdentityConfig(config))
          .cloudFrontOriginAccessIdentity());
    } catch (SdkException e) {
      if (is(e, "CloudFrontOriginAccessIdentityAlreadyExists")) {
        throw new ProviderException(address.toString(), Operation.CREATE,
            "an origin access identity was created for the comment \"" + comment
                + "\" and has since been given another comment; adopt it with `siteform import "
                + address + " ID` (its Id is in the CloudFront console) or delete it",
            "CloudFrontOriginAccessIdentityAlreadyExists", AwsFailures.wrap(address, Operation.CREATE, e).requestId().orElse(null), e);
      }
      throw AwsFailures.wrap(address, Operation.CREATE, e);
    }
  }

  /** A CallerReference that is the same for every attempt to create an OAI with {@code comment}. */
  static String callerReference(String comment) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(comment.getBytes(StandardCharsets.UTF_8));
      return "siteform-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    Address address = request.address();
    Map<String, Object> d = request.desired();
    return switch (kind(address, Operation.UPDATE, d)) {
      case OAC -> updateOac(address, request.id(), oacConfig(d));
      default -> updateOai(address, request.id(), (String) d.get("comment"));
    };
  }

  private LiveResource updateOac(Address address, String id, OriginAccessControlConfig config) {
    CloudFrontClient cf = clients.cloudFront();
    try {
      OriginAccessControl updated = poller.retryWhen(address, Operation.UPDATE, Progress.NONE, Waits.CONCURRENT_MODIFICATION,
          "origin access control " + id + " to stop changing", e -> is(e, "PreconditionFailed"), () -> {
        String etag = cf.getOriginAccessControlConfig(b -> b.id(id)).eTag();
        return cf.updateOriginAccessControl(b -> b.id(id).ifMatch(etag).originAccessControlConfig(config))
            .originAccessControl();
      });
      return oac(updated.id(), updated.originAccessControlConfig());
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, Operation.UPDATE, e);
    }
  }

  private LiveResource updateOai(Address address, String id, String comment) {
    CloudFrontClient cf = clients.cloudFront();
    try {
      return oai(poller.retryWhen(address, Operation.UPDATE, Progress.NONE, Waits.CONCURRENT_MODIFICATION,
          "origin access identity " + id + " to stop changing", e -> is(e, "PreconditionFailed"), () -> {
        var current = cf.getCloudFrontOriginAccessIdentityConfig(b -> b.id(id));
        // The CallerReference is the one it was created with; CloudFront refuses to change it.
        CloudFrontOriginAccessIdentityConfig config =
            current.cloudFrontOriginAccessIdentityConfig().toBuilder().comment(comment).build();
        return cf.updateCloudFrontOriginAccessIdentity(
                b -> b.id(id).ifMatch(current.eTag()).cloudFrontOriginAccessIdentityConfig(config))
            .cloudFrontOriginAccessIdentity();
      }));
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, Operation.UPDATE, e);
    }
  }

  @Override
  public void delete(DeleteRequest request) {
    Address address = request.address();
    String id = request.id();
    Object kind = request.prior().get("kind");
    // No recorded kind (a hand-edited state): an id that is no OAC is taken for an OAI.
    boolean oai = kind == null ? readOac(address, id, Operation.DELETE).isEmpty() : OAI.equals(kind);
    CloudFrontClient cf = clients.cloudFront();
    String what = (oai ? "origin access identity " : "origin access control ") + id;
    try {
      poller.retryWhen(address, Operation.DELETE, request.progress(), poller.waits().patient(),
          "a distribution to stop using " + what, e -> is(e, "OriginAccessControlInUse", "CloudFrontOriginAccessIdentityInUse"),
          () -> poller.retryWhen(address, Operation.DELETE, request.progress(), Waits.CONCURRENT_MODIFICATION,
              what + " to stop changing", e -> is(e, "PreconditionFailed"), () -> {
                if (oai) {
                  String etag = cf.getCloudFrontOriginAccessIdentityConfig(b -> b.id(id)).eTag();
                  cf.deleteCloudFrontOriginAccessIdentity(b -> b.id(id).ifMatch(etag));
                } else {
                  String etag = cf.getOriginAccessControlConfig(b -> b.id(id)).eTag();
                  cf.deleteOriginAccessControl(b -> b.id(id).ifMatch(etag));
                }
              }));
    } catch (SdkException e) {
      if (is(e, "NoSuchOriginAccessControl", "NoSuchCloudFrontOriginAccessIdentity")) return;
      if (is(e, "OriginAccessControlInUse", "CloudFrontOriginAccessIdentityInUse")) {
        ProviderException wrapped = AwsFailures.wrap(address, Operation.DELETE, e);
        throw new ProviderException(address.toString(), Operation.DELETE,
            what + " is still used by a distribution: remove it from the distribution's origins "
                + "(and wait for the distribution to deploy) before deleting it",
            wrapped.errorCode().orElse(null), wrapped.requestId().orElse(null), e);
      }
      throw AwsFailures.wrap(address, Operation.DELETE, e);
    }
  }

  private static OriginAccessControlConfig oacConfig(Map<String, Object> d) {
    return OriginAccessControlConfig.builder()
        .name((String) d.get("name"))
        .description((String) d.getOrDefault("description", ""))
        .originAccessControlOriginType((String) d.getOrDefault("origin_type", "s3"))
        .signingBehavior((String) d.getOrDefault("signing_behavior", "always"))
        .signingProtocol((String) d.getOrDefault("signing_protocol", "sigv4"))
        .build();
  }

  private static String kind(Address address, Operation op, Map<String, Object> d) {
    Object kind = d.getOrDefault("kind", OAC);
    if (OAC.equals(kind) || OAI.equals(kind)) return (String) kind;
    throw new ProviderException(address.toString(), op, "kind must be \"oac\" or \"oai\", not " + kind);
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
