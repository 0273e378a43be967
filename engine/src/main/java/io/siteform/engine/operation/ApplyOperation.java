package io.siteform.engine.operation;

import io.siteform.engine.apply.Applier;
import io.siteform.engine.apply.StateRecorder;
import io.siteform.engine.event.EngineListener;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.provider.Providers;
import io.siteform.error.PlanException;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import io.siteform.state.StateBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Carries out a plan, fresh or saved, and nothing else: the plan is the only input that says what
 * to do. State is recorded after every completed step, so a failed or stopped apply keeps what it
 * did. A plan with conflicts is refused, and so are deletes of buckets that still hold objects
 * unless {@code forceDeleteContent}; a front end asks {@link #contentAtRisk()} first to list them.
 */
public final class ApplyOperation {
  private final Providers providers;
  private final Plan plan;
  private final boolean forceDeleteContent;
  private final StateRecorder recorder;
  private final Applier applier;
  private final EngineListener listener;
  private List<String> atRisk;

  /**
   * @param base the state the plan starts from (see {@link Planned#base()})
   * @param tokens the unique part of idempotency tokens
   */
  public ApplyOperation(Providers providers, StateBackend backend, Plan plan, State base, EngineListener listener,
      int parallelism, boolean forceDeleteContent, Supplier<String> tokens) {
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
    this.providers = providers;
    this.plan = plan;
    this.forceDeleteContent = forceDeleteContent;
    this.recorder = new StateRecorder(backend, base);
    this.listener = listener;
    this.applier = new Applier(providers, recorder, listener, parallelism, tokens)
        .forceDeleteContent(forceDeleteContent);
  }

  public ApplyOperation(Providers providers, StateBackend backend, Planned planned, EngineListener listener,
      int parallelism, boolean forceDeleteContent) {
    this(providers, backend, planned.plan(), planned.base(), listener, parallelism, forceDeleteContent,
        () -> java.util.UUID.randomUUID().toString());
  }

  /** Records this apply's publish as {@code book} says (its clock; a rollback's release number). */
  public ApplyOperation releases(io.siteform.engine.apply.ReleaseBook book) {
    recorder.releases(book);
    return this;
  }

  /**
   * What the plan's deletes would destroy beyond the objects themselves ("s3_bucket.primary:
   * holds 12 object versions"), asked of the providers once.
   */
  public synchronized List<String> contentAtRisk() {
    if (atRisk != null) return atRisk;
    List<String> out = new ArrayList<>();
    for (ResourceChange c : plan.actions()) {
      if (!c.action().deletes() || c.prior().isEmpty() || c.prior().get().isCreating()) continue;
      ResourceState prior = c.prior().get();
      providers.get(c.address().type()).contentAtRisk(prior.region(), prior.id())
          .ifPresent(what -> out.add(c.address() + ": " + what));
    }
    atRisk = List.copyOf(out);
    return atRisk;
  }

  public Applied call() throws InterruptedException {
    if (!plan.conflicts().isEmpty()) {
      throw new PlanException("objects made outside siteform stand in the way of this plan; import or remove them");
    }
    if (!forceDeleteContent && plan.hasChanges() && !contentAtRisk().isEmpty()) {
      throw new PlanException("this plan would delete buckets that still hold objects: "
          + String.join(", ", contentAtRisk()) + "; allow it with --force-delete-content");
    }
    long start = System.nanoTime();
    Applier.Result r = applier.apply(plan);
    listener.phase("apply", java.time.Duration.ofNanos(System.nanoTime() - start));
    return new Applied(r, recorder.current());
  }

  /** Stops starting new steps; running ones finish and are recorded (the first Ctrl-C). */
  public void cancel() {
    applier.cancel();
  }

  /** Interrupts the running steps too, once no state write is in progress (the second Ctrl-C). */
  public void abort() {
    applier.abort();
  }

  /** Runs {@code action} while no state write is in progress: never halt in the middle of one. */
  public void betweenStateWrites(Runnable action) {
    recorder.between(action);
  }
}
