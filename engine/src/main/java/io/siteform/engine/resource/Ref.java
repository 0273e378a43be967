package io.siteform.engine.resource;

import io.siteform.state.ResourceState;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A placeholder for an attribute of another resource, such as the replication role's ARN. The
 * planner resolves it from state when the producer is unchanged, shows it as {@code (known after
 * apply)} otherwise, and the walker resolves it when the producer completes. A reference to a
 * data source ({@code data} true) is filled in before planning from what the data source read.
 *
 * @param path keys into the attribute's value, for a value nested in a map (the validation
 *     record of one name among a certificate's {@code validation} records)
 * @param format how the value is written where it is used, {@code %s} standing for the value
 *     (an OAI id becomes {@code origin-access-identity/cloudfront/%s} in a distribution's origin)
 * @param data whether {@code address} names a data source rather than a managed resource
 */
public record Ref(Address address, String attribute, List<String> path, String format, boolean data) {
  public Ref {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(attribute, "attribute");
    path = List.copyOf(path);
    if (!format.contains("%s")) throw new IllegalArgumentException("format needs %s: " + format);
  }

  public Ref(Address address, String attribute, String format) {
    this(address, attribute, List.of(), format, false);
  }

  public Ref(Address address, String attribute) {
    this(address, attribute, "%s");
  }

  /** A reference to attribute {@code attribute} of data source {@code address}. */
  public static Ref toData(Address address, String attribute) {
    return new Ref(address, attribute, List.of(), "%s", true);
  }

  /** This reference, reaching further into the value by {@code keys}. */
  public Ref at(String... keys) {
    List<String> p = new java.util.ArrayList<>(path);
    p.addAll(List.of(keys));
    return new Ref(address, attribute, p, format, data);
  }

  /** The referenced value in the producer's recorded state ({@code id} is the object's id), or null. */
  public Object valueIn(ResourceState producer) {
    return valueIn(producer.id(), producer.attributes());
  }

  /** The referenced value in an object with {@code id} and {@code attributes}, or null. */
  public Object valueIn(String id, Map<String, Object> attributes) {
    if (attribute.equals("id")) return id.isEmpty() ? null : id;
    return follow(attributes.get(attribute));
  }

  /** The referenced value within {@code value}, the producer's whole attribute, or null. */
  public Object follow(Object value) {
    Object v = value;
    for (String key : path) {
      if (!(v instanceof Map<?, ?> m)) return null;
      v = m.get(key);
    }
    return v;
  }

  /** The value as written where it is used. */
  public Object render(Object value) {
    return format.equals("%s") ? value : format.replace("%s", String.valueOf(value));
  }

  @Override
  public String toString() {
    StringBuilder ref = new StringBuilder(data ? "data." : "").append(address).append('.').append(attribute);
    for (String key : path) ref.append("[\"").append(key).append("\"]");
    return format.equals("%s") ? ref.toString() : format.replace("%s", "${" + ref + "}");
  }
}
