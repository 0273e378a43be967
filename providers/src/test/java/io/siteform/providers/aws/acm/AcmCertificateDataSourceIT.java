package io.siteform.providers.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.acm.AcmClient;

@ExtendWith(MotoExtension.class)
class AcmCertificateDataSourceIT {
  private static final Address ADDRESS = new Address("acm_certificate", "site");

  private final AwsClients clients;
  private final AcmClient acm;
  private final AcmCertificateDataSource source;

  AcmCertificateDataSourceIT(MotoServer moto) {
    this.clients = moto.newClients();
    this.acm = clients.acm();
    this.source = new AcmCertificateDataSource(clients, AcmCertificateProviderIT.FAST);
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  private String request() {
    return acm.requestCertificate(b -> b.domainName("example.com").subjectAlternativeNames("*.example.com")
        .validationMethod("DNS")).certificateArn();
  }

  /** moto issues a DNS-validated certificate about 2 s after the request. */
  private String issued() throws InterruptedException {
    String arn = request();
    for (int i = 0; i < 100; i++) {
      if ("ISSUED".equals(acm.describeCertificate(b -> b.certificateArn(arn)).certificate().statusAsString())) return arn;
      Thread.sleep(100);
    }
    throw new AssertionError("moto did not issue " + arn);
  }

  private LiveResource read(String arn, List<String> names) {
    return source.read(new DataRequest(ADDRESS, "us-east-1", Map.of("arn", arn, "names", names)));
  }

  @Test
  void anIssuedCertificateCoveringEveryNameIsFound() throws InterruptedException {
    String arn = issued();

    LiveResource found = read(arn, List.of("example.com", "WWW.example.com."));

    assertThat(found.id()).isEqualTo(arn);
    assertThat(found.attributes()).isEqualTo(Map.of("arn", arn, "domain_name", "example.com",
        "names", List.of("*.example.com", "example.com"), "status", "ISSUED"));
  }

  @Test
  void aCertificateMissingANameSaysWhichAndWhatItCovers() throws InterruptedException {
    String arn = issued();

    assertThatThrownBy(() -> read(arn, List.of("www.example.com", "a.b.example.com", "example.org")))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("certificate " + arn + " covers *.example.com, example.com but not a.b.example.com, example.org")
        .hasMessageContaining("a wildcard covers one label");
  }

  @Test
  void aCertificateNotYetIssuedIsRefused() {
    String arn = request();

    assertThatThrownBy(() -> read(arn, List.of("example.com")))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("certificate " + arn + " is PENDING_VALIDATION, not ISSUED")
        .hasMessageContaining("create its validation records");
  }

  @Test
  void aCertificateOutsideUsEast1IsRefusedBeforeAnyCall() {
    String arn = "arn:aws:acm:eu-west-1:123456789012:certificate/0b2b2a1e-0000-4000-8000-000000000000";

    assertThatThrownBy(() -> read(arn, List.of("example.com")))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("is in eu-west-1, but CloudFront only uses certificates in us-east-1");
    assertThatThrownBy(() -> read("not-an-arn", List.of("example.com")))
        .hasMessageContaining("not-an-arn is not an ACM certificate ARN");
  }

  @Test
  void anUnknownCertificateIsNotFound() {
    String arn = "arn:aws:acm:us-east-1:123456789012:certificate/0b2b2a1e-0000-4000-8000-000000000000";

    assertThatThrownBy(() -> read(arn, List.of("example.com")))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("there is no certificate " + arn + " in this account");
  }
}
