package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import java.util.Optional;

/**
 * Everything the engine needs from one resource type. Implementations are stateless and
 * thread-safe: the walker calls them from several threads at once. Attributes going in are fully
 * resolved (no placeholders); attributes coming out are normalised to the same shape the
 * expander produces, so that a diff never sees AWS's spelling of a value.
 */
public interface Provider {

  /** The type, its attributes that force replacement and those AWS computes. */
  ResourceSchema schema();

  /** The live object, or empty if it no longer exists. */
  Optional<LiveResource> read(ReadRequest request);

  /** Creates the object; returns its id and attributes as read back. */
  LiveResource create(CreateRequest request);

  /** Brings the object to the desired attributes in place. */
  LiveResource update(UpdateRequest request);

  /** Deletes the object; a missing object is not an error. */
  void delete(DeleteRequest request);

  /**
   * An object that siteform did not create but that already holds the identity the {@code
   * desired} object would take — a DNS record of the same name and type — or empty. The planner
   * asks before every create, so a plan says "already exists: import it" instead of an apply
   * overwriting what someone else made. Types whose creates cannot collide keep the default.
   * Values not yet known (a name AWS will assign) are engine placeholders, not strings: a
   * provider that cannot tell the identity answers empty.
   */
  default Optional<LiveResource> occupant(Address address, String region, java.util.Map<String, Object> desired) {
    return Optional.empty();
  }

  /**
   * What deleting the recorded object would destroy that siteform cannot make again — "holds
   * 1,234 object versions" for a bucket — or empty. Apply refuses such deletes (and replacements)
   * unless the user passes {@code --force-delete-content}, and lists them in the prompt.
   */
  default Optional<String> contentAtRisk(String region, String id) {
    return Optional.empty();
  }

  /**
   * Finds an object made outside siteform by the id a user gives ({@code siteform import ADDR ID}).
   * The default reads it as if it were in state.
   */
  default Optional<LiveResource> importResource(ImportRequest request) {
    return read(new ReadRequest(request.address(), request.region(), request.id(), java.util.Map.of()));
  }
}
