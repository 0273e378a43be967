package io.siteform.engine.operation;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.plan.ConflictFinder;
import io.siteform.engine.plan.DataReader;
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
    if (!destroy) {
      // Offline, only the local files are read; the hosted zone's id stays "(known after apply)".
      data = new DataReader(dataSources, listener).read(request.data(), offline);
      desired = DataReader.fill(desired, data);
    }
    Refresher.Refreshed r = offline
        ? new Refresher.Refreshed(request.recorded(), List.of())
        : new Refresher(providers, request.parallelism(), listener).refresh(request.recorded());
    if (destroy) r = r.keepingGone();
    Planner planner = new Planner(providers::schema);
    Plan plan = destroy ? planner.planDestroy(r.state(), r.drift()) : planner.plan(desired, r.state(), r.drift());
    if (!request.targets().isEmpty()) plan = plan.targeted(request.targets());
    if (!destroy && !offline) plan = new ConflictFinder(providers).check(plan);
    return new Planned(plan, r.state(), data);
  }
}
