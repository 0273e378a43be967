package io.siteform.providers.aws.acm;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.Waits;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;

/**
 * {@code acm_certificate_validation}: no AWS object, but the wait until a certificate is {@code
 * ISSUED}, so that what needs an issued certificate (a distribution's viewer certificate) comes
 * after it. The id is the certificate's ARN; the one attribute is {@code certificate_arn}.
 *
 * <p>The wait is bounded by {@link Waits}: ACM issues a DNS-validated certificate minutes after
 * the validation CNAMEs resolve. A certificate ACM will never issue (FAILED, VALIDATION_TIMED_OUT,
 * REVOKED) fails at once with ACM's reason and what to check. Deleting it forgets the wait.
 */
public final class AcmCertificateValidationProvider implements Provider {
  public static final String TYPE = "acm_certificate_validation";

  // Nothing exists in AWS, so a new certificate's wait can finish before the old one's is forgotten.
  private static final ResourceSchema SCHEMA = io.siteform.engine.provider.Schemas.ACM_CERTIFICATE_VALIDATION;

  private final AwsClients clients;
  private final Poller poller;

  private final Certificates.Described described;

  public AcmCertificateValidationProvider(AwsClients clients, Waits waits) {
    this(clients, waits, new Certificates.Described());
  }

  /** @param described the run's certificate reads, shared with {@link AcmCertificateProvider} */
  AcmCertificateValidationProvider(AwsClients clients, Waits waits, Certificates.Described described) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = new Poller(waits);
    this.described = Objects.requireNonNull(described, "described");
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    return described.get(Certificates.Reader.VALIDATION, clients.acm(request.region()), request.region(),
            request.address(), request.id())
        .map(c -> live(c.certificateArn()));
  }

  @Override
  public LiveResource create(CreateRequest request) {
    return awaitIssued(request.address(), request.region(), Operation.CREATE, request.desired(), request.progress());
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    return awaitIssued(request.address(), request.region(), Operation.UPDATE, request.desired(), request.progress());
  }

  @Override
  public void delete(DeleteRequest request) {
    // Nothing in AWS: the certificate is acm_certificate's to delete.
  }

  private LiveResource awaitIssued(
      Address address, String region, Operation op, Map<String, Object> d, Progress progress) {
    if (!(d.get("certificate_arn") instanceof String arn) || arn.isBlank()) {
      throw new ProviderException(address.toString(), op,
          "certificate_arn must be a certificate ARN, not " + d.get("certificate_arn"));
    }
    AcmClient acm = clients.acm(region);
    CertificateDetail issued = poller.await(address, op, progress, () -> {
      CertificateDetail c = Certificates.describe(acm, address, op, arn).orElseThrow(() ->
          new ProviderException(address.toString(), op, "certificate " + arn
              + " does not exist (deleted outside siteform?): run `siteform apply` again to request a new one"));
      String status = c.statusAsString();
      if ("ISSUED".equals(status)) return Poller.done(c);
      if (Certificates.failed(c)) throw Certificates.failure(address, op, c);
      String records = Certificates.validationRecords(c);
      return Poller.pending("certificate " + arn + " is " + status,
          "ACM issues it once these validation CNAMEs resolve: "
              + (records.isEmpty() ? "(ACM has not published them yet)" : records)
              + "; check they exist in the hosted zone and that the domain's registrar delegates to that zone's name servers");
    });
    return live(issued.certificateArn());
  }

  private static LiveResource live(String arn) {
    return new LiveResource(arn, Map.of("certificate_arn", arn));
  }
}
