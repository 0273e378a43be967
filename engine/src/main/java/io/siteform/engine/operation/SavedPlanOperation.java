package io.siteform.engine.operation;

import io.siteform.engine.plan.DataReader;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.planfile.PlanFile;
import io.siteform.engine.provider.DataSources;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.DataSpec;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.error.PlanException;
import io.siteform.state.State;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens a saved plan for apply ({@code siteform apply FILE}) if it still describes this state,
 * spec and data, and refuses it with a clear message otherwise: another state's lineage, a state
 * that changed since (its serial), a spec or variables that changed (the expansion's digest), or
 * data sources that now read differently (the site's files, the hosted zone). The fingerprints
 * compare content with paths taken relative to the spec's folder, so a plan made in one checkout
 * applies in another checkout of the same commit.
 */
public final class SavedPlanOperation {
  private final PlanFile.Saved saved;
  private final String location;
  private final Optional<State> stored;
  private final String site;
  private final String specFile;
  private final List<ResourceSpec> desired;
  private final List<DataSpec> data;
  private final Supplier<DataSources> dataSources;

  /**
   * @param saved the plan as read from {@code location}
   * @param stored the stored state, checked to be this site's; empty when there is none yet
   * @param site this spec's site name, claimed by a state the plan makes from nothing
   * @param specFile the spec's file, for messages and the folder its paths are relative to
   * @param desired the spec's expansion now, and {@code data} the data sources it reads
   * @param dataSources asked for only once the checks that need no AWS have passed
   */
  public SavedPlanOperation(PlanFile.Saved saved, String location, Optional<State> stored, String site,
      String specFile, List<ResourceSpec> desired, List<DataSpec> data, Supplier<DataSources> dataSources) {
    this.saved = Objects.requireNonNull(saved, "saved");
    this.location = location;
    this.stored = stored;
    this.site = site;
    this.specFile = specFile;
    this.desired = List.copyOf(desired);
    this.data = List.copyOf(data);
    this.dataSources = dataSources;
  }

  public Planned call() {
    Plan plan = saved.plan();
    String remake = "; run `siteform plan --out " + location + "` again and review the new plan";
    State now = stored.orElse(null);
    if (now == null) {
      if (plan.stateSerial() != 0) {
        throw new PlanException(location + " was made from a state that no longer exists" + remake);
      }
    } else if (!now.lineage().equals(plan.lineage())) {
      throw new PlanException(location + " was made for another state (lineage "
          + plan.lineage() + ", this state's is " + now.lineage() + ")" + remake);
    }
    if (now != null && now.serial() != plan.stateSerial()) {
      throw new PlanException(location + " is stale: the state changed since it was made"
          + " (serial " + plan.stateSerial() + ", now " + now.serial() + ")" + remake);
    }
    PlanFile files = PlanFile.forSpec(specFile);
    String specDigest = files.specDigest(desired, data);
    if (!specDigest.equals(saved.specDigest())) {
      throw new PlanException(location + " is stale: " + specFile
          + " or its variables changed since it was made" + remake);
    }
    Map<Address, LiveResource> read = new DataReader(dataSources.get()).read(data);
    String dataDigest = files.dataDigest(read);
    if (!dataDigest.equals(saved.dataDigest())) {
      throw new PlanException(location + " is stale: what it read changed since it was made"
          + " (the site's files or the hosted zone)" + remake);
    }
    // No state yet: the plan's lineage becomes the new state's.
    State base = now != null ? now
        : new State(State.FORMAT_VERSION, 0, plan.lineage(), List.of()).withSite(site);
    return new Planned(plan, base, read);
  }
}
