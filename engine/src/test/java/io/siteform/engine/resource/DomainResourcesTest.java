package io.siteform.engine.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The custom-domain half of the expansion: certificate, validation records, alias records. */
class DomainResourcesTest {
  private static final String ARN = "arn:aws:acm:us-east-1:123456789012:certificate/abc";

  private static List<ResourceSpec> expand(List<String> names) {
    return new Expander().expand(Fixtures.withDomain(names));
  }

  private static ResourceSpec at(List<ResourceSpec> rs, String address) {
    return rs.stream().filter(r -> r.address().toString().equals(address)).findFirst().orElseThrow();
  }

  @Test
  void oneValidationRecordPerDistinctNameAndOneAliasRecordPerNameAndType() {
    List<ResourceSpec> rs = expand(List.of("www.example.com", "example.com", "*.example.com"));
    assertThat(rs).extracting(r -> r.address().toString()).contains(
        "acm_certificate.site", "acm_certificate_validation.site",
        "route53_record.validation_www_example_com", "route53_record.validation_example_com",
        "route53_record.a_www_example_com", "route53_record.aaaa_www_example_com",
        "route53_record.a_example_com", "route53_record.a_wildcard_example_com")
        // *.example.com shares example.com's validation record.
        .doesNotContain("route53_record.validation_wildcard_example_com");
    assertThat(rs.stream().filter(r -> r.address().name().startsWith("validation_"))).hasSize(2);
  }

  @Test
  void certificateIsInUsEast1ForTheFirstNameWithTheOthersAsAlternatives() {
    ResourceSpec cert = at(expand(List.of("www.example.com", "example.com")), "acm_certificate.site");
    assertThat(cert.region()).isEqualTo("us-east-1");
    assertThat(cert.attributes()).containsEntry("domain_name", "www.example.com")
        .containsEntry("subject_alternative_names", List.of("example.com"))
        .containsEntry("validation_method", "DNS");
  }

  @Test
  void validationRecordsTakeTheirNameAndValueFromTheCertificateAndTheZoneFromTheDataSource() {
    ResourceSpec r = at(expand(List.of("www.example.com")), "route53_record.validation_www_example_com");
    Ref record = new Ref(DomainResources.CERTIFICATE, "validation").at("www.example.com");
    assertThat(r.attributes()).containsEntry("name", record.at("name"))
        .containsEntry("records", List.of(record.at("value")))
        .containsEntry("zone_id", Ref.toData(DomainResources.ZONE, "zone_id"))
        .containsEntry("type", "CNAME");
    assertThat(r.dependsOn()).containsExactly(DomainResources.CERTIFICATE);
  }

  @Test
  void distributionWaitsForTheIssuedCertificateAndAliasesWaitForTheDistribution() {
    List<ResourceSpec> rs = expand(List.of("www.example.com", "example.com"));
    ResourceSpec dist = at(rs, "cloudfront_distribution.site");
    assertThat(dist.dependsOn()).contains(DomainResources.CERTIFICATE, DomainResources.VALIDATION);
    assertThat(dist.attributes()).containsEntry("aliases", List.of("example.com", "www.example.com"))
        .containsEntry("viewer_certificate", Map.of("acm_certificate_arn", new Ref(DomainResources.CERTIFICATE, "arn"),
            "ssl_support_method", "sni-only", "minimum_protocol_version", "TLSv1.2_2021"));
    ResourceSpec validation = at(rs, "acm_certificate_validation.site");
    assertThat(validation.dependsOn()).extracting(Address::toString).containsExactlyInAnyOrder(
        "acm_certificate.site", "route53_record.validation_www_example_com", "route53_record.validation_example_com");
    ResourceSpec alias = at(rs, "route53_record.aaaa_example_com");
    assertThat(alias.dependsOn()).containsExactly(CdnResources.DISTRIBUTION);
    assertThat(alias.attributes().get("alias")).isEqualTo(Map.of(
        "dns_name", new Ref(CdnResources.DISTRIBUTION, "domain_name"),
        "hosted_zone_id", "Z2FDTNDATAQYW2", "evaluate_target_health", false));
  }

  @Test
  void anExistingCertificateIsReadAndUsedNotRequested() {
    var spec = Fixtures.withDomain(List.of("www.example.com"), Optional.of(ARN));
    List<ResourceSpec> rs = new Expander().expand(spec);
    assertThat(rs).extracting(r -> r.address().type()).doesNotContain("acm_certificate", "acm_certificate_validation");
    assertThat(rs.stream().filter(r -> r.address().name().startsWith("validation_"))).isEmpty();
    assertThat(((Map<?, ?>) at(rs, "cloudfront_distribution.site").attributes().get("viewer_certificate"))
        .get("acm_certificate_arn")).isEqualTo(ARN);
    assertThat(new Expander().data(spec)).extracting(DataSpec::toString)
        .containsExactly("data.route53_zone.site", "data.acm_certificate.existing");
  }

  @Test
  void withoutADomainNothingOfItIsExpanded() {
    assertThat(new Expander().data(Fixtures.workshop())).isEmpty();
    assertThat(new Expander().expand(Fixtures.workshop())).extracting(r -> r.address().type())
        .doesNotContain("acm_certificate", "route53_record");
  }

  @Test
  void refsReachIntoNestedValuesAndPrintWhereTheyPoint() {
    Ref r = new Ref(DomainResources.CERTIFICATE, "validation").at("www.example.com", "name");
    assertThat(r.valueIn("arn", Map.of("validation", Map.of("www.example.com", Map.of("name", "_x.www")))))
        .isEqualTo("_x.www");
    assertThat(r.valueIn("arn", Map.of("validation", Map.of()))).isNull();
    assertThat(r).hasToString("acm_certificate.site.validation[\"www.example.com\"][\"name\"]");
    assertThat(Ref.toData(DomainResources.ZONE, "zone_id")).hasToString("data.route53_zone.site.zone_id");
  }
}
