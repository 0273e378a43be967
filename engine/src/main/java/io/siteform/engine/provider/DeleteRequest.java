package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;
import io.siteform.state.Values;
import java.util.Map;

/**
 * Delete object {@code id}; {@code prior} is its last recorded attributes.
 *
 * @param forceDeleteContent whether the user allowed deleting what the object holds (a bucket's
 *     objects, every version and delete marker); without it such a delete fails and loses nothing
 */
public record DeleteRequest(
    Address address, String region, String id, Map<String, Object> prior, Progress progress,
    boolean forceDeleteContent) {
  public DeleteRequest {
    prior = Values.copyMap(prior);
  }

  public DeleteRequest(Address address, String region, String id, Map<String, Object> prior, Progress progress) {
    this(address, region, id, prior, progress, false);
  }
}
