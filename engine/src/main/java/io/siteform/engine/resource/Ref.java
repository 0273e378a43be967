package io.siteform.engine.resource;

import java.util.Objects;

/**
 * A placeholder for an attribute of another resource, such as the replication role's ARN. The
 * planner resolves it from state when the producer is unchanged, shows it as {@code (known after
 * apply)} otherwise, and the walker resolves it when the producer completes.
 *
 * @param format how the value is written where it is used, {@code %s} standing for the value
 *     (an OAI id becomes {@code origin-access-identity/cloudfront/%s} in a distribution's origin)
 */
public record Ref(Address address, String attribute, String format) {
  public Ref {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(attribute, "attribute");
    if (!format.contains("%s")) throw new IllegalArgumentException("format needs %s: " + format);
  }

  public Ref(Address address, String attribute) {
    this(address, attribute, "%s");
  }

  /** The referenced value in the producer's recorded state ({@code id} is the object's id), or null. */
  public Object valueIn(io.siteform.state.ResourceState producer) {
    if (attribute.equals("id")) return producer.id().isEmpty() ? null : producer.id();
    return producer.attributes().get(attribute);
  }

  /** The value as written where it is used. */
  public Object render(Object value) {
    return format.equals("%s") ? value : format.replace("%s", String.valueOf(value));
  }

  @Override
  public String toString() {
    String ref = address + "." + attribute;
    return format.equals("%s") ? ref : format.replace("%s", "${" + ref + "}");
  }
}
