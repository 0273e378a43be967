package io.siteform.providers.aws.cloudfront;

import static io.siteform.providers.aws.cloudfront.DistributionFixtures.desired;
import static io.siteform.providers.aws.cloudfront.DistributionFixtures.oacOrigin;
import static io.siteform.providers.aws.cloudfront.DistributionFixtures.oaiOrigin;
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
import io.siteform.providers.aws.FakeClock;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.testing.FaultProxy;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.state.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;

@ExtendWith(MotoExtension.class)
class CloudFrontDistributionProviderIT {
  private static final Address ADDRESS = new Address("cloudfront_distribution", "site");
  private static final String REGION = "us-east-1";
  private static final Waits FAST = new Waits(Duration.ofSeconds(30), Duration.ofMillis(100));
  private static final String ACM = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000";

  private final MotoServer moto;
  private final AwsClients clients;
  private final CloudFrontClient cf;
  private final CloudFrontDistributionProvider provider;

  CloudFrontDistributionProviderIT(MotoServer moto) {
    this.moto = moto;
    this.clients = moto.newClients();
    this.cf = clients.cloudFront();
    this.provider = new CloudFrontDistributionProvider(clients, FAST);
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  private String oacId;

  /** The test's origin access control (CloudFront keeps OAC names unique: one per test). */
  private String oac() {
    if (oacId == null) oacId = createOac();
    return oacId;
  }

  private String createOac() {
    return cf.createOriginAccessControl(b -> b.originAccessControlConfig(c -> c.name("siteform-ticket-service-ui")
        .description("").originAccessControlOriginType("s3").signingBehavior("always").signingProtocol("sigv4")))
        .originAccessControl().id();
  }

  private Map<String, Object> oacSite(Consumer<Map<String, Object>> change) {
    String oac = oac();
    return desired(change, oacOrigin("primary", "tsui-primary", "eu-west-1", oac),
        oacOrigin("replica", "tsui-replica", "us-east-1", oac));
  }

  private static Map<String, Object> withReference(Map<String, Object> desired, String reference) {
    Map<String, Object> out = new HashMap<>(desired);
    out.put("caller_reference", reference);
    return out;
  }

  private LiveResource create(CloudFrontDistributionProvider p, Map<String, Object> desired, String ref, Progress progress) {
    return p.create(new CreateRequest(ADDRESS, REGION, withReference(desired, ref), progress));
  }

  private Optional<LiveResource> read(String id) {
    return provider.read(new ReadRequest(ADDRESS, REGION, id, Map.of()));
  }

  /** A plan would show no change: every desired attribute reads back equal. */
  private static void assertNoDiff(LiveResource live, Map<String, Object> desired) {
    Values.copyMap(desired).forEach((k, v) -> assertThat(live.attributes()).as(k).containsEntry(k, v));
  }

  private int distributionCount() {
    var items = cf.listDistributions(b -> {}).distributionList().items();
    return items == null ? 0 : items.size();
  }

  @Test
  void createsWithOriginAccessControlAndReadsBackWithoutDiff() {
    Map<String, Object> desired = oacSite(d -> {});
    List<String> progress = new ArrayList<>();

    LiveResource created = create(provider, desired, "siteform-ref-1", progress::add);

    assertNoDiff(created, desired);
    assertThat(created.attributes())
        .containsEntry("arn", "arn:aws:cloudfront::123456789012:distribution/" + created.id())
        .containsEntry("status", "Deployed")
        .containsEntry("caller_reference", "siteform-ref-1");
    assertThat((String) created.attributes().get("domain_name")).endsWith(".cloudfront.net");
    // a wait reports only what is still pending; the create's completion is the engine's to report
    assertThat(progress).allSatisfy(m -> assertThat(m).startsWith("distribution " + created.id() + " is InProgress"));
    assertThat(read(created.id())).contains(created);

    DistributionConfig config = cf.getDistributionConfig(b -> b.id(created.id())).distributionConfig();
    assertThat(config.callerReference()).isEqualTo("siteform-ref-1");
    assertThat(config.defaultCacheBehavior().targetOriginId()).isEqualTo("failover");
    assertThat(config.originGroups().items()).singleElement().satisfies(g -> {
      assertThat(g.id()).isEqualTo("failover");
      assertThat(g.members().items()).extracting(m -> m.originId()).containsExactly("primary", "replica");
    });
    String oac = (String) ((Map<?, ?>) ((List<?>) desired.get("origins")).get(0)).get("origin_access_control_id");
    assertThat(config.origins().items()).allSatisfy(o -> {
      assertThat(o.originAccessControlId()).isEqualTo(oac);
      assertThat(o.s3OriginConfig().originAccessIdentity()).isEmpty();
    });
    assertThat(cf.listTagsForResource(b -> b.resource((String) created.attributes().get("arn"))).tags().items())
        .extracting(t -> t.key() + "=" + t.value()).containsExactlyInAnyOrder("siteform:site=ticket-service-ui", "team=web");
  }

  /**
   * With the ARN state recorded, the refresh asks for the tags without waiting for the
   * distribution: its GetDistribution is held at a proxy until the tags' request arrives, which
   * it never would after. A distribution gone since reads as gone.
   */
  @Test
  void aRefreshAsksForTheDistributionAndItsTagsAtOnce() {
    LiveResource created = create(provider, oacSite(d -> {}), "siteform-ref-together", Progress.NONE);
    try (FaultProxy proxy = new FaultProxy(moto.endpoint(), 100);
        AwsClients viaProxy = proxy.newClients()) {
      FaultProxy.Hold distribution = proxy.hold(r -> r.path().endsWith("/distribution/" + created.id()),
          r -> r.path().endsWith("/tagging"), 1);
      CloudFrontDistributionProvider p = new CloudFrontDistributionProvider(viaProxy, FAST);

      Optional<LiveResource> live = p.read(new ReadRequest(ADDRESS, REGION, created.id(), created.attributes()));

      assertThat(live).contains(created);
      assertThat(distribution.metWhileHeld()).isTrue();
      assertThat(p.read(new ReadRequest(ADDRESS, REGION, "E0GONE0GONE0GO", Map.of("arn",
          "arn:aws:cloudfront::123456789012:distribution/E0GONE0GONE0GO")))).isEmpty();
    }
  }

  @Test
  void createsWithLegacyOriginAccessIdentityAndAnAcmCertificate() {
    String oai = cf.createCloudFrontOriginAccessIdentity(b -> b.cloudFrontOriginAccessIdentityConfig(c -> c
        .callerReference("oai").comment("siteform: ticket-service-ui"))).cloudFrontOriginAccessIdentity().id();
    Map<String, Object> desired = desired(d -> {
      d.put("aliases", List.of("example.com", "www.example.com"));
      d.put("viewer_certificate", Map.of("acm_certificate_arn", ACM, "ssl_support_method", "sni-only",
          "minimum_protocol_version", "TLSv1.2_2021"));
      d.put("custom_error_responses", List.of());
    }, oaiOrigin("primary", "tsui-primary", "eu-west-1", oai), oaiOrigin("replica", "tsui-replica", "us-east-1", oai));

    LiveResource created = create(provider, desired, "siteform-ref-oai", Progress.NONE);

    assertNoDiff(created, desired);
    assertThat(read(created.id())).contains(created);
    DistributionConfig config = cf.getDistributionConfig(b -> b.id(created.id())).distributionConfig();
    assertThat(config.origins().items()).allSatisfy(o -> {
      assertThat(o.s3OriginConfig().originAccessIdentity()).isEqualTo("origin-access-identity/cloudfront/" + oai);
      assertThat(o.originAccessControlId()).isEmpty();
    });
    assertThat(config.viewerCertificate().cloudFrontDefaultCertificate()).isFalse();
    assertThat(config.viewerCertificate().acmCertificateArn()).isEqualTo(ACM);
  }

  /**
   * CloudFront may not yet see a certificate ACM has just issued and answer InvalidViewerCertificate
   * to the create and to an update (hashicorp cloudfront/distribution.go retries both): waited out.
   */
  @Test
  void aCertificateCloudFrontDoesNotSeeYetIsWaitedForOnCreateAndUpdate() {
    moto.untidy("cloudfront_viewer_certificate_propagation");
    String oai = cf.createCloudFrontOriginAccessIdentity(b -> b.cloudFrontOriginAccessIdentityConfig(c -> c
        .callerReference("oai").comment("siteform: ticket-service-ui"))).cloudFrontOriginAccessIdentity().id();
    Map<String, Object> desired = desired(d -> {
      d.put("aliases", List.of("www.example.com"));
      d.put("viewer_certificate", Map.of("acm_certificate_arn", ACM, "ssl_support_method", "sni-only",
          "minimum_protocol_version", "TLSv1.2_2021"));
    }, oaiOrigin("primary", "tsui-primary", "eu-west-1", oai), oaiOrigin("replica", "tsui-replica", "us-east-1", oai));
    List<String> progress = new ArrayList<>();

    LiveResource created = create(provider, desired, "siteform-ref-cert", progress::add);

    assertNoDiff(created, desired);
    assertThat(progress).contains(
        "waiting for CloudFront to see the certificate ACM has just issued (AWS answered InvalidViewerCertificate)");

    String renewed = ACM.replace("0a1b2c3d", "9f8e7d6c");
    Map<String, Object> moved = new LinkedHashMap<>(desired);
    moved.put("viewer_certificate", Map.of("acm_certificate_arn", renewed, "ssl_support_method", "sni-only",
        "minimum_protocol_version", "TLSv1.2_2021"));
    progress.clear();
    LiveResource updated = provider.update(
        new UpdateRequest(ADDRESS, REGION, created.id(), created.attributes(), moved, progress::add));
    assertNoDiff(updated, moved);
    assertThat(progress).contains(
        "waiting for CloudFront to see the certificate ACM has just issued (AWS answered InvalidViewerCertificate)");
  }

  @Test
  void updatesPriceClassAndTagsInPlace() {
    Map<String, Object> desired = oacSite(d -> {});
    LiveResource created = create(provider, desired, "siteform-ref-1", Progress.NONE);
    String etag = cf.getDistribution(b -> b.id(created.id())).eTag();
    moto.progressAfter("cloudfront::distribution", 1); // the update takes a second to deploy
    Map<String, Object> changed = new LinkedHashMap<>(desired);
    changed.put("price_class", "PriceClass_All");
    changed.put("tags", Map.of("siteform:site", "ticket-service-ui", "owner", "platform"));
    List<String> progress = new ArrayList<>();

    LiveResource updated = provider.update(
        new UpdateRequest(ADDRESS, REGION, created.id(), created.attributes(), changed, progress::add));

    assertThat(updated.id()).isEqualTo(created.id());
    assertNoDiff(updated, changed);
    assertThat(updated.attributes()).containsEntry("status", "Deployed").containsEntry("caller_reference", "siteform-ref-1");
    assertThat(read(created.id())).contains(updated);
    assertThat(cf.getDistribution(b -> b.id(created.id())).eTag()).isNotEqualTo(etag);
    // the update put it back in progress, and the provider waited for it
    assertThat(progress).isNotEmpty()
        .allSatisfy(m -> assertThat(m).startsWith("distribution " + created.id() + " is InProgress"));
    assertThat(distributionCount()).isEqualTo(1);
  }

  /** A change of tags alone does not send the configuration, which would redeploy it all. */
  @Test
  void aTagOnlyUpdateLeavesTheConfigurationAlone() {
    Map<String, Object> desired = oacSite(d -> {});
    LiveResource created = create(provider, desired, "siteform-ref-1", Progress.NONE);
    String etag = cf.getDistribution(b -> b.id(created.id())).eTag();
    Map<String, Object> changed = new LinkedHashMap<>(desired);
    changed.put("tags", Map.of());

    LiveResource updated = provider.update(
        new UpdateRequest(ADDRESS, REGION, created.id(), created.attributes(), changed, Progress.NONE));

    assertThat(updated.attributes()).containsEntry("tags", Map.of());
    assertThat(cf.getDistribution(b -> b.id(created.id())).eTag()).isEqualTo(etag);
  }

  /** Someone changes the distribution between the provider's GetDistributionConfig and its write. */
  @Test
  void anETagConflictIsRetriedOnAFreshConfiguration() {
    Map<String, Object> desired = oacSite(d -> {});
    LiveResource created = create(provider, desired, "siteform-ref-1", Progress.NONE);
    AtomicInteger writes = new AtomicInteger();
    CloudFrontDistributionProvider raced = new CloudFrontDistributionProvider(clients, FakeClock.instant(FAST), id -> {
      if (writes.incrementAndGet() == 1) changeBehindTheProvidersBack(id, c -> c.comment("edited in the console"));
    });
    Map<String, Object> changed = new LinkedHashMap<>(desired);
    changed.put("default_root_object", "home.html");
    List<String> progress = new ArrayList<>();

    LiveResource updated = raced.update(
        new UpdateRequest(ADDRESS, REGION, created.id(), created.attributes(), changed, progress::add));

    assertThat(writes).hasValue(2);
    assertThat(progress).anySatisfy(m -> assertThat(m).contains("distribution " + created.id() + " to stop changing"));
    // the retry read the console's edit and overwrote it with the spec
    assertNoDiff(updated, changed);
  }

  @Test
  void aDisableThatRacesAnotherWriterIsRetriedTooAndTheDeleteStillHappens() {
    LiveResource created = create(provider, oacSite(d -> {}), "siteform-ref-1", Progress.NONE);
    AtomicInteger writes = new AtomicInteger();
    CloudFrontDistributionProvider raced = new CloudFrontDistributionProvider(clients, FakeClock.instant(FAST), id -> {
      if (writes.incrementAndGet() == 1) changeBehindTheProvidersBack(id, c -> c.comment("edited in the console"));
    });

    raced.delete(new DeleteRequest(ADDRESS, REGION, created.id(), created.attributes(), Progress.NONE));

    assertThat(writes).hasValue(3); // the raced disable, its retry, the delete
    assertThat(read(created.id())).isEmpty();
  }

  /** Someone enables it again just before the delete: CloudFront refuses, so it is disabled again. */
  @Test
  void aDistributionEnabledAgainBeforeTheDeleteIsDisabledAgain() {
    LiveResource created = create(provider, oacSite(d -> {}), "siteform-ref-1", Progress.NONE);
    AtomicInteger writes = new AtomicInteger();
    CloudFrontDistributionProvider raced = new CloudFrontDistributionProvider(clients, FakeClock.instant(FAST), id -> {
      if (writes.incrementAndGet() == 2) changeBehindTheProvidersBack(id, c -> c.enabled(true));
    });
    List<String> progress = new ArrayList<>();

    raced.delete(new DeleteRequest(ADDRESS, REGION, created.id(), created.attributes(), progress::add));

    // disable, delete (refused: enabled again), disable, delete; one more if the refusal is a 412 first
    assertThat(writes.get()).isBetween(4, 5);
    assertThat(progress).anySatisfy(m -> assertThat(m).startsWith("waiting for distribution " + created.id()
        + " to be disabled (AWS answered DistributionNotDisabled)"));
    assertThat(read(created.id())).isEmpty();
  }

  private void changeBehindTheProvidersBack(String id, Consumer<DistributionConfig.Builder> change) {
    var current = cf.getDistributionConfig(b -> b.id(id));
    DistributionConfig.Builder edited = current.distributionConfig().toBuilder();
    change.accept(edited);
    cf.updateDistribution(b -> b.id(id).ifMatch(current.eTag()).distributionConfig(edited.build()));
  }

  /** An apply that died before recording the id creates again with the recorded caller_reference. */
  @Test
  void aRetriedCreateAdoptsTheDistributionOfTheEarlierAttempt() {
    Map<String, Object> desired = oacSite(d -> {});
    LiveResource first = create(provider, desired, "siteform-ref-1", Progress.NONE);
    List<String> progress = new ArrayList<>();

    LiveResource again = create(provider, desired, "siteform-ref-1", progress::add);

    assertThat(again).isEqualTo(first);
    assertThat(progress).contains("adopting distribution " + first.id() + " created by an earlier apply");
    assertThat(distributionCount()).isEqualTo(1);

    // the spec changed before the apply was run again: adopted and brought to the new spec
    Map<String, Object> changed = new LinkedHashMap<>(desired);
    changed.put("price_class", "PriceClass_200");
    changed.put("tags", Map.of("siteform:site", "ticket-service-ui"));
    LiveResource adopted = create(provider, changed, "siteform-ref-1", Progress.NONE);

    assertThat(adopted.id()).isEqualTo(first.id());
    assertNoDiff(adopted, changed);
    assertThat(distributionCount()).isEqualTo(1);
  }

  /** The fallback when CloudFront's error does not name the distribution. */
  @Test
  void findsADistributionByItsCallerReference() {
    List<String> ids = new ArrayList<>();
    for (String ref : List.of("ref-a", "ref-b", "ref-c")) {
      ids.add(create(provider, oacSite(d -> d.put("comment", ref)), ref, Progress.NONE).id());
    }

    assertThat(CloudFrontDistributionProvider.findByCallerReference(cf, "ref-b")).contains(ids.get(1));
    assertThat(CloudFrontDistributionProvider.findByCallerReference(cf, "ref-z")).isEmpty();
  }

  @Test
  void readShowsChangesMadeOutsideSiteform() {
    LiveResource created = create(provider, oacSite(d -> {}), "siteform-ref-1", Progress.NONE);

    changeBehindTheProvidersBack(created.id(), c -> c.priceClass("PriceClass_All").isIPV6Enabled(false));
    cf.untagResource(b -> b.resource((String) created.attributes().get("arn")).tagKeys(k -> k.items("team")));

    Map<String, Object> live = read(created.id()).orElseThrow().attributes();
    assertThat(live).containsEntry("price_class", "PriceClass_All").containsEntry("ipv6", false)
        .containsEntry("tags", Map.of("siteform:site", "ticket-service-ui"));
  }

  @Test
  void deleteDisablesWaitsForTheDeploymentThenDeletes() {
    LiveResource created = create(provider, oacSite(d -> {}), "siteform-ref-1", Progress.NONE);
    moto.progressAfter("cloudfront::distribution", 1); // the disable takes a second to deploy
    List<String> progress = new ArrayList<>();

    provider.delete(new DeleteRequest(ADDRESS, REGION, created.id(), created.attributes(), progress::add));

    assertThat(read(created.id())).isEmpty();
    assertThat(progress.get(0))
        .isEqualTo("disabling distribution " + created.id() + " (CloudFront deletes only disabled distributions)");
    assertThat(progress.subList(1, progress.size())).isNotEmpty()
        .allSatisfy(m -> assertThat(m).startsWith("distribution " + created.id() + " is InProgress"));
    assertThatThrownBy(() -> cf.getDistribution(b -> b.id(created.id())))
        .isInstanceOfSatisfying(CloudFrontException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    // already gone: nothing to do
    provider.delete(new DeleteRequest(ADDRESS, REGION, created.id(), created.attributes(), Progress.NONE));
  }

  @Test
  void aMissingDistributionReadsAsGone() {
    assertThat(read("E2NOSUCHDIST00")).isEmpty();
  }

  /**
   * CloudFront takes its time: the wait says what it waits for, and polls until Deployed without
   * saying the unchanged status again at each look (Poller.SAY_AGAIN_AFTER).
   */
  @Test
  void waitsForDeployedSayingTheStatusOnceWhileItStaysTheSame() {
    moto.progressAfter("cloudfront::distribution", 1);
    List<String> progress = new ArrayList<>();

    LiveResource created = create(provider, oacSite(d -> {}), "siteform-ref-1", progress::add);

    assertThat(created.attributes()).containsEntry("status", "Deployed");
    assertThat(progress).containsExactly("distribution " + created.id() + " is InProgress");
  }

  /** Past the wait timeout the create fails; running apply again (same caller_reference) picks it up. */
  @Test
  void aCreateStillDeployingAtTheTimeoutFailsAndTheNextApplyContinues() {
    moto.progressAfter("cloudfront::distribution", 60);
    CloudFrontDistributionProvider impatient =
        new CloudFrontDistributionProvider(clients, new Waits(Duration.ofMillis(500), Duration.ofMillis(100)));
    Map<String, Object> desired = oacSite(d -> {});

    assertThatThrownBy(() -> create(impatient, desired, "siteform-ref-1", Progress.NONE))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.getMessage())
            .contains("cloudfront_distribution.site: create: gave up waiting after 0s: distribution ")
            .contains(" is InProgress; CloudFront carries on deploying by itself")
            .contains("running `siteform apply` again continues the wait"));

    moto.progressAfter("cloudfront::distribution", 0);
    List<String> progress = new ArrayList<>();
    LiveResource created = create(provider, desired, "siteform-ref-1", progress::add);
    assertThat(progress).anySatisfy(m -> assertThat(m).startsWith("adopting distribution " + created.id()));
    assertThat(created.attributes()).containsEntry("status", "Deployed");
    assertNoDiff(created, desired);
    assertThat(distributionCount()).isEqualTo(1);
  }
}
