package io.siteform.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CreateFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.CreateResponseHeadersPolicyResponse;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.EventType;
import software.amazon.awssdk.services.cloudfront.model.FrameOptionsList;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.FunctionConfig;
import software.amazon.awssdk.services.cloudfront.model.FunctionRuntime;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;
import software.amazon.awssdk.services.cloudfront.model.FunctionSummary;
import software.amazon.awssdk.services.cloudfront.model.GetFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.InvalidationSummary;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.ReferrerPolicyList;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyCustomHeader;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicySummary;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyType;

/**
 * The launcher's patches for what siteform's edge features need (issue 15: security headers,
 * CloudFront Functions for routing and redirects, the invalidation count of the cost estimate)
 * are needed and work: the patched server behaves as the CloudFront API reference says; a
 * launcher started {@code --without} the patch does not.
 */
@ExtendWith(MotoExtension.class)
class EdgePatchesIT {
  private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
  private static final String MANAGED_SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03";
  private static final SdkBytes CODE = SdkBytes.fromString(
      "function handler(event) { return event.request; }", StandardCharsets.UTF_8);
  private static final SdkBytes CODE_2 = SdkBytes.fromString(
      "async function handler(event) { var r = event.request; if (r.uri.endsWith('/')) r.uri += 'index.html'; return r; }",
      StandardCharsets.UTF_8);

  private final MotoServer patched;

  EdgePatchesIT(MotoServer patched) {
    this.patched = patched;
  }

  private void onBoth(String patch, Consumer<CloudFrontClient> holds, Consumer<CloudFrontClient> fails) {
    patched.provePatch(patch, c -> holds.accept(c.cloudFront()), c -> fails.accept(c.cloudFront()));
  }

  private static Consumer<Throwable> awsError(int status, String code) {
    return e -> {
      assertThat(e).isInstanceOf(CloudFrontException.class);
      CloudFrontException c = (CloudFrontException) e;
      assertThat(c.statusCode()).isEqualTo(status);
      assertThat(c.awsErrorDetails().errorCode()).isEqualTo(code);
    };
  }

  private static Consumer<Throwable> notFound() {
    return e -> {
      assertThat(e).isInstanceOf(CloudFrontException.class);
      assertThat(((CloudFrontException) e).statusCode()).isEqualTo(404);
    };
  }

  private static DistributionConfig distribution(String ref, Consumer<DefaultCacheBehavior.Builder> behaviour) {
    return DistributionConfig.builder()
        .callerReference(ref).comment("site").enabled(true)
        .origins(o -> o.quantity(1).items(Origin.builder().id("primary")
            .domainName("primary.s3.eu-west-1.amazonaws.com").s3OriginConfig(s -> s.originAccessIdentity("")).build()))
        .defaultCacheBehavior(d -> {
          d.targetOriginId("primary").viewerProtocolPolicy("redirect-to-https").cachePolicyId(CACHING_OPTIMIZED);
          behaviour.accept(d);
        })
        .build();
  }

  /** Takes the distribution's default behaviour back to no policy and no function, so both may go. */
  private static void detach(CloudFrontClient cf, String distributionId) {
    var current = cf.getDistributionConfig(b -> b.id(distributionId));
    DistributionConfig config = current.distributionConfig();
    DistributionConfig bare = config.toBuilder().defaultCacheBehavior(config.defaultCacheBehavior().toBuilder()
        .responseHeadersPolicyId("").functionAssociations(f -> f.quantity(0).items(List.of())).build()).build();
    cf.updateDistribution(b -> b.id(distributionId).ifMatch(current.eTag()).distributionConfig(bare));
  }

  private static ResponseHeadersPolicyConfig securityHeaders(String name, String comment) {
    return ResponseHeadersPolicyConfig.builder()
        .name(name).comment(comment)
        .securityHeadersConfig(s -> s
            .strictTransportSecurity(h -> h.override(true).includeSubdomains(true).preload(true)
                .accessControlMaxAgeSec(63072000))
            .contentSecurityPolicy(h -> h.override(true).contentSecurityPolicy("default-src 'self'; img-src *"))
            .frameOptions(h -> h.override(true).frameOption(FrameOptionsList.DENY))
            .referrerPolicy(h -> h.override(true).referrerPolicy(ReferrerPolicyList.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
            .contentTypeOptions(h -> h.override(true))
            .xssProtection(h -> h.override(true).protection(true).modeBlock(true)))
        .customHeadersConfig(c -> c.quantity(2).items(
            ResponseHeadersPolicyCustomHeader.builder().header("Permissions-Policy").value("camera=()").override(true).build(),
            ResponseHeadersPolicyCustomHeader.builder().header("X-Site").value("siteform").override(false).build()))
        .build();
  }

  /**
   * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateResponseHeadersPolicy.html,
   * API_GetResponseHeadersPolicy.html, API_GetResponseHeadersPolicyConfig.html,
   * API_UpdateResponseHeadersPolicy.html, API_DeleteResponseHeadersPolicy.html,
   * API_ListResponseHeadersPolicies.html
   */
  @Test
  void responseHeadersPoliciesAreStoredWithETagsAndGuardedWhileInUse() {
    onBoth("cloudfront_response_headers_policy",
        cf -> {
          ResponseHeadersPolicyConfig written = securityHeaders("site-headers", "security headers");
          CreateResponseHeadersPolicyResponse created = cf.createResponseHeadersPolicy(b -> b.responseHeadersPolicyConfig(written));
          String id = created.responseHeadersPolicy().id();
          assertThat(created.eTag()).isNotBlank();
          assertThat(created.location()).endsWith("/2020-05-31/response-headers-policy/" + id);
          assertThat(created.responseHeadersPolicy().responseHeadersPolicyConfig()).isEqualTo(written);
          assertThat(created.responseHeadersPolicy().lastModifiedTime()).isNotNull();

          var got = cf.getResponseHeadersPolicy(b -> b.id(id));
          assertThat(got.eTag()).isEqualTo(created.eTag());
          assertThat(got.responseHeadersPolicy().responseHeadersPolicyConfig()).isEqualTo(written);
          var config = cf.getResponseHeadersPolicyConfig(b -> b.id(id));
          assertThat(config.eTag()).isEqualTo(created.eTag());
          assertThat(config.responseHeadersPolicyConfig()).isEqualTo(written);

          assertThatThrownBy(() -> cf.createResponseHeadersPolicy(b -> b.responseHeadersPolicyConfig(written)))
              .satisfies(awsError(409, "ResponseHeadersPolicyAlreadyExists"));
          assertThatThrownBy(() -> cf.getResponseHeadersPolicy(b -> b.id("00000000-0000-0000-0000-000000000000")))
              .satisfies(awsError(404, "NoSuchResponseHeadersPolicy"));

          // AWS's managed policy is listed as managed, ours as custom
          List<ResponseHeadersPolicySummary> managed = cf.listResponseHeadersPolicies(b -> b.type(ResponseHeadersPolicyType.MANAGED))
              .responseHeadersPolicyList().items();
          assertThat(managed).extracting(s -> s.responseHeadersPolicy().id()).contains(MANAGED_SECURITY_HEADERS).doesNotContain(id);
          assertThat(managed).allSatisfy(s -> assertThat(s.type()).isEqualTo(ResponseHeadersPolicyType.MANAGED));
          assertThat(managed).filteredOn(s -> s.responseHeadersPolicy().id().equals(MANAGED_SECURITY_HEADERS)).singleElement()
              .satisfies(s -> assertThat(s.responseHeadersPolicy().responseHeadersPolicyConfig().name())
                  .isEqualTo("Managed-SecurityHeadersPolicy"));
          List<ResponseHeadersPolicySummary> custom = cf.listResponseHeadersPolicies(b -> b.type(ResponseHeadersPolicyType.CUSTOM))
              .responseHeadersPolicyList().items();
          assertThat(custom).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(ResponseHeadersPolicyType.CUSTOM);
            assertThat(s.responseHeadersPolicy().id()).isEqualTo(id);
          });
          assertThat(cf.listResponseHeadersPolicies(b -> {}).responseHeadersPolicyList().items()).hasSize(managed.size() + 1);
          assertThat(cf.getResponseHeadersPolicy(b -> b.id(MANAGED_SECURITY_HEADERS)).responseHeadersPolicy()
              .responseHeadersPolicyConfig().securityHeadersConfig().strictTransportSecurity().accessControlMaxAgeSec())
              .isEqualTo(31536000);

          // Update: If-Match, a new ETag, the new config read back
          ResponseHeadersPolicyConfig changed = written.toBuilder().comment("changed")
              .customHeadersConfig(c -> c.quantity(0).items(List.of())).build();
          assertThatThrownBy(() -> cf.updateResponseHeadersPolicy(b -> b.id(id).ifMatch("stale").responseHeadersPolicyConfig(changed)))
              .satisfies(awsError(412, "PreconditionFailed"));
          String second = cf.updateResponseHeadersPolicy(b -> b.id(id).ifMatch(created.eTag()).responseHeadersPolicyConfig(changed)).eTag();
          assertThat(second).isNotEqualTo(created.eTag());
          assertThat(cf.getResponseHeadersPolicyConfig(b -> b.id(id)).responseHeadersPolicyConfig().comment()).isEqualTo("changed");
          assertThatThrownBy(() -> cf.deleteResponseHeadersPolicy(b -> b.id(id).ifMatch(created.eTag())))
              .satisfies(awsError(412, "PreconditionFailed"));

          // a distribution names it (moto keeps ResponseHeadersPolicyId as written): not deletable until detached
          String dist = cf.createDistribution(b -> b.distributionConfig(distribution("ref-rhp", d -> d.responseHeadersPolicyId(id))))
              .distribution().id();
          assertThat(cf.getDistributionConfig(b -> b.id(dist)).distributionConfig().defaultCacheBehavior().responseHeadersPolicyId())
              .isEqualTo(id);
          assertThatThrownBy(() -> cf.deleteResponseHeadersPolicy(b -> b.id(id).ifMatch(second)))
              .satisfies(awsError(409, "ResponseHeadersPolicyInUse"));
          detach(cf, dist);
          cf.deleteResponseHeadersPolicy(b -> b.id(id).ifMatch(second));
          assertThatThrownBy(() -> cf.getResponseHeadersPolicy(b -> b.id(id))).satisfies(awsError(404, "NoSuchResponseHeadersPolicy"));
        },
        cf -> assertThatThrownBy(() -> cf.createResponseHeadersPolicy(b -> b.responseHeadersPolicyConfig(
            securityHeaders("site-headers", "")))).satisfies(notFound()));
  }

  private static CreateFunctionResponse createFunction(CloudFrontClient cf, String name) {
    return cf.createFunction(b -> b.name(name).functionCode(CODE)
        .functionConfig(FunctionConfig.builder().comment("routing").runtime(FunctionRuntime.CLOUDFRONT_JS_2_0).build()));
  }

  /**
   * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateFunction.html,
   * API_DescribeFunction.html, API_GetFunction.html, API_UpdateFunction.html,
   * API_PublishFunction.html, API_DeleteFunction.html, API_ListFunctions.html
   */
  @Test
  void functionsAreDevelopedPublishedAndGuardedWhileInUse() {
    onBoth("cloudfront_function",
        cf -> {
          CreateFunctionResponse created = createFunction(cf, "site-routing");
          FunctionSummary summary = created.functionSummary();
          String arn = summary.functionMetadata().functionARN();
          assertThat(arn).isEqualTo("arn:aws:cloudfront::123456789012:function/site-routing");
          assertThat(summary.functionMetadata().stage()).isEqualTo(FunctionStage.DEVELOPMENT);
          assertThat(summary.functionConfig().runtime()).isEqualTo(FunctionRuntime.CLOUDFRONT_JS_2_0);
          assertThat(summary.functionConfig().comment()).isEqualTo("routing");
          assertThat(created.eTag()).isNotBlank();
          assertThatThrownBy(() -> createFunction(cf, "site-routing")).satisfies(awsError(409, "FunctionAlreadyExists"));

          var described = cf.describeFunction(b -> b.name("site-routing"));
          assertThat(described.eTag()).isEqualTo(created.eTag());
          assertThat(described.functionSummary().functionMetadata().stage()).isEqualTo(FunctionStage.DEVELOPMENT);
          GetFunctionResponse code = cf.getFunction(b -> b.name("site-routing"));
          assertThat(code.functionCode()).isEqualTo(CODE);
          assertThat(code.eTag()).isEqualTo(created.eTag());
          assertThat(code.contentType()).isEqualTo("application/octet-stream");
          assertThatThrownBy(() -> cf.describeFunction(b -> b.name("site-routing").stage(FunctionStage.LIVE)))
              .satisfies(awsError(404, "NoSuchFunctionExists"));
          assertThatThrownBy(() -> cf.describeFunction(b -> b.name("nothing"))).satisfies(awsError(404, "NoSuchFunctionExists"));

          // update DEVELOPMENT: If-Match, a new ETag
          FunctionConfig v1 = FunctionConfig.builder().comment("routing v2").runtime(FunctionRuntime.CLOUDFRONT_JS_2_0).build();
          assertThatThrownBy(() -> cf.updateFunction(b -> b.name("site-routing").ifMatch("stale").functionConfig(v1).functionCode(CODE_2)))
              .satisfies(awsError(412, "PreconditionFailed"));
          String second = cf.updateFunction(b -> b.name("site-routing").ifMatch(created.eTag()).functionConfig(v1).functionCode(CODE_2)).eTag();
          assertThat(second).isNotBlank().isNotEqualTo(created.eTag());
          assertThat(cf.describeFunction(b -> b.name("site-routing")).eTag()).isEqualTo(second);
          assertThat(cf.getFunction(b -> b.name("site-routing")).functionCode()).isEqualTo(CODE_2);

          // publish: copies DEVELOPMENT to LIVE
          assertThatThrownBy(() -> cf.publishFunction(b -> b.name("site-routing").ifMatch(created.eTag())))
              .satisfies(awsError(412, "PreconditionFailed"));
          var published = cf.publishFunction(b -> b.name("site-routing").ifMatch(second)).functionSummary();
          assertThat(published.functionMetadata().stage()).isEqualTo(FunctionStage.LIVE);
          assertThat(published.functionMetadata().functionARN()).isEqualTo(arn);
          var live = cf.describeFunction(b -> b.name("site-routing").stage(FunctionStage.LIVE));
          assertThat(live.functionSummary().functionConfig().comment()).isEqualTo("routing v2");
          assertThat(cf.getFunction(b -> b.name("site-routing").stage(FunctionStage.LIVE)).functionCode()).isEqualTo(CODE_2);

          createFunction(cf, "other");
          assertThat(cf.listFunctions(b -> b.stage(FunctionStage.LIVE)).functionList().items())
              .singleElement().satisfies(f -> assertThat(f.name()).isEqualTo("site-routing"));
          assertThat(cf.listFunctions(b -> b.stage(FunctionStage.DEVELOPMENT)).functionList().items())
              .extracting(FunctionSummary::name).containsExactlyInAnyOrder("site-routing", "other");
          assertThat(cf.listFunctions(b -> {}).functionList().items()).hasSize(3);

          // associated with a distribution: not deletable until detached
          String dist = cf.createDistribution(b -> b.distributionConfig(distribution("ref-fn", d -> d.functionAssociations(f -> f
              .quantity(1).items(FunctionAssociation.builder().functionARN(arn).eventType(EventType.VIEWER_REQUEST).build())))))
              .distribution().id();
          assertThatThrownBy(() -> cf.deleteFunction(b -> b.name("site-routing").ifMatch(created.eTag())))
              .satisfies(awsError(412, "PreconditionFailed"));
          assertThatThrownBy(() -> cf.deleteFunction(b -> b.name("site-routing").ifMatch(second)))
              .satisfies(awsError(409, "FunctionInUse"));
          detach(cf, dist);
          cf.deleteFunction(b -> b.name("site-routing").ifMatch(second));
          assertThatThrownBy(() -> cf.describeFunction(b -> b.name("site-routing"))).satisfies(awsError(404, "NoSuchFunctionExists"));
          assertThat(cf.listFunctions(b -> {}).functionList().items()).extracting(FunctionSummary::name).containsExactly("other");
        },
        cf -> assertThatThrownBy(() -> createFunction(cf, "site-routing")).satisfies(notFound()));
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DefaultCacheBehavior.html (FunctionAssociations) */
  @Test
  void cacheBehavioursKeepTheirFunctionAssociations() {
    String arn = "arn:aws:cloudfront::123456789012:function/site-routing";
    DistributionConfig config = distribution("ref-assoc", d -> d.functionAssociations(f -> f.quantity(1)
        .items(FunctionAssociation.builder().functionARN(arn).eventType(EventType.VIEWER_REQUEST).build())));
    onBoth("cloudfront_distribution_function_associations",
        cf -> {
          String id = cf.createDistribution(b -> b.distributionConfig(config)).distribution().id();
          var read = cf.getDistributionConfig(b -> b.id(id)).distributionConfig().defaultCacheBehavior().functionAssociations();
          assertThat(read.quantity()).isEqualTo(1);
          assertThat(read.items()).singleElement().satisfies(a -> {
            assertThat(a.functionARN()).isEqualTo(arn);
            assertThat(a.eventType()).isEqualTo(EventType.VIEWER_REQUEST);
          });
          assertThat(cf.getDistribution(b -> b.id(id)).distribution().distributionConfig().defaultCacheBehavior()
              .functionAssociations().items()).hasSize(1);
        },
        cf -> {
          String id = cf.createDistribution(b -> b.distributionConfig(config)).distribution().id();
          var read = cf.getDistributionConfig(b -> b.id(id)).distributionConfig().defaultCacheBehavior().functionAssociations();
          assertThat(read.quantity()).isZero();
          assertThat(read.items()).isEmpty();
        });
  }

  private static String distributionWithInvalidations(CloudFrontClient cf, int... pathCounts) {
    String id = cf.createDistribution(b -> b.distributionConfig(distribution("ref-inv", d -> {}))).distribution().id();
    for (int i = 0; i < pathCounts.length; i++) {
      List<String> paths = new ArrayList<>();
      for (int p = 0; p < pathCounts[i]; p++) paths.add("/batch" + i + "/page" + p + ".html");
      String ref = "publish-" + i;
      cf.createInvalidation(b -> b.distributionId(id).invalidationBatch(ib -> ib.callerReference(ref)
          .paths(p -> p.quantity(paths.size()).items(paths))));
    }
    return id;
  }

  /**
   * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ListInvalidations.html,
   * API_InvalidationList.html, API_GetInvalidation.html: the cost estimate counts this month's
   * invalidation paths by paging through the summaries (CreateTime) and reading each batch.
   */
  @Test
  void invalidationsArePagedWithTheirCreateTimes() {
    onBoth("cloudfront_list_invalidations",
        cf -> {
          Instant before = Instant.now().minus(Duration.ofMinutes(1));
          String id = distributionWithInvalidations(cf, 3, 1, 2);
          var first = cf.listInvalidations(b -> b.distributionId(id).maxItems("2")).invalidationList();
          assertThat(first.quantity()).isEqualTo(2);
          assertThat(first.isTruncated()).isTrue();
          assertThat(first.nextMarker()).isNotBlank();
          assertThat(first.marker()).isEmpty();
          var rest = cf.listInvalidations(b -> b.distributionId(id).maxItems("2").marker(first.nextMarker())).invalidationList();
          assertThat(rest.quantity()).isEqualTo(1);
          assertThat(rest.isTruncated()).isFalse();
          assertThat(rest.marker()).isEqualTo(first.nextMarker());

          // what the cost estimate does: every page, this month's batches, their paths
          List<InvalidationSummary> all = cf.listInvalidationsPaginator(b -> b.distributionId(id).maxItems("1"))
              .stream().flatMap(p -> p.invalidationList().items().stream()).toList();
          assertThat(all).hasSize(3).doesNotHaveDuplicates();
          assertThat(all).allSatisfy(s -> assertThat(s.createTime()).isAfter(before).isBefore(Instant.now().plusSeconds(60)));
          YearMonth month = YearMonth.now(ZoneOffset.UTC);
          int paths = all.stream()
              .filter(s -> YearMonth.from(s.createTime().atZone(ZoneOffset.UTC)).equals(month))
              .mapToInt(s -> cf.getInvalidation(b -> b.distributionId(id).id(s.id())).invalidation()
                  .invalidationBatch().paths().quantity())
              .sum();
          assertThat(paths).isEqualTo(6);

          assertThatThrownBy(() -> cf.listInvalidations(b -> b.distributionId("ENOSUCHDIST1")))
              .satisfies(awsError(404, "NoSuchDistribution"));
        },
        cf -> {
          String id = distributionWithInvalidations(cf, 3, 1, 2);
          var page = cf.listInvalidations(b -> b.distributionId(id).maxItems("2")).invalidationList();
          assertThat(page.quantity()).isEqualTo(3);
          assertThat(page.isTruncated()).isFalse();
          assertThat(page.items()).allSatisfy(s -> assertThat(s.createTime()).isNotNull());
          assertThat(cf.listInvalidations(b -> b.distributionId("ENOSUCHDIST1")).invalidationList().quantity()).isZero();
        });
  }
}
