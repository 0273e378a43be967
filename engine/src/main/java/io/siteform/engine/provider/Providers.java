package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The providers at hand, by type, and how their layer tells its cloud's answers from siteform's
 * bugs: a failure a provider let through unwrapped (an AWS SDK exception) is still the cloud's
 * answer, a user error; anything else that is not a {@link io.siteform.error.SiteformException}
 * is a bug in siteform.
 */
public final class Providers {
  /** The user error a failure of the provider layer is, or empty if it is none of its own (a bug). */
  @FunctionalInterface
  public interface Failures {
    Optional<ProviderException> of(Address address, Operation operation, RuntimeException failure);

    /** No failure is the cloud's: every unexpected exception is a bug. */
    Failures NONE = (address, operation, failure) -> Optional.empty();
  }

  private final Map<String, Provider> byType = new TreeMap<>();
  private final Failures failures;

  public Providers(Collection<? extends Provider> providers) {
    this(providers, Failures.NONE);
  }

  public Providers(Collection<? extends Provider> providers, Failures failures) {
    this.failures = Objects.requireNonNull(failures, "failures");
    for (Provider p : providers) {
      if (byType.put(p.schema().type(), p) != null) {
        throw new IllegalArgumentException("two providers for " + p.schema().type());
      }
    }
  }

  /** What {@code failure}, raised by a provider doing {@code operation} on {@code address}, is to the user, if theirs. */
  public Optional<ProviderException> userError(Address address, Operation operation, RuntimeException failure) {
    return failures.of(address, operation, failure);
  }

  /**
   * What {@code e}, raised by a provider doing {@code operation} on {@code address}, is: siteform's
   * own error as it is, the cloud's answer as the provider error the provider layer makes of it,
   * anything else a {@link io.siteform.error.SiteformBug} naming the resource and the call.
   */
  public RuntimeException failure(Address address, Operation operation, Throwable e) {
    if (e instanceof io.siteform.error.SiteformException se) return se;
    boolean bug = e instanceof io.siteform.error.SiteformBug;
    if (e instanceof RuntimeException re && !bug) {
      Optional<ProviderException> theirs = userError(address, operation, re);
      if (theirs.isPresent()) return theirs.get();
    }
    String message = e.getMessage() != null ? e.getMessage() : "(no message)";
    String what = bug ? "" : e.getClass().getSimpleName() + ": ";
    return new io.siteform.error.SiteformBug(address + " (" + operation.name().toLowerCase(java.util.Locale.ROOT)
        + "): " + what + message, e);
  }

  public Provider get(String type) {
    Provider p = byType.get(type);
    if (p == null) throw new IllegalArgumentException("no provider for resource type " + type);
    return p;
  }

  public boolean has(String type) {
    return byType.containsKey(type);
  }

  public ResourceSchema schema(String type) {
    return get(type).schema();
  }
}
