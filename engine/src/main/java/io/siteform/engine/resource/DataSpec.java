package io.siteform.engine.resource;

import io.siteform.state.Values;
import java.util.Map;
import java.util.Objects;

/**
 * An object siteform reads but does not manage (the hosted zone, a certificate the user made),
 * addressed as {@code data.TYPE.NAME}. Resources refer to it with {@link Ref#toData}.
 *
 * @param query what identifies the object to its data source
 */
public record DataSpec(Address address, String region, Map<String, Object> query) {
  public DataSpec {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(region, "region");
    query = Values.copyMap(query);
  }

  public String type() {
    return address.type();
  }

  @Override
  public String toString() {
    return "data." + address;
  }
}
