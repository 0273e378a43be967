package io.siteform.engine.plan;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Providers;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.SiteformException;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every resource in state from AWS, in parallel, and returns the state as it is live plus
 * the drift between the two. The recorded state is not written: refreshing alone never changes
 * what siteform remembers.
 */
public final class Refresher {
  private final Providers providers;
  private final int parallelism;
  private final EngineListener listener;

  public Refresher(Providers providers, int parallelism, EngineListener listener) {
    this.providers = providers;
    this.parallelism = parallelism;
    this.listener = listener;
  }

  /** The state as live and what drifted. */
  public record Refreshed(State state, List<Drift> drift) {
    /**
     * The live state with the entries of objects found gone put back: what a destroy starts
     * from, so that its deletes of them (a no-op at AWS) remove their entries. Without this a
     * destroy re-run after an interrupted one would find nothing to do and leave the entries of
     * objects the first run deleted but did not record.
     */
    public Refreshed keepingGone() {
      State kept = state;
      for (Drift d : drift) {
        if (d.action() == Action.DELETE && kept.find(d.recorded().address()).isEmpty()) kept = kept.with(d.recorded());
      }
      return new Refreshed(kept, drift);
    }
  }

  public Refreshed refresh(State recorded) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
      Thread t = new Thread(r, "siteform-refresh");
      t.setDaemon(true);
      return t;
    });
    try {
      List<ResourceState> resources = recorded.resources();
      List<Future<Optional<LiveResource>>> reads = new ArrayList<>(java.util.Collections.nCopies(resources.size(), null));
      for (ResourceState r : resources) {
        // A create that started but never confirmed: nothing to read; the next apply retries it
        // with the recorded idempotency token.
        if (!r.isCreating()) listener.refreshing(Address.parse(r.address()), r.id());
      }
      for (int i : readOrder(resources)) {
        ResourceState r = resources.get(i);
        Address address = Address.parse(r.address());
        reads.set(i, pool.submit(() -> {
          long start = System.nanoTime();
          Optional<LiveResource> found;
          try {
            found = providers.get(r.type()).read(new ReadRequest(address, r.region(), r.id(), r.attributes()));
          } catch (RuntimeException e) {
            // Sorted as apply's failures are: the cloud's answer, siteform's own error, or a bug.
            throw providers.failure(address, io.siteform.error.Operation.READ, e);
          }
          listener.refreshed(address, java.time.Duration.ofNanos(System.nanoTime() - start));
          return found;
        }));
      }
      State live = recorded;
      List<Drift> drift = new ArrayList<>();
      for (int i = 0; i < reads.size(); i++) {
        ResourceState r = recorded.resources().get(i);
        if (reads.get(i) == null) continue;
        Optional<LiveResource> found = await(reads.get(i));
        Address address = Address.parse(r.address());
        if (found.isEmpty()) {
          live = live.without(r.address());
          drift.add(new Drift(address, Action.DELETE, r, Optional.empty(), Set.of()));
          continue;
        }
        ResourceState now = new ResourceState(
            r.address(), r.type(), r.region(), found.get().id(), found.get().attributes(), r.dependencies());
        live = live.with(now);
        var schema = providers.schema(r.type());
        Set<String> changed = changedKeys(schema, r, now);
        // What AWS assigns and moves on its own (a certificate going ISSUED, a distribution
        // Deployed) is recorded as refreshed, but is not a change someone made.
        changed.removeAll(schema.computed());
        changed.removeAll(schema.notCompared());
        changed.removeAll(schema.once());
        // The idempotency token is siteform's own record of its create, never someone's change.
        schema.idempotencyToken().ifPresent(changed::remove);
        if (!changed.isEmpty()) drift.add(new Drift(address, Action.UPDATE, r, Optional.of(now), changed));
      }
      return new Refreshed(live, drift);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The indexes of the entries to read, in the order their reads start: first those of a type
   * with a map of many entries (a site's files, its paths, its digests), whose reads list a
   * bucket and take longest, so that with more entries than {@code --parallelism} they are not
   * left to a second round; then the rest, each group in state order.
   */
  private List<Integer> readOrder(List<ResourceState> resources) {
    List<Integer> first = new ArrayList<>();
    List<Integer> then = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      ResourceState r = resources.get(i);
      if (r.isCreating()) continue;
      (providers.schema(r.type()).summaries().isEmpty() ? then : first).add(i);
    }
    first.addAll(then);
    return first;
  }

  /** The attributes that differ, a set in another order (AWS's) not among them. */
  private static Set<String> changedKeys(io.siteform.engine.provider.ResourceSchema schema, ResourceState before,
      ResourceState after) {
    Set<String> keys = new HashSet<>(before.attributes().keySet());
    keys.addAll(after.attributes().keySet());
    Set<String> changed = new TreeSet<>();
    for (String k : keys) {
      if (!schema.same(k, before.attributes().get(k), after.attributes().get(k))) changed.add(k);
    }
    if (!before.id().equals(after.id())) changed.add("id");
    return changed;
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while refreshing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SiteformException se) throw se;
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    }
  }
}
