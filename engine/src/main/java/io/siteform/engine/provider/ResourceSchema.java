package io.siteform.engine.provider;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 */
public record ResourceSchema(
    String type,
    Set<String> forceNew,
    Set<String> computed,
    boolean createBeforeDestroy,
    Optional<String> idempotencyToken,
    Set<String> notCompared,
    Set<String> identity) {
  public ResourceSchema {
    Objects.requireNonNull(type, "type");
    forceNew = Collections.unmodifiableSortedSet(new TreeSet<>(forceNew));
    computed = Collections.unmodifiableSortedSet(new TreeSet<>(computed));
    Objects.requireNonNull(idempotencyToken, "idempotencyToken");
    notCompared = Collections.unmodifiableSortedSet(new TreeSet<>(notCompared));
    identity = Collections.unmodifiableSortedSet(new TreeSet<>(identity));
    if (!forceNew.containsAll(identity)) throw new IllegalArgumentException(type + ": identity must be force-new");
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
}
