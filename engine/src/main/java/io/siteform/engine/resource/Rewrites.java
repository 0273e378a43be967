package io.siteform.engine.resource;

import java.util.Objects;

/**
 * A placeholder for what another resource's apply rewrites: the keys of its map attribute (a
 * site's files) that its planned change writes or removes, from its own diff of the live object
 * against the desired one. The planner fills it in, as a map of each key to {@code "written"} or
 * {@code "deleted"}, before it plans the resource holding it, so it never reaches apply; the
 * invalidation so covers an object the content's apply restores after someone changed or
 * deleted it in the bucket, not only the files changed locally.
 */
public record Rewrites(Address address, String attribute) {
  public static final String WRITTEN = "written";
  public static final String DELETED = "deleted";

  public Rewrites {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(attribute, "attribute");
  }

  @Override
  public String toString() {
    return "rewrites of " + address + "." + attribute;
  }
}
