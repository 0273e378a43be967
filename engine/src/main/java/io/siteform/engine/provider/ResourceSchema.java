package io.siteform.engine.provider;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the planner must know of a type without calling AWS.
 *
 * @param type the address type, for example {@code s3_bucket}
 * @param forceNew attributes whose change replaces the object rather than updating it
 * @param computed attributes AWS assigns (an ARN, a domain name): {@code (known after apply)} on
 *     create, never diffed
 * @param createBeforeDestroy whether a replacement creates the new object before deleting the old
 *     (possible only where two can coexist, such as certificates; never for named buckets)
 * @param idempotencyToken the create attribute AWS de-duplicates creates by (CloudFront's
 *     CallerReference, ACM's IdempotencyToken), if the type has one. The walker makes the token
 *     and records it in state <em>before</em> the create call, and reuses it when an apply that
 *     died mid-call is run again, so AWS returns the object it already made instead of a second.
 * @param notCompared desired attributes handed to the provider but never diffed, because they
 *     may differ from one machine to the next without the object differing (the absolute path
 *     of the site's folder on a laptop and on a CI runner)
 * @param identity the force-new attributes that name the object, where AWS keeps one object per
 *     name: a replacement that changes one of them to a value known at plan time makes an object
 *     that can exist beside the old one (a bucket of another name, the other kind of origin
 *     access), so the planner creates it first. By default every force-new attribute; none for
 *     a type whose old and new objects share what they hold whatever their names
 * @param intent the desired attributes that name the object (a bucket's or role's name, a
 *     record's zone, name and type): the walker records them in state, as a create in flight,
 *     <em>before</em> the create call, beside the idempotency token if the type has one. A run
 *     killed between AWS's answer and the state write so leaves an entry that says what it was
 *     making, and the next apply's create finds its own object by that name (and the site's tag,
 *     or a record's exact values) instead of asking for an import
 * @param settled computed attribute values a live object holds once AWS has finished with it (a
 *     distribution's {@code status} {@code Deployed}). An object read otherwise (an apply was
 *     killed or stopped during the wait) is planned as an update, so the next apply resumes the
 *     wait instead of going on as if it were done
 * @param sets the paths of lists whose order does not matter (a distribution's aliases, a
 *     certificate's other names, a policy statement's resources): compared and shown as sets, so a
 *     reorder is no change. A path is an attribute, then {@code .key} into a map or {@code []}
 *     into every element of a list: {@code policy.Statement[].Resource}
 * @param summaries the map attributes a plan shows as counts rather than entry by entry (a
 *     site's files), and how
 * @param once desired attributes naming work one apply does (the objects the content's apply
 *     rewrites, which the invalidation covers): never compared with state, a change whenever
 *     they hold something, and shown as new each time
 * @param inFlight the computed attribute in which a provider records, part-way through an
 *     update, the work it has begun (the files a publish is uploading), if the type has one.
 *     While state holds it non-empty, an apply was interrupted in that update: what the refresh
 *     finds changed is that apply's work, not someone's drift, and the plan says so
 * @param claimed live list attributes whose entries are judged against a desired attribute:
 *     list attribute to the desired attribute (a list, or a map by its keys) whose entries it
 *     does not count. The objects in a bucket that the site does not have are to be deleted,
 *     but one the site is about to publish is not among them, whatever the state recorded
 */
public record ResourceSchema(
    String type,
    Set<String> forceNew,
    Set<String> computed,
    boolean createBeforeDestroy,
    Optional<String> idempotencyToken,
    Set<String> notCompared,
    Set<String> identity,
    Set<String> intent,
    Map<String, Object> settled,
    Set<String> sets,
    Map<String, Summary> summaries,
    Set<String> once,
    Optional<String> inFlight,
    Map<String, String> claimed) {
  public ResourceSchema {
    Objects.requireNonNull(type, "type");
    forceNew = Collections.unmodifiableSortedSet(new TreeSet<>(forceNew));
    computed = Collections.unmodifiableSortedSet(new TreeSet<>(computed));
    Objects.requireNonNull(idempotencyToken, "idempotencyToken");
    notCompared = Collections.unmodifiableSortedSet(new TreeSet<>(notCompared));
    identity = Collections.unmodifiableSortedSet(new TreeSet<>(identity));
    intent = Collections.unmodifiableSortedSet(new TreeSet<>(intent));
    settled = Map.copyOf(settled);
    sets = Collections.unmodifiableSortedSet(new TreeSet<>(sets));
    summaries = Collections.unmodifiableMap(new TreeMap<>(summaries));
    once = Collections.unmodifiableSortedSet(new TreeSet<>(once));
    Objects.requireNonNull(inFlight, "inFlight");
    claimed = Collections.unmodifiableMap(new TreeMap<>(claimed));
    if (inFlight.isPresent() && !computed.contains(inFlight.get())) {
      throw new IllegalArgumentException(type + ": in-flight must be computed");
    }
    if (!computed.containsAll(settled.keySet())) throw new IllegalArgumentException(type + ": settled must be computed");
    if (!forceNew.containsAll(identity)) throw new IllegalArgumentException(type + ": identity must be force-new");
  }

  public ResourceSchema(String type, Set<String> forceNew, Set<String> computed, boolean createBeforeDestroy,
      Optional<String> idempotencyToken, Set<String> notCompared, Set<String> identity) {
    this(type, forceNew, computed, createBeforeDestroy, idempotencyToken, notCompared, identity, Set.of(), Map.of(), Set.of(), Map.of(), Set.of(),
        Optional.empty(), Map.of());
  }

  public ResourceSchema(String type, Set<String> forceNew, Set<String> computed, boolean createBeforeDestroy,
      Optional<String> idempotencyToken, Set<String> notCompared) {
    this(type, forceNew, computed, createBeforeDestroy, idempotencyToken, notCompared, forceNew);
  }

  public ResourceSchema(String type, Set<String> forceNew, Set<String> computed, boolean createBeforeDestroy,
      Optional<String> idempotencyToken) {
    this(type, forceNew, computed, createBeforeDestroy, idempotencyToken, Set.of());
  }

  public ResourceSchema(String type, Set<String> forceNew, Set<String> computed, boolean createBeforeDestroy) {
    this(type, forceNew, computed, createBeforeDestroy, Optional.empty());
  }

  /** This schema, its creates recording {@code attributes} (the object's name) before the call. */
  public ResourceSchema withIntent(String... attributes) {
    return new ResourceSchema(type, forceNew, computed, createBeforeDestroy, idempotencyToken, notCompared,
        identity, Set.of(attributes), settled, sets, summaries, once, inFlight, claimed);
  }

  /** This schema, its objects settled once {@code attribute} reads {@code value}. */
  public ResourceSchema withSettled(String attribute, Object value) {
    return new ResourceSchema(type, forceNew, computed, createBeforeDestroy, idempotencyToken, notCompared,
        identity, intent, Map.of(attribute, value), sets, summaries, once, inFlight, claimed);
  }

  /** This schema, the lists at {@code paths} sets (see {@link #sets}). */
  public ResourceSchema withSets(String... paths) {
    Set<String> all = new TreeSet<>(sets);
    all.addAll(Set.of(paths));
    return new ResourceSchema(type, forceNew, computed, createBeforeDestroy, idempotencyToken, notCompared,
        identity, intent, settled, all, summaries, once, inFlight, claimed);
  }

  /** This schema, the plan showing {@code attribute} as {@code summary} says. */
  public ResourceSchema withSummary(String attribute, Summary summary) {
    Map<String, Summary> all = new TreeMap<>(summaries);
    all.put(attribute, summary);
    return new ResourceSchema(type, forceNew, computed, createBeforeDestroy, idempotencyToken, notCompared,
        identity, intent, settled, sets, all, once, inFlight, claimed);
  }

  /** This schema, {@code attributes} naming one apply's work (see {@link #once}). */
  public ResourceSchema withOnce(String... attributes) {
    return new ResourceSchema(type, forceNew, computed, createBeforeDestroy, idempotencyToken, notCompared,
        identity, intent, settled, sets, summaries, Set.of(attributes), inFlight, claimed);
  }

  /** This schema, {@code attribute} recording an update's work in flight (see {@link #inFlight}). */
  public ResourceSchema withInFlight(String attribute) {
    return new ResourceSchema(type, forceNew, computed, createBeforeDestroy, idempotencyToken, notCompared,
        identity, intent, settled, sets, summaries, once, Optional.of(attribute), claimed);
  }

  /** This schema, the live list {@code list} not counting what desired {@code by} names (see {@link #claimed}). */
  public ResourceSchema withClaimed(String list, String by) {
    Map<String, String> all = new TreeMap<>(claimed);
    all.put(list, by);
    return new ResourceSchema(type, forceNew, computed, createBeforeDestroy, idempotencyToken, notCompared,
        identity, intent, settled, sets, summaries, once, inFlight, all);
  }

  /**
   * {@code live} as a plan compares it with {@code desired}: each {@link #claimed} list without
   * the entries the desired attribute names. A desired value not known before apply claims nothing.
   */
  public Map<String, Object> judged(Map<String, Object> live, Map<String, Object> desired) {
    if (claimed.isEmpty()) return live;
    Map<String, Object> out = new java.util.LinkedHashMap<>(live);
    claimed.forEach((list, by) -> {
      Object names = desired.get(by);
      java.util.Collection<?> taken = names instanceof Map<?, ?> m ? m.keySet()
          : names instanceof java.util.Collection<?> c ? c : List.of();
      if (out.get(list) instanceof List<?> l && !taken.isEmpty()) {
        Set<String> t = new java.util.HashSet<>();
        taken.forEach(x -> t.add(String.valueOf(x)));
        out.put(list, l.stream().filter(x -> !t.contains(String.valueOf(x))).toList());
      }
    });
    return out;
  }

  /** The computed attributes a new object has once created: all but the {@link #inFlight} one, gone by then. */
  public Set<String> knownAfterApply() {
    if (inFlight.isEmpty()) return computed;
    Set<String> out = new TreeSet<>(computed);
    out.remove(inFlight.get());
    return Collections.unmodifiableSortedSet(new TreeSet<>(out));
  }

  /** Whether {@code recorded} (a state entry's attributes) says an update of it was interrupted part-way (see {@link #inFlight}). */
  public boolean interrupted(Map<String, Object> recorded) {
    Object work = inFlight.map(recorded::get).orElse(null);
    return work instanceof Map<?, ?> m ? !m.isEmpty() : work instanceof java.util.Collection<?> c && !c.isEmpty();
  }

  /** Whether {@code value} of a {@link #once} attribute asks for work: anything but null or empty. */
  public static boolean asksForWork(Object value) {
    if (value instanceof Map<?, ?> m) return !m.isEmpty();
    if (value instanceof java.util.Collection<?> c) return !c.isEmpty();
    return value != null;
  }

  /** Whether the list at {@code path} (as {@link #sets} spells it) is a set. */
  public boolean isSet(String path) {
    return sets.contains(path);
  }

  /** Whether {@code a} and {@code b}, values of {@code attribute}, are the same, sets compared as sets. */
  public boolean same(String attribute, Object a, Object b) {
    if (Objects.equals(a, b)) return true;
    if (sets.isEmpty()) return false;
    return Objects.equals(normalised(attribute, a), normalised(attribute, b));
  }

  /** {@code value} of {@code attribute} with every set in it sorted and without repeats: equal sets are equal. */
  public Object normalised(String attribute, Object value) {
    return SetValues.normalised(sets, attribute, value);
  }

  /** The first settled attribute {@code live} does not yet hold, if any (it must read one). */
  public Optional<String> unsettled(Map<String, Object> live) {
    return settled.entrySet().stream()
        .filter(e -> live.containsKey(e.getKey()) && !e.getValue().equals(live.get(e.getKey())))
        .map(Map.Entry::getKey).sorted().findFirst();
  }

  /** Whether a create of this type is recorded in state before AWS is called. */
  public boolean recordsIntent() {
    return idempotencyToken.isPresent() || !intent.isEmpty();
  }
}
