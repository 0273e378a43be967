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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.EventType;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;

@ExtendWith(MotoExtension.class)
class CloudFrontFunctionProviderIT {
  private static final Address ADDRESS = new Address("cloudfront_function", "site");
  private static final String REGION = "us-east-1";
  private static final String NAME = "siteform-ticket-service-ui-viewer-request";
  private static final String CODE = "function handler(event) { return event.request; }\n";
  private static final String CODE_2 = "function handler(event) { var r = event.request; r.uri = '/index.html'; return r; }\n";

  private final AwsClients clients;
  private final CloudFrontClient cf;
  private final CloudFrontFunctionProvider provider;

  CloudFrontFunctionProviderIT(MotoServer moto) {
    this.clients = moto.newClients();
    this.cf = clients.cloudFront();
    this.provider = new CloudFrontFunctionProvider(clients, Waits.DEFAULTS);
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  static Map<String, Object> desired(String comment, String code) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", NAME);
    d.put("comment", comment);
    d.put("runtime", "cloudfront-js-2.0");
    d.put("code", code);
    return d;
  }

  private Optional<LiveResource> read(String id) {
    return provider.read(new ReadRequest(ADDRESS, REGION, id, Map.of()));
  }

  private String liveCode() {
    return cf.getFunction(b -> b.name(NAME).stage(FunctionStage.LIVE)).functionCode().asUtf8String();
  }

  @Test
  void createPublishesAndAnUpdatePublishesTheNewCodeUnderTheSameArn() {
    Map<String, Object> d = desired("siteform: ticket-service-ui: spa routing", CODE);
    List<LiveResource> checkpoints = new ArrayList<>();
    LiveResource made = provider.create(new CreateRequest(ADDRESS, REGION, d, Progress.NONE, checkpoints::add));
    assertThat(made.id()).isEqualTo(NAME);
    assertThat(made.attributes()).containsAllEntriesOf(d)
        .containsEntry("arn", "arn:aws:cloudfront::123456789012:function/" + NAME);
    assertThat(checkpoints).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(NAME));
    assertThat(liveCode()).isEqualTo(CODE);
    assertThat(read(NAME)).get().isEqualTo(made);

    Map<String, Object> d2 = desired("siteform: ticket-service-ui: pretty_urls routing", CODE_2);
    LiveResource updated = provider.update(new UpdateRequest(ADDRESS, REGION, NAME, made.attributes(), d2, Progress.NONE));
    assertThat(updated.attributes()).containsAllEntriesOf(d2).containsEntry("arn", made.attributes().get("arn"));
    assertThat(liveCode()).isEqualTo(CODE_2);

    provider.delete(new DeleteRequest(ADDRESS, REGION, NAME, updated.attributes(), Progress.NONE));
    assertThat(read(NAME)).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, REGION, NAME, updated.attributes(), Progress.NONE));
  }

  @Test
  void codeChangedOrLeftUnpublishedByHandReadsAsItRunsAndImportFindsItByName() {
    provider.create(new CreateRequest(ADDRESS, REGION, desired("c", CODE), Progress.NONE));
    String etag = cf.describeFunction(b -> b.name(NAME)).eTag();
    cf.updateFunction(b -> b.name(NAME).ifMatch(etag).functionConfig(c -> c.comment("by hand").runtime("cloudfront-js-2.0"))
        .functionCode(SdkBytes.fromString(CODE_2, StandardCharsets.UTF_8)));
    // updated, not published: viewers still run the old code, and so does the read
    assertThat(read(NAME).orElseThrow().attributes()).containsEntry("code", CODE).containsEntry("comment", "c");
    String etag2 = cf.describeFunction(b -> b.name(NAME)).eTag();
    cf.publishFunction(b -> b.name(NAME).ifMatch(etag2));
    assertThat(read(NAME).orElseThrow().attributes()).containsEntry("code", CODE_2).containsEntry("comment", "by hand");

    LiveResource imported = provider.importResource(new ImportRequest(ADDRESS, REGION, NAME)).orElseThrow();
    assertThat(imported.attributes()).containsEntry("code", CODE_2);
    assertThat(provider.importResource(new ImportRequest(ADDRESS, REGION, "no-such-function"))).isEmpty();
  }

  /** A create cut short after CreateFunction: read says unpublished (no code), the retry adopts and publishes. */
  @Test
  void aFunctionNeverPublishedIsFinishedByTheRetriedCreate() {
    cf.createFunction(b -> b.name(NAME).functionConfig(c -> c.comment("c").runtime("cloudfront-js-2.0"))
        .functionCode(SdkBytes.fromString(CODE, StandardCharsets.UTF_8)));
    assertThat(read(NAME).orElseThrow().attributes()).containsEntry("code", "");
    List<String> progress = new ArrayList<>();
    LiveResource made = provider.create(new CreateRequest(ADDRESS, REGION, desired("c", CODE_2), progress::add));
    assertThat(made.attributes()).containsEntry("code", CODE_2);
    assertThat(liveCode()).isEqualTo(CODE_2);
    assertThat(progress).anySatisfy(m -> assertThat(m).contains("adopting the existing function " + NAME));
  }

  @Test
  void deleteWhileADistributionRunsItWaitsBoundedThenFailsClearly() {
    LiveResource made = provider.create(new CreateRequest(ADDRESS, REGION, desired("c", CODE), Progress.NONE));
    String arn = (String) made.attributes().get("arn");
    cf.createDistribution(b -> b.distributionConfig(c -> c
        .callerReference("fn-in-use").comment("").enabled(true)
        .origins(o -> o.quantity(1).items(i -> i.id("primary").domainName("site.s3.eu-west-1.amazonaws.com")
            .s3OriginConfig(s -> s.originAccessIdentity(""))))
        .defaultCacheBehavior(d -> d.targetOriginId("primary").viewerProtocolPolicy("redirect-to-https")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")
            .functionAssociations(f -> f.quantity(1).items(FunctionAssociation.builder()
                .functionARN(arn).eventType(EventType.VIEWER_REQUEST).build())))));
    var impatient = new CloudFrontFunctionProvider(clients, FakeClock.instant(new Waits(Duration.ofSeconds(3), Duration.ofSeconds(1))));
    List<String> progress = new ArrayList<>();
    assertThatThrownBy(() -> impatient.delete(new DeleteRequest(ADDRESS, REGION, NAME, made.attributes(), progress::add)))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.getMessage()).contains(NAME, "still associated with a cache behaviour");
          assertThat(e.errorCode()).contains("FunctionInUse");
        });
    assertThat(progress).isNotEmpty().allSatisfy(m -> assertThat(m).contains("the distribution to stop using function"));
    assertThat(read(NAME)).isPresent();
  }
}
