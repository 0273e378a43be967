package io.siteform.engine.apply;

import io.siteform.engine.event.EngineListener;
import io.siteform.error.Operation;
import io.siteform.engine.graph.Walker;
import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.Providers;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Ref;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.error.ProviderException;
import io.siteform.error.SiteformException;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import io.siteform.state.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a plan: builds the step graph from the plan's changes, walks it with bounded
 * parallelism, resolves each placeholder from the state its producer just recorded, and records
 * every completed step at once.
 */
public final class Applier {
  private final Providers providers;
  private final StateRecorder recorder;
  private final EngineListener listener;
  private final Walker<Step> walker;
  private final java.util.function.Supplier<String> tokens;
  private volatile boolean forceDeleteContent;

  public Applier(Providers providers, StateRecorder recorder, EngineListener listener, int parallelism) {
    this(providers, recorder, listener, parallelism, () -> java.util.UUID.randomUUID().toString());
  }

  /**
   * With {@code tokens} making the unique part of idempotency tokens (tests make them
   * predictable). A token reads {@code siteform-SITE-UNIQUE}, so the CallerReference of a
   * distribution in the CloudFront console says which site made it.
   */
  public Applier(Providers providers, StateRecorder recorder, EngineListener listener, int parallelism,
      java.util.function.Supplier<String> tokens) {
    this.tokens = tokens;
    this.providers = providers;
    this.recorder = recorder;
    this.listener = listener;
    this.walker = new Walker<>(parallelism, Step::compareTo);
    // A state that cannot be written stops the apply: nothing new starts whose result would be lost.
    recorder.whenAWriteFails(this::cancel);
  }

  /** Lets deletes remove what objects hold (--force-delete-content); off by default. */
  public Applier forceDeleteContent(boolean force) {
    this.forceDeleteContent = force;
    return this;
  }

  /** Stops starting new steps; running ones finish and are recorded. */
  public void cancel() {
    walker.cancel();
  }

  /**
   * Stops starting new steps and interrupts the running ones: a wait ends at once, and what AWS
   * has returned so far is already recorded (ids are checkpointed before every wait, creates are
   * recorded before their call). The interrupts are sent while no state write is in progress, so
   * none is cut short.
   */
  public void abort() {
    recorder.between(walker::abort);
  }

  /**
   * What an apply did.
   *
   * @param cancelled whether it was stopped (an interrupt, or a state write that failed)
   * @param stateWriteFailed whether a state write failed, which stops the apply
   * @param unrecorded what was done in AWS but is missing from the stored state (a write failed)
   */
  public record Result(int added, int changed, int destroyed, List<StepFailure> failures, List<Step> skipped,
      boolean cancelled, boolean stateWriteFailed, List<StateRecorder.Unrecorded> unrecorded) {
    public Result {
      failures = List.copyOf(failures);
      skipped = List.copyOf(skipped);
      unrecorded = List.copyOf(unrecorded);
    }

    public boolean ok() {
      return failures.isEmpty() && skipped.isEmpty() && !stateWriteFailed;
    }
  }

  /**
   * A step that failed and why: a {@link SiteformException} (the user's to act on, AWS's answer
   * included) or a {@link io.siteform.error.SiteformBug} (siteform's, to report).
   */
  public record StepFailure(Step step, RuntimeException error) {
    public StepFailure {
      if (!(error instanceof SiteformException) && !(error instanceof io.siteform.error.SiteformBug)) {
        throw new IllegalArgumentException("a step fails with a user error or a bug, not " + error);
      }
    }

    /** Whether it is a bug in siteform rather than something the user can fix. */
    public boolean bug() {
      return error instanceof io.siteform.error.SiteformBug;
    }
  }

  public Result apply(Plan plan) throws InterruptedException {
    Walker.Result<Step> r = walker.walk(StepGraph.build(plan), this::run);
    int added = 0;
    int changed = 0;
    int destroyed = 0;
    for (Step s : r.completed()) {
      switch (s.operation()) {
        case CREATE -> added++;
        case UPDATE -> changed++;
        case DELETE -> destroyed++;
      }
    }
    List<StepFailure> failures = new ArrayList<>();
    // run() has already told each step's failure apart; what else escaped it (an Error) is a bug.
    r.failed().forEach((step, error) -> failures.add(new StepFailure(step,
        error instanceof SiteformException || error instanceof io.siteform.error.SiteformBug
            ? (RuntimeException) error : wrap(step, error))));
    List<Step> skipped = r.skipped().stream().sorted().toList();
    skipped.forEach(s -> listener.skipped(s.address(), s.operation()));
    return new Result(added, changed, destroyed, failures, skipped, walker.isCancelled(), recorder.failed(),
        recorder.unrecorded());
  }

  private void run(Step step) {
    ResourceChange c = step.change();
    long start = System.nanoTime();
    listener.started(c.address(), step.operation());
    Progress progress = new Progress() {
      @Override
      public void report(String message) {
        listener.progress(c.address(), step.operation(), message, since(start));
      }

      @Override
      public void step(String name, java.time.Duration elapsed) {
        listener.step(c.address(), step.operation(), name, elapsed);
      }
    };
    try {
      Provider provider = providers.get(c.address().type());
      switch (step.operation()) {
        case CREATE -> {
          ResourceSpec spec = c.desired().orElseThrow();
          Map<String, Object> desired = resolved(spec, step.operation());
          boolean resuming = intent(spec, provider.schema(), desired);
          LiveResource live = provider.create(new CreateRequest(
              c.address(), spec.region(), desired, progress, sofar -> record(spec, sofar), resuming));
          record(spec, live);
          listener.completed(c.address(), step.operation(), live.id(), since(start));
        }
        case UPDATE -> {
          ResourceSpec spec = c.desired().orElseThrow();
          ResourceState prior = recorder.current().find(c.address().toString()).orElse(c.prior().orElseThrow());
          LiveResource live = provider.update(new UpdateRequest(c.address(), spec.region(), prior.id(),
              prior.attributes(), resolved(spec, step.operation()), progress, sofar -> record(spec, sofar)));
          record(spec, live);
          listener.completed(c.address(), step.operation(), live.id(), since(start));
        }
        case DELETE -> {
          ResourceState prior = c.prior().orElseThrow();
          if (!prior.isCreating()) {
            provider.delete(new DeleteRequest(c.address(), prior.region(), prior.id(), prior.attributes(), progress,
                forceDeleteContent));
          } else {
            // A create that never confirmed: AWS may or may not have made the object.
            progress.report("a create of this object was started but never confirmed (" + identity(prior)
                + "); if AWS made it, siteform does not manage it: find it by its "
                + String.join(" or ", prior.attributes().keySet()) + " and delete it by hand");
          }
          // After create-then-delete, state already holds the new object.
          if (c.action() != Action.CREATE_THEN_DELETE) recorder.remove(c.address().toString());
          listener.completed(c.address(), step.operation(), prior.id(), since(start));
        }
      }
    } catch (RuntimeException e) {
      RuntimeException error = wrap(step, e);
      listener.failed(c.address(), step.operation(), error, since(start));
      throw error;
    }
  }

  /** "caller_reference siteform-x-1": what a create in flight records to find its object by. */
  private static String identity(ResourceState creating) {
    return creating.attributes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .reduce((a, b) -> a + ", " + b).orElse("no token recorded");
  }

  /**
   * Records the create about to be sent, before AWS is called: an entry in flight (no id) with
   * what identifies the object AWS may make, its name and its idempotency token. The token is the
   * one a previous, unfinished apply recorded, or a new one; it goes into {@code desired}, so AWS
   * answers a resumed create with the object it already made.
   *
   * @return whether state already held this create in flight with the same identity: a resumed create
   */
  private boolean intent(ResourceSpec spec, io.siteform.engine.provider.ResourceSchema schema,
      Map<String, Object> desired) {
    if (!schema.recordsIntent()) return false;
    String address = spec.address().toString();
    Optional<ResourceState> inFlight = recorder.current().find(address).filter(ResourceState::isCreating);
    Map<String, Object> identity = new LinkedHashMap<>();
    schema.idempotencyToken().ifPresent(attribute -> {
      String token = inFlight.map(r -> r.attributes().get(attribute)).map(String::valueOf).orElseGet(() -> {
        Object site = spec.attributes().get("tags") instanceof Map<?, ?> tags
            ? tags.get(io.siteform.engine.resource.Expander.SITE_TAG) : null;
        return "siteform-" + (site == null ? "" : site + "-") + tokens.get();
      });
      desired.put(attribute, token);
      identity.put(attribute, token);
    });
    for (String attribute : schema.intent()) {
      Object value = desired.get(attribute);
      if (value != null) identity.put(attribute, value);
    }
    boolean resuming = inFlight.map(r -> r.attributes().equals(Values.copyMap(identity))).orElse(false);
    // Re-recording an identical entry writes nothing.
    recorder.putIntent(ResourceState.creating(address, spec.type(), spec.region(), identity,
        spec.dependsOn().stream().map(Object::toString).sorted().toList()));
    return resuming;
  }

  private void record(ResourceSpec spec, LiveResource live) {
    recorder.put(new ResourceState(
        spec.address().toString(), spec.type(), spec.region(), live.id(), live.attributes(),
        spec.dependsOn().stream().map(Object::toString).sorted().toList()));
  }

  private Map<String, Object> resolved(ResourceSpec spec, Operation op) {
    State now = recorder.current();
    Map<String, Object> out = new LinkedHashMap<>();
    spec.attributes().forEach((k, v) -> out.put(k, resolve(spec, op, v, now)));
    return out;
  }

  private static Object resolve(ResourceSpec spec, Operation op, Object v, State now) {
    if (v instanceof Ref ref) {
      Object value = now.find(ref.address().toString()).map(ref::valueIn).orElse(null);
      if (value == null) {
        throw new ProviderException(spec.address().toString(), op,
            ref + " is still unknown after " + ref.address() + " was applied");
      }
      return ref.render(value);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), resolve(spec, op, x, now)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object x : l) out.add(resolve(spec, op, x, now));
      return out;
    }
    return v;
  }

  /**
   * What a step's failure is: a user error as thrown; a failure the provider layer knows as its
   * cloud's answer (an AWS SDK exception a provider let through) as that provider error; anything
   * else, a {@link io.siteform.error.SiteformBug} naming the step, so the CLI reports it as a bug.
   */
  private RuntimeException wrap(Step step, Throwable e) {
    return providers.failure(step.address(), step.operation(), e);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
