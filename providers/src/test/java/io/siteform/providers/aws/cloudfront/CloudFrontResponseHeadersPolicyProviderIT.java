package io.siteform.providers.aws.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.ImportRequest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.FrameOptionsList;

@ExtendWith(MotoExtension.class)
class CloudFrontResponseHeadersPolicyProviderIT {
  private static final Address ADDRESS = new Address("cloudfront_response_headers_policy", "site");
  private static final String REGION = "us-east-1";

  private final AwsClients clients;
  private final CloudFrontClient cf;
  private final CloudFrontResponseHeadersPolicyProvider provider;

  CloudFrontResponseHeadersPolicyProviderIT(MotoServer moto) {
    this.clients = moto.newClients();
    this.cf = clients.cloudFront();
    this.provider = new CloudFrontResponseHeadersPolicyProvider(clients, Waits.DEFAULTS);
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  /** As EdgeResources writes it for a map of headers. */
  static Map<String, Object> desired(String csp) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", "siteform-ticket-service-ui-security-headers");
    d.put("comment", "siteform: security headers of ticket-service-ui");
    d.put("hsts", Map.of("max_age", 63072000L, "include_subdomains", true, "preload", false));
    d.put("content_security_policy", csp);
    d.put("frame_options", "DENY");
    d.put("referrer_policy", "strict-origin-when-cross-origin");
    d.put("content_type_options", true);
    d.put("custom_headers", Map.of("Permissions-Policy", "camera=()", "X-Site", "siteform"));
    return d;
  }

  private LiveResource create(Map<String, Object> d) {
    return provider.create(new CreateRequest(ADDRESS, REGION, d, Progress.NONE));
  }

  private Optional<LiveResource> read(String id) {
    return provider.read(new ReadRequest(ADDRESS, REGION, id, Map.of()));
  }

  @Test
  void createReadUpdateDeleteRoundTripTheSpecsShape() {
    Map<String, Object> d = desired("default-src 'self'");
    LiveResource made = create(d);
    assertThat(made.attributes()).isEqualTo(Values.copyMap(d));
    assertThat(read(made.id())).get().extracting(LiveResource::attributes).isEqualTo(Values.copyMap(d));
    var written = cf.getResponseHeadersPolicyConfig(b -> b.id(made.id())).responseHeadersPolicyConfig();
    assertThat(written.securityHeadersConfig().strictTransportSecurity().accessControlMaxAgeSec()).isEqualTo(63072000);
    assertThat(written.securityHeadersConfig().frameOptions().frameOption()).isEqualTo(FrameOptionsList.DENY);
    assertThat(written.securityHeadersConfig().frameOptions().override()).isTrue();
    assertThat(written.customHeadersConfig().quantity()).isEqualTo(2);

    // fewer headers: no HSTS, no frame options, no custom headers
    Map<String, Object> fewer = desired("default-src 'self'; img-src *");
    fewer.put("hsts", Map.of());
    fewer.put("frame_options", "");
    fewer.put("content_type_options", false);
    fewer.put("custom_headers", Map.of());
    LiveResource updated = provider.update(new UpdateRequest(ADDRESS, REGION, made.id(), made.attributes(), fewer, Progress.NONE));
    assertThat(updated.id()).isEqualTo(made.id());
    assertThat(updated.attributes()).isEqualTo(Values.copyMap(fewer));
    var after = cf.getResponseHeadersPolicyConfig(b -> b.id(made.id())).responseHeadersPolicyConfig();
    assertThat(after.securityHeadersConfig().strictTransportSecurity()).isNull();
    assertThat(after.securityHeadersConfig().contentTypeOptions()).isNull();

    provider.delete(new DeleteRequest(ADDRESS, REGION, made.id(), updated.attributes(), Progress.NONE));
    assertThat(read(made.id())).isEmpty();
    // a second delete of what is gone is no error
    provider.delete(new DeleteRequest(ADDRESS, REGION, made.id(), updated.attributes(), Progress.NONE));
  }

  @Test
  void aChangeMadeByHandIsReadAsItIsAndImportFindsThePolicyById() {
    LiveResource made = create(desired("default-src 'self'"));
    var current = cf.getResponseHeadersPolicyConfig(b -> b.id(made.id()));
    cf.updateResponseHeadersPolicy(b -> b.id(made.id()).ifMatch(current.eTag()).responseHeadersPolicyConfig(
        current.responseHeadersPolicyConfig().toBuilder().securityHeadersConfig(s -> s
            .frameOptions(f -> f.override(true).frameOption(FrameOptionsList.SAMEORIGIN))).build()));
    Map<String, Object> drifted = read(made.id()).orElseThrow().attributes();
    assertThat(drifted).containsEntry("frame_options", "SAMEORIGIN").containsEntry("hsts", Map.of())
        .containsEntry("content_security_policy", "");

    LiveResource imported = provider.importResource(new ImportRequest(ADDRESS, REGION, made.id())).orElseThrow();
    assertThat(imported.id()).isEqualTo(made.id());
    assertThat(imported.attributes()).isEqualTo(drifted);
    assertThat(provider.importResource(new ImportRequest(ADDRESS, REGION, "00000000-0000-0000-0000-000000000000"))).isEmpty();
  }

  /** An apply killed after CloudFront made the policy: the retried create adopts it by name. */
  @Test
  void aRetriedCreateAdoptsThePolicyOfItsName() {
    LiveResource first = create(desired("default-src 'self'"));
    List<String> progress = new ArrayList<>();
    LiveResource again = provider.create(new CreateRequest(ADDRESS, REGION, desired("default-src 'none'"), progress::add));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.attributes()).containsEntry("content_security_policy", "default-src 'none'");
    assertThat(progress).singleElement().asString().contains("adopting the existing response headers policy");
  }

  @Test
  void deleteWhileADistributionNamesItWaitsBoundedThenFailsClearly() {
    LiveResource made = create(desired("default-src 'self'"));
    cf.createDistribution(b -> b.distributionConfig(c -> c
        .callerReference("in-use").comment("").enabled(true)
        .origins(o -> o.quantity(1).items(i -> i.id("primary").domainName("site.s3.eu-west-1.amazonaws.com")
            .s3OriginConfig(s -> s.originAccessIdentity(""))))
        .defaultCacheBehavior(d -> d.targetOriginId("primary").viewerProtocolPolicy("redirect-to-https")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6").responseHeadersPolicyId(made.id()))));
    var impatient = new CloudFrontResponseHeadersPolicyProvider(clients,
        FakeClock.instant(new Waits(Duration.ofSeconds(3), Duration.ofSeconds(1))));
    List<String> progress = new ArrayList<>();
    assertThatThrownBy(() -> impatient.delete(new DeleteRequest(ADDRESS, REGION, made.id(), made.attributes(), progress::add)))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.getMessage()).contains(made.id(), "still named by a cache behaviour");
          assertThat(e.errorCode()).contains("ResponseHeadersPolicyInUse");
        });
    assertThat(progress).isNotEmpty().allSatisfy(m -> assertThat(m).contains("the distribution to stop using"));
    assertThat(read(made.id())).isPresent();
  }
}
