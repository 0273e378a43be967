package io.siteform.providers.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidation;

/**
 * What ACM's terminal states become. moto cannot make a requested certificate FAILED,
 * VALIDATION_TIMED_OUT or REVOKED, so these are checked on the SDK's own response objects.
 */
class CertificatesTest {
  private static final Address ADDRESS = new Address("acm_certificate_validation", "site");
  private static final String ARN = "arn:aws:acm:us-east-1:123456789012:certificate/abc";

  private static CertificateDetail certificate(String status, String reason) {
    return CertificateDetail.builder().certificateArn(ARN).domainName("example.com").status(status)
        .failureReason(reason)
        .domainValidationOptions(
            validation("example.com", "_a.example.com."), validation("*.example.com", "_a.example.com."),
            validation("WWW.example.com", "_b.WWW.example.com."))
        .build();
  }

  private static DomainValidation validation(String name, String recordName) {
    return DomainValidation.builder().domainName(name).validationMethod("DNS")
        .resourceRecord(r -> r.name(recordName).type("CNAME").value("_v.acm-validations.aws.")).build();
  }

  @Test
  void validationRecordsAreByNormalNameWithNormalRecords() {
    assertThat(Certificates.validation(certificate("PENDING_VALIDATION", null))).isEqualTo(Map.of(
        "*.example.com", Map.of("name", "_a.example.com", "type", "CNAME", "value", "_v.acm-validations.aws"),
        "example.com", Map.of("name", "_a.example.com", "type", "CNAME", "value", "_v.acm-validations.aws"),
        "www.example.com", Map.of("name", "_b.www.example.com", "type", "CNAME", "value", "_v.acm-validations.aws")));
    // the wildcard and its parent share one record: listed once
    assertThat(Certificates.validationRecords(certificate("PENDING_VALIDATION", null))).isEqualTo(
        "_a.example.com CNAME _v.acm-validations.aws, _b.www.example.com CNAME _v.acm-validations.aws");
  }

  @Test
  void terminalStatesAreFailures() {
    assertThat(Certificates.failed(certificate("PENDING_VALIDATION", null))).isFalse();
    assertThat(Certificates.failed(certificate("ISSUED", null))).isFalse();
    for (String s : new String[] {"FAILED", "VALIDATION_TIMED_OUT", "REVOKED", "EXPIRED", "INACTIVE"}) {
      assertThat(Certificates.failed(certificate(s, null))).as(s).isTrue();
    }
  }

  @Test
  void aFailedCertificateGivesAcmsReasonAndWhatToDo() {
    ProviderException e = Certificates.failure(ADDRESS, Operation.CREATE, certificate("FAILED", "CAA_ERROR"));

    assertThat(e.getMessage()).startsWith("acm_certificate_validation.site: create: ACM could not issue certificate " + ARN)
        .contains("FailureReason CAA_ERROR").contains("CAA record").contains("amazon.com")
        .contains("aws acm delete-certificate --region us-east-1 --certificate-arn " + ARN)
        .contains("run `siteform apply` again to request a new one");
  }

  @Test
  void aFailureWithoutASpecificReasonPointsAtTheValidationRecords() {
    assertThat(Certificates.failure(ADDRESS, Operation.CREATE, certificate("FAILED", "OTHER")).getMessage())
        .contains("check these validation CNAMEs exist in the hosted zone")
        .contains("_b.www.example.com CNAME _v.acm-validations.aws");
    assertThat(Certificates.failure(ADDRESS, Operation.CREATE, certificate("VALIDATION_TIMED_OUT", null)).getMessage())
        .contains("VALIDATION_TIMED_OUT").contains("72 hours").contains("_a.example.com CNAME _v.acm-validations.aws");
  }

  @Test
  void acmTokenIsAWordOf32CharactersTheSameForTheSameEngineToken() {
    String token = Certificates.acmToken("0d6e4c8e-8f3b-4a52-9f55-3f0b3c1f0e9a");

    assertThat(token).matches("\\w{32}").isEqualTo(Certificates.acmToken("0d6e4c8e-8f3b-4a52-9f55-3f0b3c1f0e9a"));
    assertThat(Certificates.acmToken("another")).isNotEqualTo(token).matches("\\w{32}");
  }
}
