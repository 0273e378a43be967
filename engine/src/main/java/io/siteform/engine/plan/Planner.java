package io.siteform.engine.plan;

import io.siteform.engine.graph.ResourceGraph;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.Ref;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.engine.resource.Rewrites;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Diffs desired resources against (refreshed) state. Pure: no I/O, the same inputs give the same
 * plan. Only attributes the spec sets are compared, so values AWS adds never show as changes;
 * computed attributes are {@code (known after apply)} on create and kept from state otherwise.
 */
public final class Planner {
  private final Function<String, ResourceSchema> schemas;

  public Planner(Function<String, ResourceSchema> schemas) {
    this.schemas = schemas;
  }

  public Plan plan(List<ResourceSpec> desired, State current, List<Drift> drift) {
    ResourceGraph graph = new ResourceGraph(desired);
    Map<Address, ResourceChange> planned = new HashMap<>();
    for (Address a : graph.topologicalOrder()) {
      planned.put(a, planOne(graph.get(a), current, planned));
    }
    List<ResourceChange> changes = new ArrayList<>(planned.values());
    for (ResourceState r : current.resources()) {
      Address a = Address.parse(r.address());
      if (!planned.containsKey(a)) changes.add(deletion(r, "it is no longer in the spec"));
    }
    changes = Replacements.propagate(changes);
    // A plan that cannot be ordered is refused now, never found out by apply.
    ChangeOrder.of(changes);
    return new Plan(judged(drift, planned), changes, current.serial(), current.lineage(), false);
  }

  /**
   * The drift as the plan judges it: none for a resource an interrupted apply was changing (what
   * differs is that apply's work), and each claimed list without what the desired spec claims (an
   * object the site is about to publish has not drifted into the bucket).
   */
  private List<Drift> judged(List<Drift> drift, Map<Address, ResourceChange> planned) {
    List<Drift> out = new ArrayList<>();
    for (Drift d : drift) {
      ResourceSchema schema = schemas.apply(d.recorded().type());
      ResourceChange change = planned.get(d.address());
      if (d.action() != Action.UPDATE || change == null) {
        out.add(d);
        continue;
      }
      if (schema.interrupted(d.recorded().attributes())) continue;
      Map<String, Object> was = schema.judged(d.recorded().attributes(), change.after());
      Map<String, Object> now = schema.judged(d.live().orElseThrow().attributes(), change.after());
      Set<String> changed = new TreeSet<>();
      for (String k : d.changedPaths()) if (!schema.same(k, was.get(k), now.get(k))) changed.add(k);
      if (changed.isEmpty()) continue;
      out.add(new Drift(d.address(), d.action(), d.recorded().withAttributes(was),
          Optional.of(d.live().orElseThrow().withAttributes(now)), changed));
    }
    return out;
  }

  /**
   * Everything in state goes. An entry whose object the refresh found gone (see {@link
   * Refresher.Refreshed#keepingGone}) is planned as a delete too, so applying removes the entry.
   */
  public Plan planDestroy(State current, List<Drift> drift) {
    Set<String> gone = new java.util.HashSet<>();
    for (Drift d : drift) if (d.action() == Action.DELETE) gone.add(d.address().toString());
    List<ResourceChange> changes = new ArrayList<>();
    for (ResourceState r : current.resources()) {
      changes.add(deletion(r, gone.contains(r.address()) ? "it is already gone: only its entry in state is removed" : null));
    }
    ChangeOrder.of(changes);
    return new Plan(drift, changes, current.serial(), current.lineage(), true);
  }

  private static ResourceChange deletion(ResourceState r, String reason) {
    return new ResourceChange(
        Address.parse(r.address()), Action.DELETE, Optional.empty(), Optional.of(r),
        Map.of(), Set.of(), Set.of(), Optional.ofNullable(reason));
  }

  private ResourceChange planOne(ResourceSpec given, State current, Map<Address, ResourceChange> planned) {
    ResourceSchema schema = schemas.apply(given.type());
    ResourceSpec spec = fillRewrites(given, planned);
    Map<String, Object> after = resolve(spec.attributes(), current, planned);
    Optional<ResourceState> entry = current.find(spec.address().toString());
    // A create in flight (one that never confirmed) is created again, with its recorded token, so
    // AWS answers with the object it made, if it made one.
    Optional<ResourceState> prior = entry.filter(r -> !r.isCreating());
    if (prior.isEmpty()) {
      Optional<String> resuming = entry.map(r -> resumeNote(r, schema));
      return new ResourceChange(spec.address(), Action.CREATE, Optional.of(spec), Optional.empty(),
          after, schema.knownAfterApply(), Set.of(), resuming);
    }
    // An object the site is about to publish is not a stray: each claimed list judged against the desired.
    ResourceState live = prior.get().withAttributes(schema.judged(prior.get().attributes(), after));
    prior = Optional.of(live);
    // A data source not read (an offline plan) is taken as unchanged, like the state is: its
    // values stay as recorded rather than turning every record into "(known after apply)".
    for (Map.Entry<String, Object> e : new ArrayList<>(after.entrySet())) {
      Object recorded = live.attributes().get(e.getKey());
      if (recorded != null && onlyDataRefs(e.getValue())) after.put(e.getKey(), recorded);
    }
    Set<String> changed = new TreeSet<>();
    for (Map.Entry<String, Object> e : after.entrySet()) {
      if (schema.notCompared().contains(e.getKey())) continue;
      if (schema.once().contains(e.getKey())) {
        if (ResourceSchema.asksForWork(e.getValue())) changed.add(e.getKey());
        continue;
      }
      // A list whose order does not matter (aliases, a certificate's names) is compared as a set.
      if (containsRef(e.getValue()) || !schema.same(e.getKey(), e.getValue(), live.attributes().get(e.getKey()))) {
        changed.add(e.getKey());
      }
    }
    Set<String> replacePaths = new TreeSet<>();
    for (String k : changed) if (schema.forceNew().contains(k)) replacePaths.add(k);
    if (!spec.region().equals(live.region())) replacePaths.add("region");
    String reason = null;
    for (Address parent : spec.replacedWith()) {
      ResourceChange p = planned.get(parent);
      if (p != null && p.action().isReplace()) {
        reason = "it is part of " + parent + ", which is replaced";
      }
    }
    Action action;
    if (!replacePaths.isEmpty() || reason != null) {
      action = Replacements.preferred(schema, replacePaths, after);
    } else {
      action = changed.isEmpty() ? Action.NO_OP : Action.UPDATE;
      Optional<String> unsettled = schema.unsettled(live.attributes());
      if (unsettled.isPresent()) {
        // An apply stopped waiting for it (killed, interrupted, timed out): this one waits again.
        String k = unsettled.get();
        if (action == Action.NO_OP) action = Action.UPDATE;
        reason = "AWS has not finished with it: " + k + " is " + live.attributes().get(k) + ", not "
            + schema.settled().get(k) + "; apply waits for it";
      }
    }
    if (reason == null && !action.isReplace() && schema.interrupted(live.attributes())) {
      // Its apply ends even when all it was writing is there: it records what it did, and the release.
      if (action == Action.NO_OP) action = Action.UPDATE;
      reason = INTERRUPTED;
    }
    Set<String> unknownComputed = action.isReplace() ? schema.knownAfterApply() : Set.of();
    if (!action.isReplace()) {
      // The object stays: what AWS assigned (and the create token) keeps its recorded value. Any
      // other recorded attribute the spec no longer sets is going away, and the plan says so.
      Map<String, Object> kept = new LinkedHashMap<>(after);
      live.attributes().forEach((k, v) -> {
        if (schema.computed().contains(k) || schema.idempotencyToken().filter(k::equals).isPresent()) {
          kept.putIfAbsent(k, v);
        }
      });
      after = kept;
    }
    return new ResourceChange(spec.address(), action, Optional.of(spec), prior, after,
        unknownComputed, replacePaths, Optional.ofNullable(reason));
  }

  /**
   * {@code spec} with each {@link Rewrites} placeholder filled in from its producer's planned
   * change, which is planned first (the holder depends on it): every key the producer's apply
   * writes or deletes. Filled in the desired spec itself, so apply gets what the plan showed.
   */
  private static ResourceSpec fillRewrites(ResourceSpec spec, Map<Address, ResourceChange> planned) {
    if (spec.attributes().values().stream().noneMatch(Rewrites.class::isInstance)) return spec;
    Map<String, Object> attrs = new LinkedHashMap<>();
    spec.attributes().forEach((k, v) -> attrs.put(k, v instanceof Rewrites r ? rewrites(r, planned.get(r.address())) : v));
    return new ResourceSpec(spec.address(), spec.region(), attrs, spec.dependsOn(), spec.replacedWith());
  }

  private static Map<String, Object> rewrites(Rewrites r, ResourceChange producer) {
    Map<String, Object> out = new java.util.TreeMap<>();
    if (producer == null || producer.action() == Action.NO_OP || producer.action() == Action.DELETE) return out;
    // A new object is written whole; an updated one where the live object differs from the desired.
    Map<?, ?> before = producer.action().creates() ? Map.of()
        : producer.prior().map(p -> p.attributes().get(r.attribute())).filter(Map.class::isInstance)
            .map(Map.class::cast).orElse(Map.of());
    Object a = producer.after().get(r.attribute());
    Map<?, ?> after = a instanceof Map<?, ?> m ? m : Map.of();
    after.forEach((k, v) -> {
      if (!Objects.equals(v, before.get(k))) out.put(String.valueOf(k), Rewrites.WRITTEN);
    });
    before.keySet().forEach(k -> {
      if (!after.containsKey(k)) out.put(String.valueOf(k), Rewrites.DELETED);
    });
    return out;
  }

  /** The reason of a create that resumes one in flight: "resuming an interrupted create, token X". */
  static String resumeNote(ResourceState creating, ResourceSchema schema) {
    Object token = schema.idempotencyToken().map(creating.attributes()::get).orElse(null);
    if (token != null) return RESUMING + ", token " + token;
    // A named object: the provider finds the one it made by its name (and the site's tag).
    String named = schema.intent().stream().filter(creating.attributes()::containsKey)
        .map(k -> k + " " + creating.attributes().get(k)).reduce((a, b) -> a + ", " + b).orElse(null);
    return RESUMING + (named != null ? ", " + named : "");
  }

  /** The reason of a change to an object an interrupted apply was changing (see {@link ResourceSchema#inFlight}). */
  static final String INTERRUPTED = "an earlier apply was interrupted while it changed this: the plan starts from what AWS"
      + " holds now";

  /** How a create that resumes one in flight starts its reason; renderers show it as a note. */
  private static final String RESUMING = "resuming an interrupted create";

  /**
   * Fills each placeholder whose producer keeps its current object; the rest stay placeholders,
   * shown as {@code (known after apply)} and resolved by the walker.
   */
  private static Map<String, Object> resolve(
      Map<String, Object> attrs, State current, Map<Address, ResourceChange> planned) {
    Map<String, Object> out = new LinkedHashMap<>();
    attrs.forEach((k, v) -> out.put(k, resolveValue(v, current, planned)));
    return out;
  }

  private static Object resolveValue(Object v, State current, Map<Address, ResourceChange> planned) {
    if (v instanceof Ref ref) {
      // A data reference still here was not read (an offline plan): known after apply.
      ResourceChange producer = ref.data() ? null : planned.get(ref.address());
      if (producer == null) return ref;
      Object desiredValue = ref.follow(producer.after().get(ref.attribute()));
      if (desiredValue != null && !containsRef(desiredValue)) return ref.render(desiredValue);
      if (producer.action().creates()) return ref;
      Object known = current.find(ref.address().toString())
          .map(ref::valueIn)
          .orElse(null);
      return known != null ? ref.render(known) : ref;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), resolveValue(x, current, planned)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object x : l) out.add(resolveValue(x, current, planned));
      return out;
    }
    return v;
  }

  /** Whether every placeholder in {@code v} is an unread data source, and there is one. */
  private static boolean onlyDataRefs(Object v) {
    return containsRef(v) && !containsResourceRef(v);
  }

  private static boolean containsResourceRef(Object v) {
    if (v instanceof Ref r) return !r.data();
    if (v instanceof Map<?, ?> m) return m.values().stream().anyMatch(Planner::containsResourceRef);
    if (v instanceof List<?> l) return l.stream().anyMatch(Planner::containsResourceRef);
    return false;
  }

  /** Whether {@code v} holds a value known only after apply. */
  public static boolean containsRef(Object v) {
    if (v instanceof Ref) return true;
    if (v instanceof Map<?, ?> m) return m.values().stream().anyMatch(Planner::containsRef);
    if (v instanceof List<?> l) return l.stream().anyMatch(Planner::containsRef);
    return false;
  }
}
