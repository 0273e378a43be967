package io.siteform.engine.operation;

import io.siteform.engine.plan.Plan;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.state.State;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A plan and what applying it starts from.
 *
 * @param plan the changes (with the drift found and any conflicts)
 * @param base the state the apply starts from: the refreshed state, or for a saved plan the
 *     stored one it was made against
 * @param data what the data sources read (the site's files, the hosted zone); a saved plan keeps
 *     its fingerprint ({@link io.siteform.engine.planfile.PlanFile#dataDigest})
 */
public record Planned(Plan plan, State base, Map<Address, LiveResource> data) {
  public Planned {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(base, "base");
    data = java.util.Collections.unmodifiableMap(new TreeMap<>(data));
  }
}
