package io.siteform.providers.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.acm.AcmClient;

/**
 * The launcher makes moto issue a DNS-validated certificate about 2 s after the request. moto
 * cannot make one FAILED, VALIDATION_TIMED_OUT or REVOKED: those messages are checked in {@link
 * CertificatesTest} on SDK response objects instead.
 */
@ExtendWith(MotoExtension.class)
class AcmCertificateValidationProviderIT {
  private static final Address ADDRESS = new Address("acm_certificate_validation", "site");
  private static final String REGION = "us-east-1";

  private final AwsClients clients;
  private final AcmClient acm;

  AcmCertificateValidationProviderIT(MotoServer moto) {
    this.clients = moto.newClients();
    this.acm = clients.acm();
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  private String requestCertificate() {
    return acm.requestCertificate(b -> b.domainName("example.com").subjectAlternativeNames("www.example.com")
        .validationMethod("DNS")).certificateArn();
  }

  @Test
  void createWaitsUntilIssuedReportingTheStatusAndTimeElapsed() {
    String arn = requestCertificate();
    var provider = new AcmCertificateValidationProvider(clients, AcmCertificateProviderIT.FAST);
    List<String> progress = new ArrayList<>();

    LiveResource validated = provider.create(new CreateRequest(ADDRESS, REGION, Map.of("certificate_arn", arn), progress::add));

    assertThat(validated).isEqualTo(new LiveResource(arn, Map.of("certificate_arn", arn)));
    assertThat(acm.describeCertificate(b -> b.certificateArn(arn)).certificate().statusAsString()).isEqualTo("ISSUED");
    assertThat(progress).isNotEmpty().allSatisfy(m -> assertThat(m)
        .matches("certificate " + java.util.regex.Pattern.quote(arn) + " is PENDING_VALIDATION"));

    ReadRequest read = new ReadRequest(ADDRESS, REGION, arn, validated.attributes());
    assertThat(provider.read(read)).contains(validated);
    provider.delete(new DeleteRequest(ADDRESS, REGION, arn, validated.attributes(), Progress.NONE));
    assertThat(provider.read(read)).as("deleting the wait leaves the certificate").contains(validated);
    acm.deleteCertificate(b -> b.certificateArn(arn));
    assertThat(provider.read(read)).isEmpty();
  }

  @Test
  void aWaitThatTimesOutListsTheValidationRecordsAndSaysApplyContinuesIt() {
    String arn = requestCertificate();
    var impatient = new AcmCertificateValidationProvider(clients, new Waits(Duration.ofMillis(500), Duration.ofMillis(100)));

    assertThatThrownBy(() -> impatient.create(
            new CreateRequest(ADDRESS, REGION, Map.of("certificate_arn", arn), Progress.NONE)))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.getMessage())
            .contains("gave up waiting after 0s: certificate " + arn + " is PENDING_VALIDATION")
            .containsPattern("these validation CNAMEs resolve: _\\w+\\.example\\.com CNAME \\S+acm-validations\\.aws")
            .contains("www.example.com CNAME")
            .contains("running `siteform apply` again continues the wait"));
  }

  @Test
  void aCertificateThatIsGoneIsAnErrorNotAWait() {
    String arn = requestCertificate();
    acm.deleteCertificate(b -> b.certificateArn(arn));
    var provider = new AcmCertificateValidationProvider(clients, AcmCertificateProviderIT.FAST);

    assertThatThrownBy(() -> provider.create(new CreateRequest(ADDRESS, REGION, Map.of("certificate_arn", arn), Progress.NONE)))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("certificate " + arn + " does not exist");
  }
}
