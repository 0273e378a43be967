package io.siteform.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource as last recorded: its address ({@code TYPE.NAME}), type, region, the id AWS knows
 * it by, its attributes (JSON-like values: String, Long, Boolean, List, Map) and the addresses it
 * depended on when it was applied (so destroy can order it without the spec).
 *
 * <p>A create in flight is recorded too, before AWS is called: {@link Status#CREATING}, no id
 * yet (an empty string), and attributes holding what identifies the object AWS may have made (its
 * idempotency token, or its name). The next apply resumes that create with the same token, so AWS
 * returns the object it already made instead of making a second.
 */
public record ResourceState(
    String address,
    String type,
    String region,
    String id,
    Status status,
    Map<String, Object> attributes,
    List<String> dependencies) {

  /** Whether AWS has confirmed the object. */
  public enum Status {
    /** AWS returned the object's id. */
    CREATED,
    /** A create was started; AWS has not answered with an id (yet, or ever). */
    CREATING
  }

  public ResourceState {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    if (status == Status.CREATING) {
      if (id != null && !id.isEmpty()) {
        throw new IllegalArgumentException(address + ": a create in flight has no id yet, not " + id);
      }
      id = "";
    } else if (id == null || id.isEmpty()) {
      // The reader refuses such an entry, so it must never be written.
      throw new IllegalArgumentException(address + ": a created object needs its id");
    }
    attributes = Values.copyMap(attributes);
    dependencies = List.copyOf(dependencies);
  }

  /** An object AWS confirmed, with its id. */
  public ResourceState(String address, String type, String region, String id, Map<String, Object> attributes,
      List<String> dependencies) {
    this(address, type, region, id, Status.CREATED, attributes, dependencies);
  }

  /** A create about to be sent to AWS: {@code identity} holds its idempotency token or name. */
  public static ResourceState creating(String address, String type, String region, Map<String, Object> identity,
      List<String> dependencies) {
    return new ResourceState(address, type, region, "", Status.CREATING, identity, dependencies);
  }

  /** This entry with {@code attributes} instead of its own (itself when they are its own map). */
  public ResourceState withAttributes(Map<String, Object> attributes) {
    if (attributes == this.attributes) return this;
    return new ResourceState(address, type, region, id, status, attributes, dependencies);
  }

  /** Whether this is a create in flight, with no id yet. */
  public boolean isCreating() {
    return status == Status.CREATING;
  }
}
