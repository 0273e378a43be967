package io.siteform.cli;

import io.siteform.engine.plan.ConflictFinder;
import io.siteform.engine.plan.DataReader;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.Refresher;
import io.siteform.state.State;
import java.util.List;

/** Refresh then plan, shared by plan, apply and destroy. */
final class Planning {
  private Planning() {}

  /** A plan and the refreshed state it was made against. */
  record Planned(Plan plan, State refreshed) {}

  static Planned plan(Session session, State recorded, boolean offline, boolean destroy,
      int parallelism, EngineListener listener) {
    // Expanding before refreshing makes a spec error fail before any AWS call.
    var desired = destroy ? List.<io.siteform.engine.resource.ResourceSpec>of() : session.desired();
    if (!destroy) {
      // Offline, only the local files are read; the hosted zone's id stays "(known after apply)".
      desired = DataReader.fill(desired, new DataReader(session.dataSources()).read(session.data(), offline));
    }
    Refresher.Refreshed r = offline
        ? new Refresher.Refreshed(recorded, List.of())
        : session.refresher(parallelism, listener).refresh(recorded);
    Plan plan = destroy
        ? session.planner().planDestroy(r.state(), r.drift())
        : session.planner().plan(desired, r.state(), r.drift());
    if (!destroy && !offline) plan = new ConflictFinder(session.providers()).check(plan);
    return new Planned(plan, r.state());
  }
}
