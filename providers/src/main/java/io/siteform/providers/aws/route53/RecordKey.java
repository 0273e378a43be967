package io.siteform.providers.aws.route53;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.DnsNames;
import java.util.Map;
import java.util.Set;

/**
 * What identifies a record in Route53: zone, name and type. Its id is Terraform's {@code
 * ZONEID_NAME_TYPE} (www.example.com's A record in Z123: {@code Z123_www.example.com_A}); names
 * may hold underscores (validation CNAMEs do), zone ids and types never do.
 *
 * @param zoneId without "/hostedzone/"
 * @param name in {@link DnsNames#normal} form
 */
record RecordKey(String zoneId, String name, String type) {
  static final Set<String> TYPES = Set.of("A", "AAAA", "CNAME");

  /** Parses an id; a malformed one is a {@link ProviderException} showing the form. */
  static RecordKey parse(Address address, Operation operation, String id) {
    int first = id.indexOf('_');
    int last = id.lastIndexOf('_');
    if (first <= 0 || last <= first + 1 || last == id.length() - 1) {
      throw new ProviderException(address.toString(), operation, "'" + id + "' is not a route53_record id:"
          + " write ZONEID_NAME_TYPE, for example Z0123456789ABC_www.example.com_A");
    }
    return new RecordKey(zone(id.substring(0, first)), DnsNames.normal(id.substring(first + 1, last)),
        id.substring(last + 1).toUpperCase(java.util.Locale.ROOT));
  }

  /** The key of the record {@code desired} describes, or a {@link ProviderException} saying what is wrong. */
  static RecordKey of(Address address, Operation operation, Map<String, Object> desired) {
    Object zone = desired.get("zone_id");
    Object name = desired.get("name");
    Object type = desired.get("type");
    if (!(zone instanceof String z) || z.isBlank() || !(name instanceof String n) || n.isBlank()
        || !(type instanceof String t) || !TYPES.contains(t)) {
      throw new ProviderException(address.toString(), operation, "a route53_record needs zone_id, name and type"
          + " (A, AAAA or CNAME); got zone_id=" + zone + ", name=" + name + ", type=" + type);
    }
    return new RecordKey(zone(z), DnsNames.normal(n), t);
  }

  static String zone(String id) {
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  String id() {
    return zoneId + "_" + name + "_" + type;
  }

  @Override
  public String toString() {
    return "a " + type + " record for " + name + " in zone " + zoneId;
  }
}
