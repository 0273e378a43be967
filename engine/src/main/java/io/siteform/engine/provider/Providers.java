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
