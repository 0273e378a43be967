package io.siteform.engine.plan;

import io.siteform.engine.provider.Providers;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks each provider, for every object the plan creates from nothing, whether something made
 * outside siteform already holds its identity (see {@code Provider.occupant}). The only part of
 * planning that calls AWS after the refresh; an offline plan skips it.
 */
public final class ConflictFinder {
  private final Providers providers;

  public ConflictFinder(Providers providers) {
    this.providers = providers;
  }

  public Plan check(Plan plan) {
    List<Conflict> found = new ArrayList<>();
    for (ResourceChange c : plan.changes()) {
      // A replacement's old object is ours; only a fresh create can collide.
      if (c.action() != Action.CREATE) continue;
      providers.get(c.address().type())
          .occupant(c.address(), c.region(), c.after())
          .ifPresent(live -> found.add(new Conflict(c.address(), live.id())));
    }
    return found.isEmpty() ? plan : plan.withConflicts(found);
  }
}
