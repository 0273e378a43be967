package io.siteform.engine.operation;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.plan.ConflictFinder;
import io.siteform.engine.plan.DataReader;
import io.siteform.engine.plan.EarlierInvalidations;
import io.siteform.engine.plan.InvalidationPaths;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.resource.DataSpec;
import io.siteform.engine.resource.Expander;
import io.siteform.error.ProviderException;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.Planner;
import io.siteform.engine.plan.Refresher;
import io.siteform.engine.provider.DataSources;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Providers;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Makes a plan: reads the data sources into the desired resources, refreshes state from AWS,
 * diffs, narrows to the targets and looks for objects made by hand in the way of a create. Plan,
 * apply and destroy all plan through here; nothing is written.
 */
public final class PlanOperation {
  private final Providers providers;
  private final DataSources dataSources;
  private final PlanRequest request;
  private final EngineListener listener;

  public PlanOperation(Providers providers, DataSources dataSources, PlanRequest request, EngineListener listener) {
    this.providers = providers;
    this.dataSources = dataSources;
    this.request = request;
    this.listener = listener;
  }

  public Planned call() {
    boolean destroy = request.destroy();
    boolean offline = request.offline();
    List<ResourceSpec> desired = request.desired();
    Map<Address, LiveResource> data = Map.of();
    // The data sources (the site's files hashed, the hosted zone looked up) and the refresh of
    // state are independent: the refresh runs beside them rather than after (after them with
    // --parallelism 1, which runs everything on one thread).
    boolean serial = request.parallelism() == 1;
    CompletableFuture<Refresher.Refreshed> refreshing = offline
        ? CompletableFuture.completedFuture(new Refresher.Refreshed(request.recorded(), List.of()))
        : serial ? null : refreshBeside();
    try {
      if (!destroy) {
        long start = System.nanoTime();
        // Offline, only the local files are read; the hosted zone's id stays "(known after apply)".
        data = new DataReader(dataSources, listener).read(request.data(), offline);
        desired = DataReader.fill(desired, data);
        phase("data sources", start);
      }
    } catch (RuntimeException e) {
      // The reads the refresh started end before the error is reported (they use the same clients).
      if (refreshing != null) {
        try {
          refreshing.join();
        } catch (RuntimeException ignored) {
          e.addSuppressed(ignored);
        }
      }
      throw e;
    }
    // The cost estimate's read of this month's invalidations, begun beside the refresh when the
    // files hashed just now already say the plan invalidates (issue 14.3): after the diff it was one
    // ListInvalidations and a GetInvalidation per earlier invalidation on the plan's critical path.
    Early early = destroy || offline || serial ? null : earlyInvalidations(desired, request.recorded());
    Refresher.Refreshed r = refreshing != null ? joined(refreshing) : refresh();
    long start = System.nanoTime();
    if (destroy) r = r.keepingGone();
    Planner planner = new Planner(providers::schema);
    Plan plan = destroy ? planner.planDestroy(r.state(), r.drift()) : planner.plan(desired, r.state(), r.drift());
    if (!request.targets().isEmpty()) plan = plan.targeted(request.targets());
    start = phase("diff", start);
    if (!destroy && !offline) {
      plan = new ConflictFinder(providers).check(plan);
      start = phase("conflict check", start);
    }
    if (!destroy) {
      plan = plan.withEarlierInvalidations(
          offline ? new EarlierInvalidations.NotCounted("offline") : earlierInvalidations(plan, r.state(), early));
      if (!offline) phase("earlier invalidations", start);
    }
    return new Planned(plan, r.state(), data);
  }

  /**
   * What the site's distribution invalidated earlier this month, for the cost estimate: read only
   * when the plan invalidates on a distribution that exists. CloudFront refusing the read (a role
   * without cloudfront:ListInvalidations) leaves them uncounted rather than failing the plan.
   */
  private EarlierInvalidations earlierInvalidations(Plan plan, io.siteform.state.State refreshed, Early early) {
    java.util.Optional<ResourceChange> invalidation = change(plan, Expander.INVALIDATION);
    if (invalidation.isEmpty() || InvalidationPaths.of(invalidation.get()).isEmpty()) {
      return new EarlierInvalidations.NotCounted("nothing to invalidate");
    }
    boolean made = change(plan, Expander.DISTRIBUTION).map(c -> c.action().creates()).orElse(false);
    var distribution = refreshed.find(Expander.DISTRIBUTION.toString());
    if (made || distribution.isEmpty()) return new EarlierInvalidations.NewDistribution();
    String id = distribution.get().id();
    // Begun for the distribution the state named before the refresh: still this one, or read again.
    if (early != null && early.distributionId().equals(id)) {
      try {
        return early.read().join();
      } catch (java.util.concurrent.CompletionException e) {
        // Read again here, where its failure is reported as any other.
      }
    }
    return countEarlier(id, made(refreshed, id));
  }

  /** The invalidations of distribution {@code id} that {@code state} records siteform made (cloudfront_invalidation's {@code made}). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> made(io.siteform.state.State state, String id) {
    return state.find(Expander.INVALIDATION.toString())
        .filter(i -> id.equals(i.attributes().get("distribution_id")))
        .map(i -> i.attributes().get("made"))
        .filter(Map.class::isInstance)
        .map(m -> (Map<String, Object>) m)
        .orElse(Map.of());
  }

  /**
   * Begins reading the invalidations of the distribution in {@code recorded}, on another thread,
   * when the desired invalidation's digests (filled from the hashed files) differ from the recorded
   * ones, so the plan will invalidate; null when nothing says it will (a no-change plan reads
   * nothing more).
   */
  private Early earlyInvalidations(List<ResourceSpec> desired, io.siteform.state.State recorded) {
    var distribution = recorded.find(Expander.DISTRIBUTION.toString()).filter(d -> !d.isCreating());
    var before = recorded.find(Expander.INVALIDATION.toString());
    var wanted = desired.stream().filter(d -> d.address().equals(Expander.INVALIDATION)).findFirst();
    if (distribution.isEmpty() || before.isEmpty() || wanted.isEmpty()) return null;
    Object digests = wanted.get().attributes().get("digests");
    if (!(digests instanceof Map<?, ?>) || digests.equals(before.get().attributes().get("digests"))) return null;
    String id = distribution.get().id();
    Map<String, Object> known = made(recorded, id);
    return new Early(id, beside("siteform-earlier-invalidations", () -> countEarlier(id, known)));
  }

  /** A read of distribution {@code distributionId}'s invalidations begun beside the refresh. */
  private record Early(String distributionId, CompletableFuture<EarlierInvalidations> read) {}

  /** This month's invalidations of distribution {@code id} ({@code known}: those siteform made), or why they were not counted. */
  private EarlierInvalidations countEarlier(String id, Map<String, Object> known) {
    DataSpec query = Expander.earlierInvalidations(id, known);
    LiveResource found;
    try {
      found = new DataReader(dataSources, listener).read(List.of(query)).get(query.address());
    } catch (ProviderException e) {
      return new EarlierInvalidations.NotCounted("CloudFront did not list them: " + e.getMessage());
    }
    Map<String, Object> a = found.attributes();
    return new EarlierInvalidations.Counted(id, java.time.YearMonth.parse(String.valueOf(a.get("month"))),
        ((Number) a.get("invalidations")).intValue(), ((Number) a.get("paths")).longValue());
  }

  private static java.util.Optional<ResourceChange> change(Plan plan, Address address) {
    return plan.changes().stream().filter(c -> c.address().equals(address)).findFirst();
  }

  private Refresher.Refreshed refresh() {
    long start = System.nanoTime();
    Refresher.Refreshed r = new Refresher(providers, request.parallelism(), listener).refresh(request.recorded());
    phase("refresh", start);
    return r;
  }

  private CompletableFuture<Refresher.Refreshed> refreshBeside() {
    return beside("siteform-refresh-all", this::refresh);
  }

  /** {@code work}'s result, computed on a daemon thread of its own named {@code thread}. */
  private static <T> CompletableFuture<T> beside(String thread, java.util.function.Supplier<T> work) {
    CompletableFuture<T> out = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        out.complete(work.get());
      } catch (Throwable e) {
        out.completeExceptionally(e);
      }
    }, thread);
    t.setDaemon(true);
    t.start();
    return out;
  }

  /** The refresh's result, or its failure as it was thrown. */
  private static Refresher.Refreshed joined(CompletableFuture<Refresher.Refreshed> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while refreshing", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Tells the listener that phase {@code name}, begun at {@code start}, ended; returns now. */
  private long phase(String name, long start) {
    long now = System.nanoTime();
    listener.phase(name, java.time.Duration.ofNanos(now - start));
    return now;
  }
}
