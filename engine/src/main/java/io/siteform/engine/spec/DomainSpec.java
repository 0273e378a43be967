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
 * @param redirectFrom names that answer every request with a 301 to the first of {@code names}
 *     (same path and query): aliases of the distribution, on the certificate, with alias records
 */
public record DomainSpec(
    List<String> names, String hostedZone, Optional<String> certificateArn, List<String> records,
    List<String> redirectFrom) {
  public DomainSpec {
    names = List.copyOf(names);
    Objects.requireNonNull(hostedZone, "hostedZone");
    Objects.requireNonNull(certificateArn, "certificateArn");
    records = List.copyOf(records);
    redirectFrom = List.copyOf(redirectFrom);
  }

  /** Without redirecting names. */
  public DomainSpec(List<String> names, String hostedZone, Optional<String> certificateArn, List<String> records) {
    this(names, hostedZone, certificateArn, records, List.of());
  }

  /** The names the site serves, then those that redirect to the first: every alias, every certificate name. */
  public List<String> allNames() {
    List<String> all = new java.util.ArrayList<>(names);
    all.addAll(redirectFrom);
    return List.copyOf(all);
  }
}
