package io.siteform.engine.resource;

import io.siteform.engine.spec.DomainSpec;
import io.siteform.engine.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The seed's custom-domain half: the hosted zone (a data source), a DNS-validated certificate in
 * us-east-1 with one validation record per distinct name, the wait for ISSUED, and the alias
 * records that point the names at the distribution. The number of validation records is known
 * from the names, so a plan lists each one and only their names and values wait for the
 * certificate request — no "for_each value depends on resource attributes" here.
 */
final class DomainResources {
  static final Address ZONE = new Address("route53_zone", "site");
  static final Address CERTIFICATE = new Address("acm_certificate", "site");
  static final Address EXISTING_CERTIFICATE = new Address("acm_certificate", "existing");
  static final Address VALIDATION = new Address("acm_certificate_validation", "site");
  /** The hosted zone id every CloudFront alias target lives in (Route53 AliasTarget docs). */
  static final String CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";
  /** ACM issues CloudFront's certificates only in us-east-1. */
  static final String CERTIFICATE_REGION = "us-east-1";
  static final long VALIDATION_TTL = 300;

  private DomainResources() {}

  static List<DataSpec> data(Spec spec) {
    if (spec.domain().isEmpty()) return List.of();
    DomainSpec d = spec.domain().get();
    List<DataSpec> out = new ArrayList<>();
    out.add(new DataSpec(ZONE, Expander.GLOBAL_REGION, Map.of("name", d.hostedZone())));
    d.certificateArn().ifPresent(arn -> out.add(
        new DataSpec(EXISTING_CERTIFICATE, CERTIFICATE_REGION, Map.of("arn", arn, "names", d.allNames()))));
    return out;
  }

  static List<ResourceSpec> expand(Spec spec, Map<String, String> tags) {
    if (spec.domain().isEmpty()) return List.of();
    DomainSpec d = spec.domain().get();
    List<ResourceSpec> out = new ArrayList<>();
    if (d.certificateArn().isEmpty()) {
      out.add(certificate(d, tags));
      Set<Address> records = new TreeSet<>();
      for (Map.Entry<String, String> e : validationNames(d.allNames()).entrySet()) {
        ResourceSpec r = validationRecord(e.getKey(), e.getValue());
        records.add(r.address());
        out.add(r);
      }
      Set<Address> deps = new TreeSet<>(records);
      deps.add(CERTIFICATE);
      out.add(new ResourceSpec(VALIDATION, CERTIFICATE_REGION,
          Map.of("certificate_arn", new Ref(CERTIFICATE, "arn")), deps));
    }
    for (String name : d.allNames()) {
      for (String type : d.records()) out.add(aliasRecord(name, type));
    }
    return out;
  }

  /**
   * The distribution's viewer certificate and what the distribution must wait for: the
   * validated certificate siteform requests, or the user's own.
   */
  static Optional<Map<String, Object>> viewerCertificate(Spec spec) {
    return spec.domain().map(d -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("acm_certificate_arn", d.certificateArn().<Object>map(arn -> arn).orElse(new Ref(CERTIFICATE, "arn")));
      v.put("ssl_support_method", "sni-only");
      v.put("minimum_protocol_version", "TLSv1.2_2021");
      return v;
    });
  }

  static Set<Address> distributionDependencies(Spec spec) {
    return spec.domain().filter(d -> d.certificateArn().isEmpty())
        .map(d -> Set.of(CERTIFICATE, VALIDATION)).orElse(Set.of());
  }

  private static ResourceSpec certificate(DomainSpec d, Map<String, String> tags) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("domain_name", d.names().get(0));
    // The names that redirect are on the certificate too: CloudFront serves them over HTTPS before the 301.
    attrs.put("subject_alternative_names", d.allNames().subList(1, d.allNames().size()));
    attrs.put("validation_method", "DNS");
    attrs.put("key_algorithm", "RSA_2048");
    attrs.put("tags", tags);
    return new ResourceSpec(CERTIFICATE, CERTIFICATE_REGION, attrs, Set.of());
  }

  /**
   * One validation record per distinct name, keyed by the name whose record it is. ACM gives
   * {@code example.com} and {@code *.example.com} the same record, so they share one.
   */
  static Map<String, String> validationNames(List<String> names) {
    Map<String, String> byBase = new LinkedHashMap<>();
    for (String n : names) byBase.putIfAbsent(n.startsWith("*.") ? n.substring(2) : n, n);
    Map<String, String> out = new LinkedHashMap<>();
    byBase.forEach((base, name) -> out.put(name, "validation_" + slug(base)));
    return out;
  }

  private static ResourceSpec validationRecord(String domainName, String addressName) {
    Ref record = new Ref(CERTIFICATE, "validation").at(domainName);
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("zone_id", Ref.toData(ZONE, "zone_id"));
    attrs.put("name", record.at("name"));
    attrs.put("type", "CNAME");
    attrs.put("ttl", VALIDATION_TTL);
    attrs.put("records", List.of(record.at("value")));
    return new ResourceSpec(new Address("route53_record", addressName), Expander.GLOBAL_REGION, attrs, Set.of(CERTIFICATE));
  }

  private static ResourceSpec aliasRecord(String name, String type) {
    Map<String, Object> alias = new LinkedHashMap<>();
    alias.put("dns_name", new Ref(CdnResources.DISTRIBUTION, "domain_name"));
    alias.put("hosted_zone_id", CLOUDFRONT_ZONE_ID);
    alias.put("evaluate_target_health", false);
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("zone_id", Ref.toData(ZONE, "zone_id"));
    attrs.put("name", name.toLowerCase(Locale.ROOT));
    attrs.put("type", type);
    attrs.put("alias", alias);
    return new ResourceSpec(aliasRecordAddress(name, type), Expander.GLOBAL_REGION, attrs, Set.of(CdnResources.DISTRIBUTION));
  }

  static Address aliasRecordAddress(String name, String type) {
    return new Address("route53_record", type.toLowerCase(Locale.ROOT) + "_" + slug(name));
  }

  /** {@code www_example_com} for {@code www.example.com}, {@code wildcard_example_com} for {@code *.example.com}. */
  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replace("*", "wildcard").replace('.', '_').replace('-', '_');
  }
}
