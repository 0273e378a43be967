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
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Retrier;
import io.siteform.providers.aws.Waits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

/**
 * {@code cloudfront_invalidation}: removes what a publish changed from CloudFront's edge caches.
 * The id is the Id of the latest invalidation; there is nothing to delete (CloudFront keeps
 * invalidations as history).
 *
 * <p>Attributes: {@code distribution_id}, {@code mode} ("changed" or "all"), {@code digests}
 * (path to digest, from the {@code local_files} data source). The first publish invalidates
 * {@code /*}; later ones the files whose digest changed or that went away ({@link
 * InvalidationPaths}), or {@code /*} with mode "all" or a new distribution; nothing if no digest
 * changed. The CallerReference is derived from the request and the invalidation it follows, so a
 * retried apply gets back the invalidation it already made instead of a second.
 */
public final class CloudFrontInvalidationProvider implements Provider {
  public static final String TYPE = "cloudfront_invalidation";

  private static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, Set.of(), Set.of(), false);

  private final AwsClients clients;
  private final Waits waits;
  private final Retrier busy;

  public CloudFrontInvalidationProvider(AwsClients clients, Waits waits) {
    this(clients, waits, new Retrier(waits.timeout(), Duration.ofSeconds(5), Duration.ofSeconds(60), Thread::sleep));
  }

  /** @param busy how long to retry while CloudFront has too many invalidations in progress */
  public CloudFrontInvalidationProvider(AwsClients clients, Waits waits, Retrier busy) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.waits = Objects.requireNonNull(waits, "waits");
    this.busy = Objects.requireNonNull(busy, "busy");
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    Object distribution = request.prior().get("distribution_id");
    if (!(distribution instanceof String dist)) return Optional.empty();
    try {
      clients.cloudFront().getInvalidation(b -> b.distributionId(dist).id(request.id()));
    } catch (SdkException e) {
      if (is(e, "NoSuchInvalidation", "NoSuchDistribution")) return Optional.empty();
      throw AwsFailures.wrap(request.address(), "read", e);
    }
    // An invalidation has no state worth diffing: what was asked for is what it did.
    return Optional.of(new LiveResource(request.id(), request.prior()));
  }

  @Override
  public LiveResource create(CreateRequest request) {
    Map<String, Object> d = request.desired();
    String id = invalidate(request.address(), "create", distribution(request.address(), "create", d),
        InvalidationPaths.EVERYTHING, digests(d), "", request.progress());
    return new LiveResource(id, d);
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    Map<String, Object> prior = request.prior();
    Map<String, Object> d = request.desired();
    String dist = distribution(request.address(), "update", d);
    List<String> paths = paths(prior, d);
    if (paths.isEmpty()) return new LiveResource(request.id(), d);
    String id = invalidate(request.address(), "update", dist, paths, digests(d), request.id(), request.progress());
    return new LiveResource(id, d);
  }

  /** What an update invalidates: nothing if no file changed. */
  static List<String> paths(Map<String, Object> prior, Map<String, Object> desired) {
    if (!Objects.equals(prior.get("distribution_id"), desired.get("distribution_id"))) return InvalidationPaths.EVERYTHING;
    Map<String, Object> before = digests(prior);
    Map<String, Object> after = digests(desired);
    if (before.equals(after)) return List.of();
    if ("all".equals(desired.get("mode"))) return InvalidationPaths.EVERYTHING;
    return InvalidationPaths.of(InvalidationPaths.changed(before, after));
  }

  private String invalidate(Address address, String op, String dist, List<String> paths,
      Map<String, Object> digests, String priorId, Progress progress) {
    CloudFrontClient cf = clients.cloudFront();
    String reference = callerReference(dist, paths, digests, priorId);
    Invalidation created;
    try {
      created = busy.call(() -> cf.createInvalidation(b -> b.distributionId(dist).invalidationBatch(i -> i
              .callerReference(reference)
              .paths(p -> p.quantity(paths.size()).items(paths)))).invalidation(),
          e -> is(e, "TooManyInvalidationsInProgress"),
          "CloudFront to finish earlier invalidations of distribution " + dist, progress);
    } catch (SdkException e) {
      if (is(e, "NoSuchDistribution")) {
        throw new ProviderException(address.toString(), op, "distribution " + dist
            + " does not exist: nothing to invalidate; run plan again", "NoSuchDistribution", null, e);
      }
      throw AwsFailures.wrap(address, op, e);
    }
    awaitCompleted(address, op, cf, dist, created, paths.size(), progress);
    return created.id();
  }

  private void awaitCompleted(Address address, String op, CloudFrontClient cf, String dist,
      Invalidation invalidation, int paths, Progress progress) {
    String id = invalidation.id();
    String status = invalidation.status();
    long start = System.nanoTime();
    for (int attempt = 0; !completed(status); attempt++) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (elapsed.compareTo(waits.timeout()) >= 0) {
        throw new ProviderException(address.toString(), op, "invalidation " + id + " of distribution " + dist
            + " is still " + status + " after " + waits.timeout().toSeconds() + " s; CloudFront finishes it on its own,"
            + " and apply again waits for the same invalidation instead of making another");
      }
      progress.report("invalidation " + id + " of distribution " + dist + " (" + paths + " path(s)): " + status
          + " (" + elapsed.toSeconds() + "s elapsed)");
      sleep(waits.delay(attempt));
      status = AwsFailures.call(address, op,
          () -> cf.getInvalidation(b -> b.distributionId(dist).id(id)).invalidation().status());
    }
  }

  /** CloudFront says "Completed"; moto says "COMPLETED". */
  private static boolean completed(String status) {
    return status != null && status.toLowerCase(Locale.ROOT).equals("completed");
  }

  /** The same for a retry of the same request after the same invalidation, different otherwise. */
  static String callerReference(String dist, List<String> paths, Map<String, Object> digests, String priorId) {
    StringBuilder b = new StringBuilder(dist).append('\n').append(priorId).append('\n');
    paths.stream().sorted().forEach(p -> b.append(p).append('\n'));
    new TreeMap<>(digests).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return "siteform-" + HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> digests(Map<String, Object> attributes) {
    Object d = attributes.get("digests");
    return d instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String distribution(Address address, String op, Map<String, Object> d) {
    if (d.get("distribution_id") instanceof String s && !s.isEmpty()) return s;
    throw new ProviderException(address.toString(), op, "attribute 'distribution_id' is missing");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an invalidation", e);
    }
  }

  @Override
  public void delete(DeleteRequest request) {
    // CloudFront has no DeleteInvalidation: an invalidation is history once made.
  }
}
