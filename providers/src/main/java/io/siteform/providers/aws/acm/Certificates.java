package io.siteform.providers.aws.acm;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.DnsNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ResourceRecord;

/** What the ACM types share: reading a certificate, its validation records, why it failed. */
final class Certificates {
  /** ACM's IdempotencyToken: {@code \w+}, at most 32 characters (API_RequestCertificate). */
  static final int TOKEN_LENGTH = 32;

  private Certificates() {}

  /** Who reads a certificate in a refresh: the certificate and its validation, which describe it once between them. */
  enum Reader {
    CERTIFICATE, VALIDATION
  }

  /** The run's DescribeCertificate answers, shared by acm_certificate and acm_certificate_validation. */
  static final class Described {
    private final io.siteform.providers.aws.RunReads<Reader, Optional<CertificateDetail>> reads =
        new io.siteform.providers.aws.RunReads<>(Reader.class);

    Optional<CertificateDetail> get(Reader reader, AcmClient acm, String region, Address address, String arn) {
      return reads.get(reader, region + "/" + arn, () -> describe(acm, address, Operation.READ, arn));
    }
  }

  /** The certificate, or empty if ACM does not know the ARN. */
  static Optional<CertificateDetail> describe(AcmClient acm, Address address, Operation operation, String arn) {
    try {
      return Optional.of(acm.describeCertificate(b -> b.certificateArn(arn)).certificate());
    } catch (SdkException e) {
      if (is(e, "ResourceNotFoundException")) return Optional.empty();
      throw AwsFailures.wrap(address, operation, e);
    }
  }

  /**
   * A token ACM accepts, the same for every attempt with the same engine token: the first 32 hex
   * digits of its SHA-256 (the engine's token may be any string).
   */
  static String acmToken(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, TOKEN_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Each name's DNS validation record: {@code {name, type, value}} by domain name, names and values
   * in {@link DnsNames#normal} form. Names ACM has not given a record yet are left out.
   */
  static Map<String, Object> validation(CertificateDetail c) {
    Map<String, Object> out = new TreeMap<>();
    for (DomainValidation v : c.domainValidationOptions()) {
      ResourceRecord r = v.resourceRecord();
      if (r == null) continue;
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("name", DnsNames.normal(r.name()));
      record.put("type", r.typeAsString());
      record.put("value", DnsNames.normal(r.value()));
      out.put(DnsNames.normal(v.domainName()), record);
    }
    return out;
  }

  /** The validation records as a user would look for them in the zone: "NAME CNAME VALUE, ...". */
  static String validationRecords(CertificateDetail c) {
    return validation(c).values().stream()
        .map(r -> (Map<?, ?>) r)
        .map(r -> r.get("name") + " " + r.get("type") + " " + r.get("value"))
        .distinct()
        .collect(Collectors.joining(", "));
  }

  /** Whether ACM will never issue {@code c} as it is: only a new certificate helps. */
  static boolean failed(CertificateDetail c) {
    return switch (c.statusAsString()) {
      case "FAILED", "VALIDATION_TIMED_OUT", "REVOKED", "EXPIRED", "INACTIVE" -> true;
      default -> false;
    };
  }

  /** Why {@code c} will not be issued, and what to do about it. */
  static ProviderException failure(Address address, Operation operation, CertificateDetail c) {
    String arn = c.certificateArn();
    String status = c.statusAsString();
    String replace = "delete it (aws acm delete-certificate --region us-east-1 --certificate-arn " + arn
        + ") and run `siteform apply` again to request a new one";
    String records = validationRecords(c);
    String check = records.isEmpty()
        ? "check the validation CNAMEs exist in the hosted zone"
        : "check these validation CNAMEs exist in the hosted zone the domain is delegated to: " + records;
    String message = switch (status) {
      case "FAILED" -> "ACM could not issue certificate " + arn + " (FailureReason "
          + Optional.ofNullable(c.failureReasonAsString()).orElse("unknown") + "): "
          + advice(c.failureReasonAsString(), check) + "; then " + replace;
      case "VALIDATION_TIMED_OUT" -> "ACM gave up validating certificate " + arn
          + " (VALIDATION_TIMED_OUT: it did not see the validation records within 72 hours): " + check + "; then " + replace;
      case "REVOKED" -> "certificate " + arn + " was revoked"
          + Optional.ofNullable(c.revocationReasonAsString()).map(r -> " (" + r + ")").orElse("") + ": " + replace;
      default -> "certificate " + arn + " is " + status + ", not ISSUED: " + replace;
    };
    return new ProviderException(address.toString(), operation, message);
  }

  private static String advice(String reason, String check) {
    if (reason == null) return check;
    return switch (reason) {
      case "CAA_ERROR" -> "a CAA record on the domain does not allow Amazon to issue certificates;"
          + " add one naming amazon.com (0 issue \"amazon.com\")";
      case "INVALID_PUBLIC_DOMAIN" -> "a name is not a valid public domain name";
      case "DOMAIN_NOT_ALLOWED", "ADDITIONAL_VERIFICATION_REQUIRED" ->
          "ACM needs more information before it issues certificates for these names; contact AWS Support";
      default -> check;
    };
  }
}
