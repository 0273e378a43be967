package io.siteform.engine.testing;

import io.siteform.engine.apply.Applier;
import io.siteform.engine.apply.StateRecorder;
import io.siteform.engine.event.EngineListener;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.Planner;
import io.siteform.engine.plan.Refresher;
import io.siteform.engine.provider.Providers;
import io.siteform.engine.resource.Expander;
import io.siteform.engine.spec.Spec;
import io.siteform.state.State;

/** Plan and apply specs against a {@link FakeCloud}, as the CLI does against AWS. */
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

  public Plan plan(Spec spec) {
    Refresher.Refreshed r = refresh();
    Expander x = new Expander();
    var desired = io.siteform.engine.plan.DataReader.fill(x.expand(spec),
        new io.siteform.engine.plan.DataReader(cloud.dataSources()).read(x.data(spec)));
    Plan plan = new Planner(providers::schema).plan(desired, r.state(), r.drift());
    return new io.siteform.engine.plan.ConflictFinder(providers).check(plan);
  }

  public Plan planDestroy() {
    Refresher.Refreshed r = refresh().keepingGone();
    return new Planner(providers::schema).planDestroy(r.state(), r.drift());
  }

  /** {@code siteform destroy}: the plan and the state it starts from keep the entries of objects already gone. */
  public Applier.Result destroy() throws InterruptedException {
    Refresher.Refreshed r = refresh().keepingGone();
    Plan plan = new Planner(providers::schema).planDestroy(r.state(), r.drift());
    return new Applier(providers, new StateRecorder(backend, r.state()), EngineListener.NONE, parallelism,
        () -> "token-" + tokens.incrementAndGet()).apply(plan);
  }

  public Applier.Result apply(Plan plan) throws InterruptedException {
    return new Applier(providers, new StateRecorder(backend, refresh().state()), EngineListener.NONE, parallelism,
        () -> "token-" + tokens.incrementAndGet()).apply(plan);
  }

  public Applier.Result apply(Spec spec) throws InterruptedException {
    return apply(plan(spec));
  }
}
