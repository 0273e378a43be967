package io.siteform.providers.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.testing.FaultProxy;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.state.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

@ExtendWith(MotoExtension.class)
class AcmCertificateProviderIT {
  private static final Address ADDRESS = new Address("acm_certificate", "site");
  private static final String REGION = "us-east-1";
  static final Waits FAST = new Waits(Duration.ofSeconds(30), Duration.ofMillis(100));

  private final AwsClients clients;
  private final AcmClient acm;
  private final AcmCertificateProvider provider;

  private final MotoServer moto;

  AcmCertificateProviderIT(MotoServer moto) {
    this.moto = moto;
    this.clients = moto.newClients();
    this.acm = clients.acm();
    this.provider = new AcmCertificateProvider(clients, FAST);
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  static Map<String, Object> desired(Map<String, String> tags) {
    Map<String, Object> d = new HashMap<>();
    d.put("domain_name", "example.com");
    // not sorted, so that keeping the spec's order is visible
    d.put("subject_alternative_names",
        List.of("www.example.com", "static.example.com", "api.example.com", "assets.example.com", "*.example.com"));
    d.put("validation_method", "DNS");
    d.put("key_algorithm", "RSA_2048");
    d.put("tags", tags);
    return d;
  }

  private LiveResource create(Map<String, Object> desired, String token) {
    Map<String, Object> d = new HashMap<>(desired);
    d.put(AcmCertificateProvider.TOKEN, token);
    return provider.create(new CreateRequest(ADDRESS, REGION, d, Progress.NONE));
  }

  private Optional<LiveResource> read(String id, Map<String, Object> prior) {
    return provider.read(new ReadRequest(ADDRESS, REGION, id, prior));
  }

  /** What a plan compares: every attribute the spec sets, as the expander writes it. */
  private static void assertHolds(LiveResource live, Map<String, Object> desired) {
    Values.copyMap(desired).forEach((k, v) -> assertThat(live.attributes()).as(k).containsEntry(k, v));
  }

  /** The certificate and its tags are asked at once: DescribeCertificate is held at a proxy until ListTagsForCertificate arrives. */
  @Test
  void aRefreshAsksForTheCertificateAndItsTagsAtOnce() {
    LiveResource created = create(desired(Map.of("site", "ticket-service-ui")), "token-together");
    try (FaultProxy proxy = new FaultProxy(moto.endpoint(), 100);
        AwsClients viaProxy = proxy.newClients()) {
      FaultProxy.Hold certificate = proxy.hold(r -> r.action().equals("DescribeCertificate"),
          r -> r.action().equals("ListTagsForCertificate"), 1);
      AcmCertificateProvider p = new AcmCertificateProvider(viaProxy, FAST);

      Optional<LiveResource> live = p.read(new ReadRequest(ADDRESS, REGION, created.id(), created.attributes()));

      assertThat(live).map(l -> l.attributes().get("tags")).contains(Map.of("site", "ticket-service-ui"));
      assertThat(certificate.metWhileHeld()).isTrue();
      String gone = created.id().substring(0, created.id().lastIndexOf('/') + 1) + "00000000-0000-4000-8000-000000000000";
      assertThat(p.read(new ReadRequest(ADDRESS, REGION, gone, created.attributes()))).isEmpty();
    }
  }

  @Test
  void createReturnsOnceEveryNameHasItsValidationRecordAndReadsBackAsDesired() {
    Map<String, Object> desired = desired(Map.of("site", "ticket-service-ui"));

    LiveResource created = create(desired, "token-1");

    assertThat(created.id()).startsWith("arn:aws:acm:us-east-1:").isEqualTo(created.attributes().get("arn"));
    assertHolds(created, desired);
    assertThat(created.attributes()).containsEntry(AcmCertificateProvider.TOKEN, "token-1");
    assertThat(created.attributes().get("status")).isEqualTo("PENDING_VALIDATION");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> validation = (Map<String, Map<String, Object>>) created.attributes().get("validation");
    assertThat(validation).containsOnlyKeys(
        "example.com", "www.example.com", "static.example.com", "api.example.com", "assets.example.com", "*.example.com");
    validation.forEach((name, record) -> {
      assertThat(record).containsOnlyKeys("name", "type", "value").containsEntry("type", "CNAME");
      assertThat((String) record.get("name")).as(name).endsWith(name.replace("*.", "")).doesNotEndWith(".")
          .isLowerCase();
      assertThat((String) record.get("value")).doesNotEndWith(".").isNotBlank();
    });

    // A plan right after apply: read from what was recorded gives the same, and so does an import.
    assertThat(read(created.id(), created.attributes())).contains(created);
    assertHolds(read(created.id(), Map.of()).orElseThrow(), Map.of(
        "domain_name", "example.com", "validation_method", "DNS", "key_algorithm", "RSA_2048",
        "tags", Map.of("site", "ticket-service-ui")));
    assertThat(read(created.id(), Map.of()).orElseThrow().attributes().get("subject_alternative_names"))
        .asInstanceOf(InstanceOfAssertFactories.list(String.class))
        .containsExactlyInAnyOrder(
            "www.example.com", "static.example.com", "api.example.com", "assets.example.com", "*.example.com");
  }

  /**
   * Right after RequestCertificate ACM answers ResourceNotFoundException to ListTags and Describe,
   * and publishes the validation records a moment later; the ARN is handed to the engine first.
   */
  @Test
  void aCertificateJustRequestedIsWaitedForAndItsArnRecordedBeforeTheWait() {
    moto.untidy("acm_certificate_propagation");
    Map<String, Object> d = new HashMap<>(desired(Map.of("siteform:site", "ticket-service-ui")));
    d.put(AcmCertificateProvider.TOKEN, "siteform-propagation");
    List<String> progress = new java.util.ArrayList<>();
    List<LiveResource> recorded = new java.util.ArrayList<>();

    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, d, progress::add, recorded::add));

    assertHolds(created, desired(Map.of("siteform:site", "ticket-service-ui")));
    assertThat(recorded).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(created.id()));
    assertThat(progress).anySatisfy(m -> assertThat(m).endsWith("(AWS answered ResourceNotFoundException)"));
  }

  /**
   * ACM's idempotency token holds for an hour: a create resumed later (its answer lost, the run
   * stopped) finds the certificate it requested by the siteform:token tag it was requested with,
   * instead of requesting a second one. The tag is siteform's own: not in the tags attribute.
   */
  @Test
  void aCreateResumedAfterTheTokensHourFindsItsCertificateByTheTokenTag() {
    Map<String, Object> d = new HashMap<>(desired(Map.of("siteform:site", "ticket-service-ui")));
    String earlier = acm.requestCertificate(b -> b.domainName("example.com").validationMethod("DNS")
        .subjectAlternativeNames((List<String>) d.get("subject_alternative_names"))
        .idempotencyToken("expiredhourago")
        .tags(t -> t.key(AcmCertificateProvider.TOKEN_TAG).value("siteform-late"),
            t -> t.key("siteform:site").value("ticket-service-ui"))).certificateArn();
    d.put(AcmCertificateProvider.TOKEN, "siteform-late");
    List<String> progress = new ArrayList<>();

    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, d, progress::add, r -> {}, true));

    assertThat(created.id()).isEqualTo(earlier);
    assertThat(acm.listCertificates(b -> {}).certificateSummaryList()).hasSize(1);
    assertThat(progress).anySatisfy(m -> assertThat(m).startsWith("adopting certificate " + earlier));
    assertThat(created.attributes()).containsEntry("tags", Map.of("siteform:site", "ticket-service-ui"));
    assertThat(acm.listTagsForCertificate(b -> b.certificateArn(earlier)).tags())
        .anySatisfy(t -> assertThat(t.key()).isEqualTo(AcmCertificateProvider.TOKEN_TAG));

    // not resuming, another token: a certificate of its own, tagged with its token
    d.put(AcmCertificateProvider.TOKEN, "siteform-fresh");
    LiveResource fresh = provider.create(new CreateRequest(ADDRESS, REGION, d, Progress.NONE));
    assertThat(fresh.id()).isNotEqualTo(earlier);
    assertThat(acm.listTagsForCertificate(b -> b.certificateArn(fresh.id())).tags())
        .anySatisfy(t -> assertThat(t.value()).isEqualTo("siteform-fresh"));
  }

  @Test
  void theSameTokenGivesTheSameCertificateAndAnotherTokenANewOne() {
    Map<String, Object> desired = desired(Map.of("site", "t"));

    LiveResource first = create(desired, "token-1");
    LiveResource retried = create(desired, "token-1");
    LiveResource other = create(desired, "token-2");

    assertThat(retried.id()).isEqualTo(first.id());
    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(acm.listCertificates(b -> {}).certificateSummaryList()).hasSize(2);
  }

  /** An apply that died mid-create, then a spec edit, then apply again: still one certificate. */
  @Test
  void aRetriedCreateWithOtherTagsAdoptsTheFirstCertificateAndRetagsIt() {
    LiveResource first = create(desired(Map.of("site", "t", "old", "x")), "token-1");

    LiveResource retried = create(desired(Map.of("site", "t", "env", "prod")), "token-1");

    assertThat(retried.id()).isEqualTo(first.id());
    assertThat(retried.attributes()).containsEntry("tags", Map.of("site", "t", "env", "prod"));
    assertThat(acm.listCertificates(b -> {}).certificateSummaryList()).hasSize(1);
  }

  @Test
  void tagsChangeInPlaceAndHandMadeTagsShowAsDrift() {
    LiveResource created = create(desired(Map.of("site", "t", "team", "web")), "token-1");

    Map<String, Object> retagged = desired(Map.of("site", "t2", "env", "prod"));
    LiveResource updated = provider.update(
        new UpdateRequest(ADDRESS, REGION, created.id(), created.attributes(), retagged, Progress.NONE));

    assertThat(updated.id()).isEqualTo(created.id());
    assertHolds(updated, retagged);
    assertThat(read(created.id(), updated.attributes())).contains(updated);

    acm.addTagsToCertificate(b -> b.certificateArn(created.id()).tags(t -> t.key("owner").value("someone")));
    assertThat(read(created.id(), updated.attributes()).orElseThrow().attributes())
        .containsEntry("tags", Map.of("site", "t2", "env", "prod", "owner", "someone"));
  }

  @Test
  void deleteRemovesItAndAMissingCertificateIsAlreadyDeleted() {
    LiveResource created = create(desired(Map.of()), "token-1");

    provider.delete(new DeleteRequest(ADDRESS, REGION, created.id(), created.attributes(), Progress.NONE));

    assertThat(read(created.id(), created.attributes())).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, REGION, created.id(), created.attributes(), Progress.NONE));
  }

  /** A distribution still deploying its switch to another certificate: wait, report, then fail clearly. */
  @Test
  void deleteOfACertificateInUseWaitsBoundedThenNamesTheDistribution() {
    LiveResource cert = create(desired(Map.of()), "token-1");
    CloudFrontClient cf = clients.cloudFront();
    String distribution = cf.createDistribution(b -> b.distributionConfig(c -> c
        .callerReference("in-use").comment("").enabled(true)
        .aliases(a -> a.quantity(1).items("www.example.com"))
        .origins(o -> o.quantity(1).items(i -> i.id("primary").domainName("site.s3.eu-west-1.amazonaws.com")
            .s3OriginConfig(s -> s.originAccessIdentity(""))))
        .defaultCacheBehavior(d -> d.targetOriginId("primary").viewerProtocolPolicy("redirect-to-https")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6"))
        .viewerCertificate(v -> v.acmCertificateArn(cert.id()).sslSupportMethod("sni-only")
            .minimumProtocolVersion("TLSv1.2_2021")))).distribution().arn();
    AcmCertificateProvider impatient =
        new AcmCertificateProvider(clients, new Waits(Duration.ofMillis(600), Duration.ofMillis(100)));
    List<String> progress = new ArrayList<>();

    assertThatThrownBy(() -> impatient.delete(
            new DeleteRequest(ADDRESS, REGION, cert.id(), cert.attributes(), progress::add)))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.getMessage())
            .contains("certificate " + cert.id() + " is still used by " + distribution)
            .contains("remove it from them")
            .contains("running `siteform apply` or `siteform destroy` again continues the wait"));
    assertThat(progress).isNotEmpty().allSatisfy(m -> assertThat(m)
        .matches("certificate arn:\\S+ is still used by arn:\\S+"));
    assertThat(read(cert.id(), cert.attributes())).isPresent();

    // Once the distribution no longer names it, the delete goes through.
    String id = cf.listDistributions(b -> {}).distributionList().items().get(0).id();
    var config = cf.getDistributionConfig(b -> b.id(id));
    cf.updateDistribution(b -> b.id(id).ifMatch(config.eTag()).distributionConfig(config.distributionConfig().toBuilder()
        .aliases(a -> a.quantity(0)).viewerCertificate(v -> v.cloudFrontDefaultCertificate(true)).build()));
    provider.delete(new DeleteRequest(ADDRESS, REGION, cert.id(), cert.attributes(), Progress.NONE));
    assertThat(read(cert.id(), cert.attributes())).isEmpty();
  }
}
