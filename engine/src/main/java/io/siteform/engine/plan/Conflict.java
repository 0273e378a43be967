package io.siteform.engine.plan;

import io.siteform.engine.resource.Address;
import java.util.Objects;

/**
 * A planned create that would collide with an object siteform did not make, such as an alias
 * record of the same name someone created by hand. siteform never overwrites it: the plan names
 * it and apply refuses until the user imports or removes it.
 *
 * @param existingId the id of the object in the way, the one {@code siteform import} takes
 */
public record Conflict(Address address, String existingId) {
  public Conflict {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(existingId, "existingId");
  }

  /** What the user reads, with the command that adopts the object. */
  public String message() {
    return address + ": " + existingId + " already exists and siteform did not create it; adopt it with"
        + " `siteform import " + address + " " + existingId + "` or remove it, then plan again";
  }
}
