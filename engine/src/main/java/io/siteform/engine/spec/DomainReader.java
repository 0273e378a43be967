package io.siteform.engine.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code domain:}: names, their hosted zone, the certificate and the alias record types. Checks
 * what Route53, ACM and CloudFront would otherwise reject halfway through an apply.
 */
final class DomainReader {
  static final List<String> KEYS = List.of("names", "hosted_zone", "certificate", "records", "redirect_from");
  private static final List<String> CERTIFICATE = List.of("validation", "arn");
  private static final List<String> RECORD_TYPES = List.of("A", "AAAA");

  Optional<DomainSpec> read(MapReader m) {
    if (m == null) return Optional.empty();
    String zone = zone(m);
    List<String> names = names(m, zone);
    Optional<String> arn = certificate(m);
    List<String> records = records(m);
    List<String> redirectFrom = redirectFrom(m, zone, names);
    if (zone == null || names == null || arn == null || records == null || redirectFrom == null) return null;
    return Optional.of(new DomainSpec(names, zone, arn, records, redirectFrom));
  }

  /**
   * Names answered with a 301 to the first of {@code names}: in the zone, no wildcard (the
   * function redirects exact host names), none of them a name the site serves.
   */
  private static List<String> redirectFrom(MapReader m, String zone, List<String> names) {
    if (!m.has("redirect_from")) return List.of();
    List<Node> items = m.list("redirect_from");
    if (items == null) return null;
    if (items.isEmpty()) {
      m.context().problems().at(m.node("redirect_from"), "domain.redirect_from: the list is empty; list the"
          + " names to send to the site, such as [example.com], or leave the key out");
      return null;
    }
    if (names != null && names.get(0).startsWith("*.")) {
      m.context().problems().at(m.node("redirect_from"), "domain.redirect_from: redirects go to the first of"
          + " domain.names, and '" + names.get(0) + "' is a wildcard; put the name visitors should see first");
      return null;
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String path = "domain.redirect_from[" + i + "]";
      Node n = items.get(i);
      String name = m.stringValue(n, path);
      if (name == null) {
        ok = false;
        continue;
      }
      String why = name.startsWith("*")
          ? "'" + name + "' is a wildcard; list each name to redirect (the function matches exact host names)"
          : problem(name, zone);
      if (why == null && names != null && names.contains(name)) {
        why = "'" + name + "' is also in domain.names; a name either serves the site or redirects to "
            + names.get(0) + ", so remove it from one of the lists";
      }
      if (why == null && out.contains(name)) why = "'" + name + "' is listed twice; remove one";
      if (why != null) {
        m.context().problems().at(n, path + ": " + why);
        ok = false;
      } else {
        out.add(name);
      }
    }
    return ok ? out : null;
  }

  private static String zone(MapReader m) {
    String zone = m.requiredString("hosted_zone", "hosted_zone: example.com");
    if (zone == null) return null;
    if (zone.endsWith(".")) zone = zone.substring(0, zone.length() - 1);
    Optional<String> bad = Names.dnsName(zone, false);
    bad.ifPresent(msg -> m.context().problems().at(m.node("hosted_zone"), "domain.hosted_zone: " + msg));
    return bad.isPresent() ? null : zone;
  }

  private static List<String> names(MapReader m, String zone) {
    if (!m.has("names")) {
      m.missing("names", "names: [www.example.com]");
      return null;
    }
    List<Node> items = m.list("names");
    if (items == null) return null;
    if (items.isEmpty()) {
      m.context().problems().at(m.node("names"), "domain.names: the list is empty; list the names"
          + " the site answers to, such as [www.example.com]");
      return null;
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String path = "domain.names[" + i + "]";
      Node n = items.get(i);
      String name = m.stringValue(n, path);
      String why = name == null ? "" : problem(name, zone);
      if (why != null) {
        if (!why.isEmpty()) m.context().problems().at(n, path + ": " + why);
        ok = false;
      } else if (!seen.add(name)) {
        m.context().problems().at(n, path + ": '" + name + "' is listed twice; remove one");
        ok = false;
      } else {
        out.add(name);
      }
    }
    return ok ? out : null;
  }

  private static String problem(String name, String zone) {
    Optional<String> bad = Names.dnsName(name, true);
    if (bad.isPresent()) return bad.get();
    if (zone != null && !name.equals(zone) && !name.endsWith("." + zone)) {
      return "'" + name + "' is not in the hosted zone " + zone + "; use a name that ends in "
          + zone + ", or set hosted_zone to the zone that holds it";
    }
    return null;
  }

  /** Empty for {@code validation: dns}, the ARN otherwise, null when reported. */
  private static Optional<String> certificate(MapReader m) {
    String both = "write `certificate: {validation: dns}` or"
        + " `certificate: {arn: arn:aws:acm:us-east-1:ACCOUNT_ID:certificate/ID}`";
    // Left out: DNS validation in the hosted zone, the seed's own procedure.
    if (!m.has("certificate")) return Optional.empty();
    MapReader c = m.map("certificate", CERTIFICATE);
    if (c == null) return null;
    if (c.broken()) return null;
    if (c.has("validation") == c.has("arn")) {
      m.context().problems().at(m.node("certificate"), "domain.certificate: "
          + (c.has("arn") ? "give either validation or arn, not both; " : "") + both);
      return null;
    }
    if (c.has("validation")) {
      String v = c.oneOf("validation", "dns", List.of("dns"));
      return v == null ? null : Optional.empty();
    }
    String arn = c.stringValue(c.node("arn"), "domain.certificate.arn");
    if (arn == null) return null;
    Optional<String> bad = Names.certificateArn(arn);
    bad.ifPresent(msg -> m.context().problems().at(c.node("arn"), "domain.certificate.arn: " + msg));
    return bad.isPresent() ? null : Optional.of(arn);
  }

  private static List<String> records(MapReader m) {
    if (!m.has("records")) return RECORD_TYPES;
    List<Node> items = m.list("records");
    if (items == null) return null;
    if (items.isEmpty()) {
      m.context().problems().at(m.node("records"), "domain.records: the list is empty; write"
          + " [A, AAAA], [A] or [AAAA], or leave the key out for [A, AAAA]");
      return null;
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String path = "domain.records[" + i + "]";
      String r = m.stringValue(items.get(i), path);
      if (r == null) {
        ok = false;
      } else if (!RECORD_TYPES.contains(r)) {
        m.context().problems().at(items.get(i), path + ": '" + r + "' is not one of A, AAAA"
            + " (CloudFront aliases are A and AAAA records)");
        ok = false;
      } else if (out.contains(r)) {
        m.context().problems().at(items.get(i), path + ": " + r + " is listed twice; remove one");
        ok = false;
      } else {
        out.add(r);
      }
    }
    return ok ? out : null;
  }
}
