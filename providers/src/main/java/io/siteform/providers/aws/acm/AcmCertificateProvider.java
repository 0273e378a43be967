package io.siteform.providers.aws.acm;

import static io.siteform.providers.aws.AwsFailures.call;
import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Parallel;
import io.siteform.providers.aws.DnsNames;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.Waits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;
import software.amazon.awssdk.services.acm.model.Tag;

/**
 * {@code acm_certificate}: a public certificate ACM issues once it sees DNS validation records,
 * in the request's region, which the engine makes us-east-1: the one region CloudFront takes
 * certificates from. The id is the ARN.
 *
 * <p>Attributes: {@code domain_name}, {@code subject_alternative_names} (the other names, in spec
 * order; ACM's own list, which repeats the domain name, is not what is recorded), {@code
 * validation_method} ("DNS"), {@code key_algorithm} ("RSA_2048"), {@code tags}. Computed: {@code
 * arn}, {@code status}, and {@code validation}: by domain name, the {@code {name, type, value}}
 * of the CNAME that proves control of it, names lower case without the trailing dot. A create
 * returns once ACM has published every name's record (a few seconds), not once it is issued:
 * the records must be in DNS first, and {@code acm_certificate_validation} waits for that.
 *
 * <p>Only tags change in place; a changed name makes a new certificate before the old one is
 * deleted (a distribution keeps serving with the old one meanwhile). A retried create sends the
 * engine's recorded token, so ACM answers with the certificate the first attempt requested.
 */
public final class AcmCertificateProvider implements Provider {
  public static final String TYPE = "acm_certificate";
  public static final String TOKEN = "idempotency_token";

  private static final ResourceSchema SCHEMA = io.siteform.engine.provider.Schemas.ACM_CERTIFICATE;

  /**
   * The tag a certificate is requested with naming its idempotency token: how a create resumed
   * after ACM's hour of idempotency finds it. Not part of the {@code tags} attribute.
   */
  static final String TOKEN_TAG = "siteform:token";

  private final AwsClients clients;
  private final Poller poller;
  private final Certificates.Described described;

  public AcmCertificateProvider(AwsClients clients, Waits waits) {
    this(clients, new Poller(waits));
  }

  /** @param poller the waits for ACM to list a certificate just requested, its records, and its release */
  public AcmCertificateProvider(AwsClients clients, Poller poller) {
    this(clients, poller, new Certificates.Described());
  }

  private AcmCertificateProvider(AwsClients clients, Poller poller, Certificates.Described described) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = Objects.requireNonNull(poller, "poller");
    this.described = Objects.requireNonNull(described, "described");
  }

  /**
   * This type and {@code acm_certificate_validation}, whose refreshes of one certificate share one
   * DescribeCertificate.
   */
  public static List<Provider> withValidation(AwsClients clients, Waits waits) {
    Certificates.Described described = new Certificates.Described();
    return List.of(new AcmCertificateProvider(clients, new Poller(waits), described),
        new AcmCertificateValidationProvider(clients, waits, described));
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    AcmClient acm = clients.acm(request.region());
    // The certificate and its tags at once (ACM for CloudFront is us-east-1's: from a runner
    // elsewhere a round trip is 100 ms or more); the tags count only if the certificate is there.
    var found = Parallel.both(
        () -> described.get(Certificates.Reader.CERTIFICATE, acm, request.region(), request.address(), request.id()),
        () -> tags(acm, request.address(), Operation.READ, request.id()));
    return found.first().get().map(c -> live(c, c.certificateArn().equals(request.id()) ? found.second().get()
        : tags(acm, request.address(), Operation.READ, c.certificateArn()), request.prior()));
  }

  @Override
  public LiveResource create(CreateRequest request) {
    Address address = request.address();
    Map<String, Object> d = request.desired();
    AcmClient acm = clients.acm(request.region());
    String domain = string(address, d, "domain_name");
    List<String> others = strings(address, d, "subject_alternative_names");
    RequestCertificateRequest.Builder b = RequestCertificateRequest.builder()
        .domainName(domain)
        .validationMethod((String) d.getOrDefault("validation_method", "DNS"))
        .keyAlgorithm((String) d.getOrDefault("key_algorithm", "RSA_2048"));
    if (!others.isEmpty()) b.subjectAlternativeNames(others);
    Map<String, String> tags = tagMap(d.get("tags"));
    Object token = d.get(TOKEN);
    Map<String, String> sent = new TreeMap<>(tags);
    if (token != null) {
      b.idempotencyToken(Certificates.acmToken(String.valueOf(token)));
      sent.put(TOKEN_TAG, String.valueOf(token));
    }
    if (!sent.isEmpty()) b.tags(tagList(sent));
    // ACM honours an idempotency token for an hour; a create resumed later finds its certificate
    // by the token tag it was requested with instead of requesting a second one.
    Optional<String> earlier = request.resuming() && token != null
        ? requestedEarlier(acm, address, domain, String.valueOf(token)) : Optional.empty();
    earlier.ifPresent(a -> request.progress().report("adopting certificate " + a + ", requested by an interrupted"
        + " earlier apply (found by its " + TOKEN_TAG + " tag)"));
    String arn = earlier.orElseGet(() -> call(address, Operation.CREATE, () -> acm.requestCertificate(b.build()).certificateArn()));
    request.checkpoint().reached(new LiveResource(arn, Map.of("arn", arn)));
    // The token may have brought back a certificate an earlier attempt requested with other tags.
    // ACM may answer ResourceNotFoundException for a certificate requested a moment ago.
    try {
      poller.retryWhen(address, Operation.CREATE, request.progress(), Waits.CERTIFICATE_PROPAGATION,
          "certificate " + arn + " to be visible in ACM", e -> is(e, "ResourceNotFoundException"),
          () -> retag(acm, arn, tags));
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, Operation.CREATE, e);
    }

    Set<String> names = new LinkedHashSet<>();
    names.add(DnsNames.normal(domain));
    others.forEach(n -> names.add(DnsNames.normal(n)));
    CertificateDetail c = poller.await(address, Operation.CREATE, request.progress(), () -> {
      Optional<CertificateDetail> found = Certificates.describe(acm, address, Operation.CREATE, arn);
      // Just requested: ACM may not list it for a moment.
      if (found.isEmpty()) return Poller.pending("certificate " + arn + " is not visible in ACM yet");
      CertificateDetail now = found.get();
      if (Certificates.failed(now)) throw Certificates.failure(address, Operation.CREATE, now);
      long ready = names.stream().filter(n -> hasRecord(now, n)).count();
      if (ready == names.size()) return Poller.done(now);
      return Poller.pending("certificate " + arn + ": ACM has published " + ready + " of " + names.size()
          + " DNS validation records");
    });
    return live(c, tags(acm, address, Operation.CREATE, arn), d);
  }

  /** The certificate for {@code domain} tagged with {@code token}, if an earlier run requested one. */
  private static Optional<String> requestedEarlier(AcmClient acm, Address address, String domain, String token) {
    return call(address, Operation.CREATE, () -> acm.listCertificatesPaginator(b -> {}).certificateSummaryList().stream()
        .filter(c -> DnsNames.normal(c.domainName()).equals(DnsNames.normal(domain)))
        .map(c -> c.certificateArn())
        .filter(arn -> token.equals(tags(acm, arn, true).get(TOKEN_TAG)))
        .findFirst());
  }

  private static boolean hasRecord(CertificateDetail c, String name) {
    for (DomainValidation v : c.domainValidationOptions()) {
      if (DnsNames.normal(v.domainName()).equals(name) && v.resourceRecord() != null) return true;
    }
    return false;
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    Address address = request.address();
    AcmClient acm = clients.acm(request.region());
    call(address, Operation.UPDATE, () -> {
      retag(acm, request.id(), tagMap(request.desired().get("tags")));
      return null;
    });
    return Certificates.describe(acm, address, Operation.UPDATE, request.id())
        .map(c -> live(c, tags(acm, address, Operation.UPDATE, request.id()), request.desired()))
        .orElseThrow(() -> new ProviderException(address.toString(), Operation.UPDATE,
            "certificate " + request.id() + " no longer exists; run `siteform apply` again to request a new one"));
  }

  @Override
  public void delete(DeleteRequest request) {
    Address address = request.address();
    String arn = request.id();
    AcmClient acm = clients.acm(request.region());
    poller.await(address, Operation.DELETE, request.progress(), () -> {
      try {
        acm.deleteCertificate(b -> b.certificateArn(arn));
        return Poller.done(arn);
      } catch (SdkException e) {
        if (is(e, "ResourceNotFoundException")) return Poller.done(arn);
        if (!is(e, "ResourceInUseException")) throw AwsFailures.wrap(address, Operation.DELETE, e);
      }
      // A distribution that stopped using it may still be deploying that change.
      List<String> users = Certificates.describe(acm, address, Operation.DELETE, arn)
          .map(CertificateDetail::inUseBy).orElse(List.of());
      String by = users.isEmpty() ? "another AWS resource" : String.join(", ", users);
      return Poller.pending("certificate " + arn + " is still used by " + by,
          "remove it from " + (users.isEmpty() ? "that resource" : "them")
              + " (a CloudFront distribution holds it until its update has deployed)");
    });
  }

  private static LiveResource live(CertificateDetail c, Map<String, String> tags, Map<String, Object> reference) {
    String domain = DnsNames.normal(c.domainName());
    List<String> others = new ArrayList<>();
    for (String n : c.subjectAlternativeNames()) {
      String name = DnsNames.normal(n);
      if (!name.equals(domain) && !others.contains(name)) others.add(name);
    }
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("domain_name", domain);
    a.put("subject_alternative_names", DnsNames.orderedLike(others, reference.get("subject_alternative_names")));
    a.put("validation_method", c.domainValidationOptions().stream()
        .map(DomainValidation::validationMethodAsString).filter(Objects::nonNull).findFirst().orElse(""));
    a.put("key_algorithm", keyAlgorithm(c.keyAlgorithmAsString()));
    Map<String, String> own = new TreeMap<>(tags);
    // The token the certificate was requested with, kept in state as the schema says: from the tag
    // siteform requests it with, else (a certificate requested by hand) the one already recorded.
    Object token = own.remove(TOKEN_TAG);
    if (token == null) token = reference.get(TOKEN);
    a.put("tags", own);
    if (token != null) a.put(TOKEN, token);
    a.put("arn", c.certificateArn());
    a.put("status", c.statusAsString());
    a.put("validation", Certificates.validation(c));
    return new LiveResource(c.certificateArn(), a);
  }

  /**
   * DescribeCertificate spells the key algorithm with a hyphen ({@code RSA-2048}, {@code
   * EC-prime256v1}) where RequestCertificate takes an underscore ({@code RSA_2048}); read as the
   * request spells it, or every plan would replace the certificate (the hashicorp provider's {@code
   * acm/certificate.go} does the same on read).
   */
  static String keyAlgorithm(String described) {
    return described == null ? "" : described.replace('-', '_');
  }

  /** The certificate's tags, the token tag it was requested with among them. */
  private static Map<String, String> tags(AcmClient acm, Address address, Operation op, String arn) {
    return call(address, op, () -> tags(acm, arn, true));
  }

  /** The certificate's tags; siteform's own {@value #TOKEN_TAG} only when {@code withToken}. */
  private static Map<String, String> tags(AcmClient acm, String arn, boolean withToken) {
    Map<String, String> tags = new TreeMap<>();
    acm.listTagsForCertificate(b -> b.certificateArn(arn)).tags()
        .forEach(t -> tags.put(t.key(), Objects.toString(t.value(), "")));
    if (!withToken) tags.remove(TOKEN_TAG);
    return tags;
  }

  /** Makes the certificate's tags exactly {@code desired}: removes the others, adds or overwrites. */
  /** Sets the user's tags; siteform's {@value #TOKEN_TAG} stays as requested. */
  private static void retag(AcmClient acm, String arn, Map<String, String> desired) {
    Map<String, String> current = tags(acm, arn, false);
    List<Tag> gone = current.entrySet().stream()
        .filter(e -> !desired.containsKey(e.getKey()))
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
    Map<String, String> changed = new TreeMap<>(desired);
    changed.entrySet().removeIf(e -> e.getValue().equals(current.get(e.getKey())));
    if (!gone.isEmpty()) acm.removeTagsFromCertificate(b -> b.certificateArn(arn).tags(gone));
    if (!changed.isEmpty()) acm.addTagsToCertificate(b -> b.certificateArn(arn).tags(tagList(changed)));
  }

  private static List<Tag> tagList(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  private static Map<String, String> tagMap(Object value) {
    Map<String, String> out = new TreeMap<>();
    if (value instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  private static String string(Address address, Map<String, Object> d, String key) {
    if (d.get(key) instanceof String s && !s.isBlank()) return s;
    throw new ProviderException(address.toString(), Operation.CREATE, key + " must be a domain name, not " + d.get(key));
  }

  private static List<String> strings(Address address, Map<String, Object> d, String key) {
    Object v = d.getOrDefault(key, List.of());
    if (!(v instanceof List<?> l) || l.stream().anyMatch(x -> !(x instanceof String))) {
      throw new ProviderException(address.toString(), Operation.CREATE, key + " must be a list of domain names, not " + v);
    }
    return l.stream().map(String.class::cast).toList();
  }
}
