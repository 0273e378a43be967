package io.siteform.providers.aws.cloudfront;

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
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.state.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

@ExtendWith(MotoExtension.class)
class CloudFrontOriginAccessProviderIT {
  private static final Address ADDRESS = new Address("cloudfront_origin_access", "site");
  private static final String REGION = "us-east-1";

  private final AwsClients clients;
  private final CloudFrontClient cf;
  private final CloudFrontOriginAccessProvider provider;

  CloudFrontOriginAccessProviderIT(MotoServer moto) {
    this.clients = moto.newClients();
    this.cf = clients.cloudFront();
    this.provider = new CloudFrontOriginAccessProvider(clients, Waits.DEFAULTS);
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  static Map<String, Object> oac(String description) {
    return Map.of("kind", "oac", "name", "siteform-ticket-service-ui", "description", description,
        "origin_type", "s3", "signing_behavior", "always", "signing_protocol", "sigv4");
  }

  static Map<String, Object> oai(String comment) {
    return Map.of("kind", "oai", "comment", comment);
  }

  private LiveResource create(Map<String, Object> desired) {
    return provider.create(new CreateRequest(ADDRESS, REGION, desired, Progress.NONE));
  }

  private Optional<LiveResource> read(String id, Map<String, Object> prior) {
    return provider.read(new ReadRequest(ADDRESS, REGION, id, prior));
  }

  private static void assertHolds(LiveResource live, Map<String, Object> desired) {
    Values.copyMap(desired).forEach((k, v) -> assertThat(live.attributes()).as(k).containsEntry(k, v));
  }

  @Test
  void oacLifecycle() {
    Map<String, Object> desired = oac("ticket-service-ui: CloudFront reads the site's buckets");
    LiveResource created = create(desired);

    assertHolds(created, desired);
    assertThat(created.attributes()).containsEntry("iam_arn", "").containsEntry("s3_canonical_user_id", "");
    LiveResource read = read(created.id(), created.attributes()).orElseThrow();
    assertThat(read).isEqualTo(created);

    Map<String, Object> changed = oac("new description");
    LiveResource updated = provider.update(
        new UpdateRequest(ADDRESS, REGION, created.id(), read.attributes(), changed, Progress.NONE));
    assertHolds(updated, changed);
    assertThat(read(created.id(), updated.attributes()).orElseThrow()).isEqualTo(updated);

    // drift: someone changes the signing behaviour by hand
    String etag = cf.getOriginAccessControlConfig(b -> b.id(created.id())).eTag();
    cf.updateOriginAccessControl(b -> b.id(created.id()).ifMatch(etag).originAccessControlConfig(c -> c
        .name("siteform-ticket-service-ui").description("new description").originAccessControlOriginType("s3")
        .signingBehavior("no-override").signingProtocol("sigv4")));
    assertThat(read(created.id(), updated.attributes()).orElseThrow().attributes())
        .containsEntry("signing_behavior", "no-override");

    provider.delete(new DeleteRequest(ADDRESS, REGION, created.id(), updated.attributes(), Progress.NONE));
    assertThat(read(created.id(), updated.attributes())).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, REGION, created.id(), updated.attributes(), Progress.NONE));
  }

  @Test
  void oaiLifecycle() {
    Map<String, Object> desired = oai("ticket-service-ui");
    LiveResource created = create(desired);

    assertHolds(created, desired);
    assertThat(created.attributes())
        .containsEntry("iam_arn", "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity " + created.id());
    assertThat((String) created.attributes().get("s3_canonical_user_id")).isNotBlank();
    LiveResource read = read(created.id(), created.attributes()).orElseThrow();
    assertThat(read).isEqualTo(created);

    Map<String, Object> changed = oai("ticket-service-ui (legacy access)");
    LiveResource updated = provider.update(
        new UpdateRequest(ADDRESS, REGION, created.id(), read.attributes(), changed, Progress.NONE));
    assertHolds(updated, changed);
    assertThat(updated.id()).isEqualTo(created.id());

    // drift: a hand-edited comment
    var config = cf.getCloudFrontOriginAccessIdentityConfig(b -> b.id(created.id()));
    cf.updateCloudFrontOriginAccessIdentity(b -> b.id(created.id()).ifMatch(config.eTag())
        .cloudFrontOriginAccessIdentityConfig(config.cloudFrontOriginAccessIdentityConfig().toBuilder().comment("by hand").build()));
    assertThat(read(created.id(), updated.attributes()).orElseThrow().attributes()).containsEntry("comment", "by hand");

    provider.delete(new DeleteRequest(ADDRESS, REGION, created.id(), updated.attributes(), Progress.NONE));
    assertThat(read(created.id(), updated.attributes())).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, REGION, created.id(), updated.attributes(), Progress.NONE));
  }

  /** An apply killed between CloudFront's answer and the state write creates again: it must adopt. */
  @Test
  void retriedOacCreateAdoptsTheFirstAndBringsItToTheSpec() {
    LiveResource first = create(oac("first attempt"));
    List<String> progress = new ArrayList<>();

    LiveResource second = provider.create(new CreateRequest(ADDRESS, REGION, oac("second attempt"), progress::add));

    assertThat(second.id()).isEqualTo(first.id());
    assertHolds(second, oac("second attempt"));
    assertThat(progress).anySatisfy(m -> assertThat(m).contains("adopting").contains(first.id()));
    assertThat(cf.listOriginAccessControls(b -> {}).originAccessControlList().items()).hasSize(1);
  }

  @Test
  void retriedOaiCreateAdoptsTheFirst() {
    LiveResource first = create(oai("ticket-service-ui"));
    LiveResource second = create(oai("ticket-service-ui"));

    assertThat(second).isEqualTo(first);
    assertThat(cf.listCloudFrontOriginAccessIdentities(b -> {}).cloudFrontOriginAccessIdentityList().items()).hasSize(1);
  }

  @Test
  void importFindsEitherKindByIdAlone() {
    LiveResource oac = create(oac("d"));
    LiveResource oai = create(oai("c"));

    assertThat(read(oac.id(), Map.of())).contains(oac);
    assertThat(read(oai.id(), Map.of())).contains(oai);
    assertThat(read("ENOSUCHTHING12", Map.of())).isEmpty();
  }

  /** A distribution still deploying the removal of its origin: wait, report, then fail clearly. */
  @Test
  void deleteOfAnIdentityInUseWaitsBoundedThenFailsClearly() {
    LiveResource oai = create(oai("in use"));
    cf.createDistribution(b -> b.distributionConfig(c -> c
        .callerReference("in-use").comment("").enabled(true)
        .origins(o -> o.quantity(1).items(i -> i.id("primary").domainName("site.s3.eu-west-1.amazonaws.com")
            .s3OriginConfig(s -> s.originAccessIdentity("origin-access-identity/cloudfront/" + oai.id()))))
        .defaultCacheBehavior(d -> d.targetOriginId("primary").viewerProtocolPolicy("redirect-to-https")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6"))));
    CloudFrontOriginAccessProvider impatient =
        new CloudFrontOriginAccessProvider(clients, FakeClock.instant(new Waits(Duration.ofSeconds(3), Duration.ofSeconds(1))));
    List<String> progress = new ArrayList<>();

    assertThatThrownBy(() -> impatient.delete(
            new DeleteRequest(ADDRESS, REGION, oai.id(), oai.attributes(), progress::add)))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.getMessage()).contains(oai.id()).contains("still used by a distribution");
          assertThat(e.errorCode()).contains("CloudFrontOriginAccessIdentityInUse");
        });
    assertThat(progress).isNotEmpty().allSatisfy(m -> assertThat(m).contains("a distribution to stop using"));
    assertThat(read(oai.id(), oai.attributes())).isPresent();
  }

  @Test
  void callerReferenceIsStablePerComment() {
    assertThat(CloudFrontOriginAccessProvider.callerReference("a"))
        .isEqualTo(CloudFrontOriginAccessProvider.callerReference("a"))
        .isNotEqualTo(CloudFrontOriginAccessProvider.callerReference("b"))
        .startsWith("siteform-");
  }
}
