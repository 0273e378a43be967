package io.siteform.engine.resource;

import io.siteform.state.Values;
import java.util.Map;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One desired resource, as expanded from the spec.
 *
 * @param address where it lives in state and plans
 * @param region the AWS region its API calls go to ("us-east-1" for global services)
 * @param attributes the desired attributes; values may contain {@link Ref} placeholders
 * @param dependsOn resources that must be created or updated before this one
 * @param replacedWith resources whose replacement forces this one's replacement too (a bucket's
 *     sub-resources vanish with the bucket)
 */
public record ResourceSpec(
    Address address,
    String region,
    Map<String, Object> attributes,
    Set<Address> dependsOn,
    Set<Address> replacedWith) {

  public ResourceSpec {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(region, "region");
    attributes = Values.copyMap(attributes);
    dependsOn = Collections.unmodifiableSortedSet(new TreeSet<>(dependsOn));
    replacedWith = Collections.unmodifiableSortedSet(new TreeSet<>(replacedWith));
    if (!dependsOn.containsAll(replacedWith)) {
      throw new IllegalArgumentException(address + ": replacedWith must be among dependsOn");
    }
  }

  public ResourceSpec(Address address, String region, Map<String, Object> attributes, Set<Address> dependsOn) {
    this(address, region, attributes, dependsOn, Set.of());
  }

  public String type() {
    return address.type();
  }
}
