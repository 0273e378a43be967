package io.siteform.engine.testing;

import io.siteform.engine.apply.Applier;
import io.siteform.engine.event.EngineListener;
import io.siteform.engine.operation.ApplyOperation;
import io.siteform.engine.operation.PlanOperation;
import io.siteform.engine.operation.PlanRequest;
import io.siteform.engine.operation.Planned;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.Refresher;
import io.siteform.engine.provider.Providers;
import io.siteform.engine.resource.Expander;
import io.siteform.engine.spec.Spec;
import io.siteform.state.State;

/** Plan and apply specs against a {@link FakeCloud} through the engine's operations, as the CLI does against AWS. */
public final class Harness {
  public final FakeCloud cloud = new FakeCloud();
  public final MemoryBackend backend = new MemoryBackend();
  public final Providers providers = new Providers(cloud.skeletonProviders());
  public int parallelism = 4;
  private final java.util.concurrent.atomic.AtomicInteger tokens = new java.util.concurrent.atomic.AtomicInteger();

  public State state() {
    return backend.read().orElseGet(State::empty);
  }

  public Refresher.Refreshed refresh() {
    return new Refresher(providers, 4, EngineListener.NONE).refresh(state());
  }

  public Planned planned(Spec spec) {
    Expander x = new Expander();
    return new PlanOperation(providers, cloud.dataSources(), PlanRequest.of(x.expand(spec), x.data(spec), state(), 4),
        EngineListener.NONE).call();
  }

  public Plan plan(Spec spec) {
    return planned(spec).plan();
  }

  /** {@code siteform destroy}'s plan: it and the state it starts from keep the entries of objects already gone. */
  public Planned plannedDestroy() {
    return new PlanOperation(providers, cloud.dataSources(), PlanRequest.destroy(state(), 4), EngineListener.NONE)
        .call();
  }

  public Plan planDestroy() {
    return plannedDestroy().plan();
  }

  /** {@code siteform destroy}: plan the destroy, then apply it. */
  public Applier.Result destroy() throws InterruptedException {
    Planned planned = plannedDestroy();
    return apply(planned.plan(), planned.base());
  }

  /** Applies {@code plan} (made earlier, perhaps saved) from the state as it is live now. */
  public Applier.Result apply(Plan plan) throws InterruptedException {
    return apply(plan, refresh().state());
  }

  public Applier.Result apply(Spec spec) throws InterruptedException {
    Planned planned = planned(spec);
    return apply(planned.plan(), planned.base());
  }

  private Applier.Result apply(Plan plan, State base) throws InterruptedException {
    return new ApplyOperation(providers, backend, plan, base, EngineListener.NONE, parallelism, false,
        () -> "token-" + tokens.incrementAndGet()).call().result();
  }
}
