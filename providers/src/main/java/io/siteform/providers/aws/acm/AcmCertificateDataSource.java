package io.siteform.providers.aws.acm;

import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.DataSource;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.DnsNames;
import io.siteform.providers.aws.Waits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import software.amazon.awssdk.services.acm.model.CertificateDetail;

/**
 * {@code acm_certificate} as a data source: a certificate the user made and names by its ARN
 * ({@code domain.certificate.arn}). Query {@code {arn, names}}; attributes {@code {arn,
 * domain_name, names (every name it covers, sorted), status}}. It must be in us-east-1, exist,
 * be ISSUED and cover every one of {@code names}, else the plan stops with what to fix: CloudFront
 * would refuse it, and only after a long deploy.
 */
public final class AcmCertificateDataSource implements DataSource {
  public static final String TYPE = "acm_certificate";
  /** The one region CloudFront takes viewer certificates from. */
  static final String CLOUDFRONT_REGION = "us-east-1";

  private final AwsClients clients;

  public AcmCertificateDataSource(AwsClients clients, Waits waits) {
    this.clients = Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(waits, "waits"); // a lookup never waits
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public LiveResource read(DataRequest request) {
    Address address = request.address();
    String arn = request.text("arn", "the certificate's arn");
    List<String> wanted = new ArrayList<>();
    if (request.query().get("names") instanceof List<?> l) l.forEach(n -> wanted.add(DnsNames.normal(String.valueOf(n))));

    String region = region(arn);
    if (region.isEmpty()) {
      throw error(address, arn + " is not an ACM certificate ARN"
          + " (arn:aws:acm:us-east-1:ACCOUNT:certificate/ID): check domain.certificate.arn");
    }
    if (!CLOUDFRONT_REGION.equals(region)) {
      throw error(address, "certificate " + arn + " is in " + region
          + ", but CloudFront only uses certificates in us-east-1: request or import one in us-east-1"
          + " and put its ARN in domain.certificate.arn");
    }
    CertificateDetail c = Certificates.describe(clients.acm(region), address, Operation.READ, arn).orElseThrow(() ->
        error(address, "there is no certificate " + arn + " in this account: check domain.certificate.arn"
            + " (aws acm list-certificates --region us-east-1 lists them)"));
    if (!"ISSUED".equals(c.statusAsString())) {
      throw error(address, "certificate " + arn + " is " + c.statusAsString() + ", not ISSUED, and CloudFront"
          + " only serves issued certificates: " + ("PENDING_VALIDATION".equals(c.statusAsString())
              ? "create its validation records (aws acm describe-certificate lists them) and wait for ACM to issue it"
              : "request a new one and put its ARN in domain.certificate.arn"));
    }
    TreeSet<String> covered = new TreeSet<>();
    covered.add(DnsNames.normal(c.domainName()));
    c.subjectAlternativeNames().forEach(n -> covered.add(DnsNames.normal(n)));
    List<String> uncovered = wanted.stream()
        .filter(n -> covered.stream().noneMatch(certName -> CertificateNames.covers(certName, n)))
        .distinct().toList();
    if (!uncovered.isEmpty()) {
      throw error(address, "certificate " + arn + " covers " + String.join(", ", covered) + " but not "
          + String.join(", ", uncovered) + ": use a certificate for every name in domain.names"
          + " (a wildcard covers one label: *.example.com covers www.example.com, not example.com)");
    }
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("arn", c.certificateArn());
    a.put("domain_name", DnsNames.normal(c.domainName()));
    a.put("names", List.copyOf(covered));
    a.put("status", c.statusAsString());
    return new LiveResource(c.certificateArn(), a);
  }

  /** The region field of {@code arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID}, or "". */
  static String region(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 && parts[0].equals("arn") && parts[2].equals("acm") ? parts[3] : "";
  }

  private static ProviderException error(Address address, String message) {
    return new ProviderException(address.toString(), Operation.READ, message);
  }
}
