package io.siteform.engine.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code domain:} the custom names, their hosted zone, the certificate and the alias record types.
 *
 * @param certificateArn empty for {@code {validation: dns}} (siteform requests one), else the
 *     existing us-east-1 certificate to use
 * @param records "A" and/or "AAAA"
 */
public record DomainSpec(
    List<String> names, String hostedZone, Optional<String> certificateArn, List<String> records) {
  public DomainSpec {
    names = List.copyOf(names);
    Objects.requireNonNull(hostedZone, "hostedZone");
    Objects.requireNonNull(certificateArn, "certificateArn");
    records = List.copyOf(records);
  }
}
