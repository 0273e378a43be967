package io.siteform.engine.apply;

import io.siteform.error.Operation;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.resource.Address;

/** One provider call of an apply: a vertex of the apply graph. */
public record Step(Operation operation, ResourceChange change) implements Comparable<Step> {
  public Step {
    if (!operation.applies()) throw new IllegalArgumentException("an apply never runs a " + operation.word());
  }

  public Address address() {
    return change.address();
  }

  @Override
  public int compareTo(Step o) {
    int c = address().compareTo(o.address());
    return c != 0 ? c : operation.compareTo(o.operation);
  }

  @Override
  public String toString() {
    return operation.word() + " " + address();
  }
}
