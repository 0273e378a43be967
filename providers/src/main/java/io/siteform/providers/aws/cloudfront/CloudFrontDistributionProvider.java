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
import io.siteform.providers.aws.Parallel;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.Tags;

/**
 * {@code cloudfront_distribution}: the site's distribution, routing to an origin group that fails
 * over from the primary bucket to a replica. The id is the distribution's Id; CloudFront is global,
 * so the request's region is ignored. Attributes are those {@code CdnResources} sets (see {@link
 * DistributionAttributes}); computed: {@code arn}, {@code domain_name}, {@code status}.
 *
 * <p>Creates send the engine's {@code caller_reference} as the CallerReference. An apply that died
 * mid-create sends the same one again: CloudFront then answers DistributionAlreadyExists, and the
 * distribution the earlier attempt made is adopted and brought to the spec. Updates and the
 * disable before a delete write onto a fresh GetDistributionConfig with its ETag in If-Match and
 * start over if another writer got in between (PreconditionFailed). Create, update and delete
 * then wait, bounded by {@link Waits}, for the distribution to be {@code Deployed}.
 */
public final class CloudFrontDistributionProvider implements Provider {
  static final String DEPLOYED = "Deployed";
  public static final String TYPE = "cloudfront_distribution";
  static final String CALLER_REFERENCE = "caller_reference";

  private static final ResourceSchema SCHEMA = io.siteform.engine.provider.Schemas.CLOUDFRONT_DISTRIBUTION;
  /** How CloudFront's DistributionAlreadyExists message names the distribution holding the reference. */
  private static final Pattern ALREADY_EXISTS = Pattern.compile("Already exists: ([A-Z0-9]+)");

  private final AwsClients clients;
  private final Poller poller;
  private final Consumer<String> beforeWrite;

  public CloudFrontDistributionProvider(AwsClients clients, Waits waits) {
    this(clients, new Poller(waits), id -> {});
  }

  /**
   * @param poller every wait and retry: deployments, ETag races, certificate propagation
   * @param beforeWrite runs with the distribution's id after its ETag is read and before the write
   *     that sends it; tests race another writer there
   */
  CloudFrontDistributionProvider(AwsClients clients, Poller poller, Consumer<String> beforeWrite) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = Objects.requireNonNull(poller, "poller");
    this.beforeWrite = Objects.requireNonNull(beforeWrite, "beforeWrite");
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    Object arn = request.prior().get("arn");
    return find(request.address(), request.id(), Operation.READ,
        arn instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty());
  }

  private Optional<LiveResource> find(Address address, String id, Operation operation) {
    return find(address, id, operation, Optional.empty());
  }

  /**
   * The distribution and its tags. With {@code recordedArn} (a distribution's ARN never changes),
   * both are asked at once, one round trip of every plan's critical path instead of two; the tags
   * count only if the distribution is there under that ARN.
   */
  private Optional<LiveResource> find(Address address, String id, Operation operation, Optional<String> recordedArn) {
    CloudFrontClient cf = clients.cloudFront();
    try {
      Distribution d;
      Map<String, String> tags;
      if (recordedArn.isPresent()) {
        Parallel.Both<Distribution, Map<String, String>> both = Parallel.both(
            () -> cf.getDistribution(b -> b.id(id)).distribution(), () -> tags(cf, recordedArn.get()));
        d = both.first().get();
        tags = d.arn().equals(recordedArn.get()) ? both.second().get() : tags(cf, d.arn());
      } else {
        d = cf.getDistribution(b -> b.id(id)).distribution();
        tags = tags(cf, d.arn());
      }
      return Optional.of(new LiveResource(d.id(), DistributionAttributes.of(d, tags)));
    } catch (SdkException e) {
      if (is(e, "NoSuchDistribution")) return Optional.empty();
      throw AwsFailures.wrap(address, operation, e);
    }
  }

  private static Map<String, String> tags(CloudFrontClient cf, String arn) {
    Map<String, String> tags = new TreeMap<>();
    cf.listTagsForResource(b -> b.resource(arn)).tags().items().forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  private LiveResource readBack(Address address, String id, Operation operation) {
    return find(address, id, operation).orElseThrow(() -> new ProviderException(address.toString(), operation,
        "distribution " + id + " disappeared while siteform was waiting for it to deploy"));
  }

  @Override
  public LiveResource create(CreateRequest request) {
    Address address = request.address();
    Map<String, Object> desired = request.desired();
    Object reference = desired.get(CALLER_REFERENCE);
    if (!(reference instanceof String ref) || ref.isBlank()) {
      throw new ProviderException(address.toString(), Operation.CREATE,
          "no caller_reference: the engine records one in state before it creates a distribution");
    }
    DistributionConfig config = checked(address, Operation.CREATE, () -> DistributionConfigs.create(ref, desired));
    Tags tags = DistributionConfigs.tags(DistributionConfigs.tagMap(desired));
    CloudFrontClient cf = clients.cloudFront();
    String id;
    try {
      id = poller.retryWhen(address, Operation.CREATE, request.progress(), Waits.CERTIFICATE_PROPAGATION,
          "CloudFront to see the certificate ACM has just issued", CloudFrontDistributionProvider::certificateNotYetSeen,
          () -> cf.createDistributionWithTags(b -> b.distributionConfigWithTags(w -> w
              .distributionConfig(config).tags(tags))).distribution().id());
    } catch (SdkException e) {
      if (!is(e, "DistributionAlreadyExists")) throw AwsFailures.wrap(address, Operation.CREATE, e);
      // An earlier apply made it and died before recording its id: adopt it.
      id = createdEarlier(address, cf, ref, e);
      request.progress().report("adopting distribution " + id + " created by an earlier apply");
      request.checkpoint().reached(readBack(address, id, Operation.CREATE));
      return converge(address, Operation.CREATE, id, desired, request.progress());
    }
    // Recorded before the minutes of deployment: a run stopped during the wait keeps the id.
    request.checkpoint().reached(readBack(address, id, Operation.CREATE));
    try {
      awaitDeployed(address, Operation.CREATE, id, request.progress());
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, Operation.CREATE, e);
    }
    return readBack(address, id, Operation.CREATE);
  }

  /** The distribution holding {@code reference}: the one CloudFront's error names, else a scan. */
  private String createdEarlier(Address address, CloudFrontClient cf, String reference, SdkException e) {
    String message = e instanceof AwsServiceException s && s.awsErrorDetails() != null
        ? Objects.toString(s.awsErrorDetails().errorMessage(), "") : "";
    Matcher named = ALREADY_EXISTS.matcher(message);
    try {
      if (named.find() && reference.equals(callerReference(cf, named.group(1)))) return named.group(1);
      return findByCallerReference(cf, reference).orElseThrow(() -> new ProviderException(address.toString(),
          Operation.CREATE, "CloudFront says a distribution with CallerReference " + reference
              + " exists but does not list it; run `siteform apply` again in a minute"));
    } catch (SdkException lookup) {
      throw AwsFailures.wrap(address, Operation.CREATE, lookup);
    }
  }

  /** Scans the account's distributions for the one created with {@code reference}. */
  static Optional<String> findByCallerReference(CloudFrontClient cf, String reference) {
    return cf.listDistributionsPaginator(b -> {}).stream()
        .flatMap(page -> page.distributionList().items().stream())
        .map(summary -> summary.id())
        .filter(id -> reference.equals(callerReference(cf, id)))
        .findFirst();
  }

  private static String callerReference(CloudFrontClient cf, String id) {
    try {
      return cf.getDistributionConfig(b -> b.id(id)).distributionConfig().callerReference();
    } catch (SdkException e) {
      if (is(e, "NoSuchDistribution")) return null; // deleted since it was listed
      throw e;
    }
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    return converge(request.address(), Operation.UPDATE, request.id(), request.desired(), request.progress());
  }

  /** Writes {@code desired} onto distribution {@code id}, syncs its tags and waits for the deployment. */
  private LiveResource converge(
      Address address, Operation operation, String id, Map<String, Object> desired, Progress progress) {
    CloudFrontClient cf = clients.cloudFront();
    String arn;
    try {
      arn = poller.retryWhen(address, operation, progress, Waits.CERTIFICATE_PROPAGATION,
          "CloudFront to see the certificate ACM has just issued", CloudFrontDistributionProvider::certificateNotYetSeen,
          () -> writeConfig(address, operation, id, desired, progress));
      syncTags(cf, arn, DistributionConfigs.tagMap(desired));
      awaitDeployed(address, operation, id, progress);
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, operation, e);
    }
    return readBack(address, id, operation);
  }

  /** Sends {@code desired} onto distribution {@code id} unless it already says so; returns its ARN. */
  private String writeConfig(Address address, Operation operation, String id, Map<String, Object> desired,
      Progress progress) {
    CloudFrontClient cf = clients.cloudFront();
    return poller.retryWhen(address, operation, progress, Waits.CONCURRENT_MODIFICATION,
        "distribution " + id + " to stop changing", e -> is(e, "PreconditionFailed"), () -> {
        GetDistributionConfigResponse current = cf.getDistributionConfig(b -> b.id(id));
        // An unchanged configuration is not sent: CloudFront would redeploy it all the same.
        if (DistributionConfigs.satisfies(current.distributionConfig(), desired)) {
          return cf.getDistribution(b -> b.id(id)).distribution().arn();
        }
        DistributionConfig next =
            checked(address, operation, () -> DistributionConfigs.apply(current.distributionConfig(), desired));
        beforeWrite.accept(id);
        return cf.updateDistribution(b -> b.id(id).ifMatch(current.eTag()).distributionConfig(next))
            .distribution().arn();
      });
  }

  /**
   * CloudFront may not yet see a certificate ACM issued a moment ago ("ACM and IAM certificate
   * eventual consistency" in the hashicorp provider's {@code cloudfront/distribution.go}).
   */
  private static boolean certificateNotYetSeen(SdkException e) {
    return is(e, "InvalidViewerCertificate");
  }

  private static void syncTags(CloudFrontClient cf, String arn, Map<String, String> desired) {
    Map<String, String> current = new TreeMap<>();
    cf.listTagsForResource(b -> b.resource(arn)).tags().items().forEach(t -> current.put(t.key(), t.value()));
    List<String> gone = current.keySet().stream().filter(k -> !desired.containsKey(k)).toList();
    Map<String, String> changed = new TreeMap<>();
    desired.forEach((k, v) -> {
      if (!v.equals(current.get(k))) changed.put(k, v);
    });
    if (!gone.isEmpty()) cf.untagResource(b -> b.resource(arn).tagKeys(k -> k.items(gone)));
    if (!changed.isEmpty()) cf.tagResource(b -> b.resource(arn).tags(DistributionConfigs.tags(changed)));
  }

  @Override
  public void delete(DeleteRequest request) {
    Address address = request.address();
    String id = request.id();
    Progress progress = request.progress();
    CloudFrontClient cf = clients.cloudFront();
    try {
      // Someone may enable it again, or CloudFront may not be done with the disable: go round again.
      poller.retryWhen(address, Operation.DELETE, progress, poller.waits().status(), "distribution " + id + " to be disabled",
          e -> is(e, "DistributionNotDisabled"), () -> {
            if (!disable(address, cf, id, progress)) return;
            awaitDeployed(address, Operation.DELETE, id, progress);
            poller.retryWhen(address, Operation.DELETE, progress, Waits.CONCURRENT_MODIFICATION,
                "distribution " + id + " to stop changing", e -> is(e, "PreconditionFailed"), () -> {
                  String etag = cf.getDistributionConfig(b -> b.id(id)).eTag();
                  beforeWrite.accept(id);
                  cf.deleteDistribution(b -> b.id(id).ifMatch(etag));
                });
          });
    } catch (SdkException e) {
      if (is(e, "NoSuchDistribution")) return;
      throw AwsFailures.wrap(address, Operation.DELETE, e);
    }
  }

  /** Disables distribution {@code id} if it is enabled; false if it does not exist. */
  private boolean disable(Address address, CloudFrontClient cf, String id, Progress progress) {
    return poller.retryWhen(address, Operation.DELETE, progress, Waits.CONCURRENT_MODIFICATION,
        "distribution " + id + " to stop changing", e -> is(e, "PreconditionFailed"), () -> {
      GetDistributionConfigResponse current;
      try {
        current = cf.getDistributionConfig(b -> b.id(id));
      } catch (SdkException e) {
        if (is(e, "NoSuchDistribution")) return false;
        throw e;
      }
      if (!Boolean.TRUE.equals(current.distributionConfig().enabled())) return true;
      progress.report("disabling distribution " + id + " (CloudFront deletes only disabled distributions)");
      beforeWrite.accept(id);
      cf.updateDistribution(b -> b.id(id).ifMatch(current.eTag())
          .distributionConfig(DistributionConfigs.disabled(current.distributionConfig())));
      return true;
    });
  }

  /**
   * Waits for distribution {@code id} to be {@code Deployed}: CloudFront takes minutes to push a
   * configuration to every edge, and deletes only a distribution whose disable has deployed. A
   * wait that runs out loses nothing: the next run reads the distribution back and waits again.
   * An SDK failure reading its status is thrown as is.
   */
  private void awaitDeployed(Address address, Operation operation, String id, Progress progress) {
    poller.await(address, operation, progress, () -> {
      String status = clients.cloudFront().getDistribution(b -> b.id(id)).distribution().status();
      return DEPLOYED.equalsIgnoreCase(status) ? Poller.done(status)
          : Poller.pending("distribution " + id + " is " + status, "CloudFront carries on deploying by itself");
    });
  }

  /** Builds a configuration, turning a desired value of the wrong shape into a provider error. */
  private static DistributionConfig checked(Address address, Operation operation, Supplier<DistributionConfig> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ProviderException(address.toString(), operation, e.getMessage());
    }
  }
}
