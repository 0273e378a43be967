package io.siteform.engine.resource;

import java.util.Objects;

/**
 * A placeholder for an attribute of another resource, such as the replication role's ARN. The
 * planner resolves it from state when the producer is unchanged, shows it as {@code (known after
 * apply)} otherwise, and the walker resolves it when the producer completes.
 */
public record Ref(Address address, String attribute) {
  public Ref {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(attribute, "attribute");
  }

  @Override
  public String toString() {
    return address + "." + attribute;
  }
}
