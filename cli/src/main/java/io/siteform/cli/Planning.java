package io.siteform.cli;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.plan.ConflictFinder;
import io.siteform.engine.plan.DataReader;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.Refresher;
import io.siteform.engine.planfile.PlanFile;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.state.State;
import java.util.List;
import java.util.Map;

/** Refresh then plan, shared by plan, apply and destroy. */
final class Planning {
  private Planning() {}

  /**
   * A plan, the refreshed state it was made against, and the fingerprints a saved plan keeps.
   *
   * @param data what the data sources read (the site's files, the hosted zone)
   */
  record Planned(Plan plan, State refreshed, Map<Address, LiveResource> data) {
    String dataDigest() {
      return PlanFile.dataDigest(data);
    }
  }

  /** The fingerprint of the spec's expansion a saved plan keeps, and apply compares. */
  static String specDigest(Session session) {
    return PlanFile.specDigest(session.desired(), session.data());
  }

  static Planned plan(Session session, State recorded, boolean offline, boolean destroy,
      int parallelism, EngineListener listener) {
    return plan(session, recorded, offline, destroy, parallelism, listener, java.util.Set.of());
  }

  /** With {@code targets}, only those resources and what they depend on (--target). */
  static Planned plan(Session session, State recorded, boolean offline, boolean destroy,
      int parallelism, EngineListener listener, java.util.Set<Address> targets) {
    // Expanding before refreshing makes a spec error fail before any AWS call.
    List<ResourceSpec> desired = destroy ? List.of() : session.desired();
    if (!offline) session.clients().requireCredentials();
    Map<Address, LiveResource> data = Map.of();
    if (!destroy) {
      // Offline, only the local files are read; the hosted zone's id stays "(known after apply)".
      data = new DataReader(session.dataSources(), listener).read(session.data(), offline);
      desired = DataReader.fill(desired, data);
    }
    Refresher.Refreshed r = offline
        ? new Refresher.Refreshed(recorded, List.of())
        : session.refresher(parallelism, listener).refresh(recorded);
    if (destroy) r = r.keepingGone();
    Plan plan = destroy
        ? session.planner().planDestroy(r.state(), r.drift())
        : session.planner().plan(desired, r.state(), r.drift());
    if (!targets.isEmpty()) plan = plan.targeted(targets);
    if (!destroy && !offline) plan = new ConflictFinder(session.providers()).check(plan);
    return new Planned(plan, r.state(), data);
  }
}
