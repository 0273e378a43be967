package io.siteform.providers.aws.cloudfront;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.plan.InvalidationPaths;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * (path to digest, from the {@code local_files} data source), {@code rewrites} (path to
 * "written" or "deleted": what this apply's {@code site_content} rewrote, as the plan says). The
 * first publish invalidates {@code /*}; later ones the files whose digest changed, that went away
 * or that the content's apply rewrote, restored objects included ({@link InvalidationPaths#forUpdate}), or
 * {@code /*} with mode "all" or a new distribution; nothing if none. The CallerReference is derived from the request and the invalidation it follows, so a
 * retried apply gets back the invalidation it already made instead of a second. The apply
 * waits for CloudFront to complete it (minutes) only if {@code await_completion} says so.
 *
 * <p>{@code made} (computed) records the invalidations siteform made in the calendar month (UTC)
 * of the latest, id to {@code {month, paths}}: the plan's count of the month's paths for the cost
 * estimate ({@link CloudFrontInvalidationsDataSource}) reads only the others, where it read
 * every one, so a site deploying on every push does not make one more request per deploy.
 */
public final class CloudFrontInvalidationProvider implements Provider {
  public static final String TYPE = "cloudfront_invalidation";

  private static final ResourceSchema SCHEMA = io.siteform.engine.provider.Schemas.CLOUDFRONT_INVALIDATION;

  private final AwsClients clients;
  private final Poller poller;

  public CloudFrontInvalidationProvider(AwsClients clients, Waits waits) {
    this(clients, new Poller(waits));
  }

  /** @param poller the wait for an invalidation to complete, and for CloudFront's limit on those in progress */
  public CloudFrontInvalidationProvider(AwsClients clients, Poller poller) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = Objects.requireNonNull(poller, "poller");
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
      throw AwsFailures.wrap(request.address(), Operation.READ, e);
    }
    // An invalidation has no state worth diffing: what was asked for is what it did.
    return Optional.of(new LiveResource(request.id(), request.prior()));
  }

  @Override
  public LiveResource create(CreateRequest request) {
    Map<String, Object> d = request.desired();
    Invalidation made = invalidate(request.address(), Operation.CREATE,
        distribution(request.address(), Operation.CREATE, d), InvalidationPaths.EVERYTHING, d, "",
        request.progress(), i -> request.checkpoint().reached(new LiveResource(i.id(), made(Map.of(), d, i, 1))));
    return new LiveResource(made.id(), made(Map.of(), d, made, 1));
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    Map<String, Object> prior = request.prior();
    Map<String, Object> d = request.desired();
    String dist = distribution(request.address(), Operation.UPDATE, d);
    List<String> paths = InvalidationPaths.forUpdate(prior, d);
    if (paths.isEmpty()) return new LiveResource(request.id(), kept(prior, d));
    Invalidation made = invalidate(request.address(), Operation.UPDATE, dist, paths, d, request.id(),
        request.progress(), i -> request.checkpoint().reached(new LiveResource(i.id(), made(prior, d, i, paths.size()))));
    return new LiveResource(made.id(), made(prior, d, made, paths.size()));
  }

  /** {@code desired} with the record of the invalidations made, as {@code prior} had it. */
  private static Map<String, Object> kept(Map<String, Object> prior, Map<String, Object> desired) {
    Map<String, Object> a = new java.util.LinkedHashMap<>(desired);
    if (prior.get("made") instanceof Map<?, ?> m) a.put("made", m);
    return a;
  }

  /**
   * {@code desired} with {@code made} recording {@code created} ({@code paths} paths) beside the invalidations of the
   * same distribution and month that {@code prior} recorded (an invalidation without a CreateTime
   * is taken as made now).
   */
  static Map<String, Object> made(Map<String, Object> prior, Map<String, Object> desired, Invalidation created,
      int paths) {
    java.time.Instant at = created.createTime() != null ? created.createTime() : java.time.Instant.now();
    String month = java.time.YearMonth.from(at.atZone(java.time.ZoneOffset.UTC)).toString();
    Map<String, Object> made = new TreeMap<>();
    if (Objects.equals(prior.get("distribution_id"), desired.get("distribution_id"))
        && prior.get("made") instanceof Map<?, ?> earlier) {
      earlier.forEach((id, m) -> {
        if (m instanceof Map<?, ?> e && month.equals(e.get("month"))) made.put(String.valueOf(id), e);
      });
    }
    made.put(created.id(), Map.of("month", month, "paths", (long) paths));
    Map<String, Object> a = new java.util.LinkedHashMap<>(desired);
    a.put("made", made);
    return a;
  }

  private Invalidation invalidate(Address address, Operation op, String dist, List<String> paths,
      Map<String, Object> desired, String priorId, Progress progress, java.util.function.Consumer<Invalidation> recorded) {
    CloudFrontClient cf = clients.cloudFront();
    String reference = callerReference(dist, paths, digests(desired), priorId);
    Invalidation created;
    try {
      created = poller.retryWhen(address, op, progress, poller.waits().patient(),
          "CloudFront to finish earlier invalidations of distribution " + dist, e -> is(e, "TooManyInvalidationsInProgress"),
          () -> cf.createInvalidation(b -> b.distributionId(dist).invalidationBatch(i -> i
              .callerReference(reference)
              .paths(p -> p.quantity(paths.size()).items(paths)))).invalidation());
    } catch (SdkException e) {
      if (is(e, "NoSuchDistribution")) {
        throw new ProviderException(address.toString(), op, "distribution " + dist
            + " does not exist: nothing to invalidate; run plan again", "NoSuchDistribution", null, e);
      }
      throw AwsFailures.wrap(address, op, e);
    }
    // Recorded before the wait: a run stopped during it keeps the invalidation's id.
    recorded.accept(created);
    if (awaitCompletion(desired)) {
      awaitCompleted(address, op, cf, dist, created, paths.size(), progress);
    } else if (!completed(created.status())) {
      progress.report(describe(created.id(), dist, paths.size()) + " is " + created.status()
          + ": CloudFront completes it on its own, usually within minutes");
    }
    return created;
  }

  /**
   * Whether this apply waits until CloudFront has completed the invalidation (minutes on AWS): only
   * when the spec's removal may delete a file before then ({@link
   * io.siteform.engine.resource.Expander#AWAIT_COMPLETION}). A request without the attribute (a plan
   * saved before it existed) waits, as every apply once did.
   */
  static boolean awaitCompletion(Map<String, Object> desired) {
    return !Boolean.FALSE.equals(desired.get(io.siteform.engine.resource.Expander.AWAIT_COMPLETION));
  }

  /**
   * Waits for the invalidation to complete. One that runs out of time loses nothing: CloudFront
   * finishes it on its own, and apply again finds the same invalidation by its CallerReference
   * instead of making another.
   */
  private void awaitCompleted(Address address, Operation op, CloudFrontClient cf, String dist,
      Invalidation invalidation, int paths, Progress progress) {
    String id = invalidation.id();
    String[] status = {invalidation.status()};
    poller.await(address, op, progress, () -> {
      if (status[0] == null) {
        status[0] = AwsFailures.call(address, op,
            () -> cf.getInvalidation(b -> b.distributionId(dist).id(id)).invalidation().status());
      }
      String now = status[0];
      status[0] = null;
      return completed(now) ? Poller.done(now)
          : Poller.pending(describe(id, dist, paths) + ": " + now,
              "CloudFront finishes it on its own");
    });
  }

  /** "invalidation I2... of distribution E2... (3 path(s))", as the apply's progress lines name one. */
  private static String describe(String id, String dist, int paths) {
    return "invalidation " + id + " of distribution " + dist + " (" + paths + " path(s))";
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

  private static String distribution(Address address, Operation op, Map<String, Object> d) {
    if (d.get("distribution_id") instanceof String s && !s.isEmpty()) return s;
    throw new ProviderException(address.toString(), op, "attribute 'distribution_id' is missing");
  }

  @Override
  public void delete(DeleteRequest request) {
    // CloudFront has no DeleteInvalidation: an invalidation is history once made.
  }
}
