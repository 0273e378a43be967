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

  /**
   * Steps are the apply graph's vertices, hashed at every edge and turn of the walk: a hash over
   * the operation and the change's address and action ({@link ResourceChange#hashCode}), not over
   * the attributes, consistent with the record's {@code equals}.
   */
  @Override
  public int hashCode() {
    return 31 * operation.hashCode() + change.hashCode();
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
