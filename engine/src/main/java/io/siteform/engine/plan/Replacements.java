package io.siteform.engine.plan;

import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.resource.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses, for each replacement, whether the new object is made before the old one goes
 * ({@code +/-}) or after ({@code -/+}).
 *
 * <p>Creating first is preferred: the site keeps serving, and every dependent moves to the new
 * object before the old one is deleted, so AWS never refuses a delete of something still in use
 * (an access control, a certificate) and a renamed bucket is emptied only once the distribution
 * reads from the new one. It is possible where the two objects can coexist: the schema says so,
 * or an attribute that names the object ({@link ResourceSchema#identity()}) changes to a value
 * known at plan time (a bucket of another name, the other kind of origin access). Otherwise (a
 * bucket moving region keeps its global name; a validation record whose name ACM has not told
 * yet; published content, which writes the same replicas whichever bucket it is in) the old
 * object goes first.
 *
 * <p>An old object lives until its dependents have let go of it, so a replacement that deletes
 * first forces every replacement that used it (directly, or through objects deleted with it) to
 * delete first too — Terraform's rule that create-before-destroy propagates to dependencies,
 * read the other way round. Without it the two orders make a cycle.
 */
final class Replacements {
  private Replacements() {}

  /** The order {@code schema} and the plan's values allow on their own. */
  static Action preferred(ResourceSchema schema, Set<String> replacePaths, Map<String, Object> after) {
    if (schema.createBeforeDestroy()) return Action.CREATE_THEN_DELETE;
    for (String k : replacePaths) {
      if (schema.identity().contains(k) && !Planner.containsRef(after.get(k))) return Action.CREATE_THEN_DELETE;
    }
    return Action.DELETE_THEN_CREATE;
  }

  /** {@code changes} with every replacement that used one deleting first deleting first too. */
  static List<ResourceChange> propagate(List<ResourceChange> changes) {
    Map<Address, ResourceChange> byAddress = new TreeMap<>();
    changes.forEach(c -> byAddress.put(c.address(), c));
    // Objects whose deletion must precede a delete-first replacement's create.
    Set<Address> early = new TreeSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (ResourceChange c : byAddress.values()) {
        if (!c.action().deletes() || early.contains(c.address())) continue;
        boolean usesEarly = ChangeOrder.priorDeps(c).stream().anyMatch(early::contains);
        if (c.action() == Action.DELETE_THEN_CREATE || usesEarly) {
          early.add(c.address());
          grew = true;
          if (c.action() == Action.CREATE_THEN_DELETE) byAddress.put(c.address(), deleteFirst(c));
        }
      }
    }
    return new ArrayList<>(byAddress.values());
  }

  private static ResourceChange deleteFirst(ResourceChange c) {
    return new ResourceChange(c.address(), Action.DELETE_THEN_CREATE, c.desired(), c.prior(), c.after(),
        c.unknownComputed(), c.replacePaths(), c.reason());
  }
}
