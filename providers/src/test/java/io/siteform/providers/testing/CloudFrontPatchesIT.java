package io.siteform.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.providers.aws.AwsClients;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginGroup;
import software.amazon.awssdk.services.cloudfront.model.OriginGroupMember;

/**
 * The launcher's CloudFront distribution patches are needed and work: the patched server behaves
 * as the CloudFront API reference says; a launcher started {@code --without} the patch does not.
 * (The origin-access patches are in {@link OriginAccessPatchesIT}.)
 */
@ExtendWith(MotoExtension.class)
class CloudFrontPatchesIT {
  private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
  private static final String OAI = "origin-access-identity/cloudfront/E2EXAMPLE12345";

  private final MotoServer patched;

  CloudFrontPatchesIT(MotoServer patched) {
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

  /** Two S3 origins (one behind an OAC, one behind a legacy OAI) in a failover group. */
  private static DistributionConfig config(String target, String oacId) {
    return DistributionConfig.builder()
        .callerReference("ref-1").comment("site").enabled(true)
        .origins(o -> o.quantity(2).items(
            Origin.builder().id("primary").domainName("primary.s3.eu-west-1.amazonaws.com")
                .originAccessControlId(oacId).s3OriginConfig(s -> s.originAccessIdentity("")).build(),
            Origin.builder().id("replica").domainName("replica.s3.us-east-1.amazonaws.com")
                .s3OriginConfig(s -> s.originAccessIdentity(OAI)).build()))
        .originGroups(g -> g.quantity(1).items(OriginGroup.builder().id("failover")
            .failoverCriteria(f -> f.statusCodes(s -> s.quantity(2).items(500, 403)))
            .members(m -> m.quantity(2).items(
                OriginGroupMember.builder().originId("primary").build(),
                OriginGroupMember.builder().originId("replica").build()))
            .build()))
        .defaultCacheBehavior(d -> d.targetOriginId(target).viewerProtocolPolicy("redirect-to-https")
            .cachePolicyId(CACHING_OPTIMIZED))
        .build();
  }

  private static CreateDistributionResponse create(CloudFrontClient cf, String target) {
    return cf.createDistribution(b -> b.distributionConfig(config(target, "")));
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_OriginGroup.html, API_DefaultCacheBehavior.html */
  @Test
  void defaultCacheBehaviourMayTargetAnOriginGroup() {
    onBoth("cloudfront_distribution_origin_group_target",
        cf -> {
          String id = create(cf, "failover").distribution().id();
          DistributionConfig read = cf.getDistributionConfig(b -> b.id(id)).distributionConfig();
          assertThat(read.defaultCacheBehavior().targetOriginId()).isEqualTo("failover");
          assertThat(read.originGroups().items()).singleElement().satisfies(g -> assertThat(g.id()).isEqualTo("failover"));
          // still refused: an ID that is neither an origin nor an origin group
          assertThatThrownBy(() -> cf.createDistribution(b -> b.distributionConfig(
                  config("nowhere", "").toBuilder().callerReference("ref-2").build())))
              .satisfies(awsError(404, "NoSuchOrigin"));
        },
        cf -> assertThatThrownBy(() -> create(cf, "failover")).satisfies(awsError(404, "NoSuchOrigin")));
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Origin.html (S3OriginConfig, OriginAccessControlId) */
  @Test
  void originsKeepTheirAccessSettings() {
    onBoth("cloudfront_distribution_origin_access",
        cf -> {
          String oac = createOac(cf);
          String id = cf.createDistribution(b -> b.distributionConfig(config("primary", oac))).distribution().id();
          var origins = cf.getDistributionConfig(b -> b.id(id)).distributionConfig().origins().items();
          assertThat(origins.get(0).originAccessControlId()).isEqualTo(oac);
          assertThat(origins.get(0).s3OriginConfig().originAccessIdentity()).isEmpty();
          assertThat(origins.get(1).originAccessControlId()).isEmpty();
          assertThat(origins.get(1).s3OriginConfig().originAccessIdentity()).isEqualTo(OAI);
        },
        cf -> {
          String oac = createOac(cf);
          String id = cf.createDistribution(b -> b.distributionConfig(config("primary", oac))).distribution().id();
          var origins = cf.getDistributionConfig(b -> b.id(id)).distributionConfig().origins().items();
          assertThat(origins.get(0).originAccessControlId()).isNull();
          assertThat(origins.get(1).s3OriginConfig()).isNull();
        });
  }

  private static String createOac(CloudFrontClient cf) {
    return cf.createOriginAccessControl(b -> b.originAccessControlConfig(c -> c.name("site").description("")
        .originAccessControlOriginType("s3").signingBehavior("always").signingProtocol("sigv4")))
        .originAccessControl().id();
  }

  /** https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudfront.html (distribution ARN) */
  @Test
  void distributionArnHasAnEmptyRegion() {
    onBoth("cloudfront_distribution_arn",
        cf -> {
          var d = cf.createDistributionWithTags(b -> b.distributionConfigWithTags(w -> w
              .distributionConfig(config("primary", "")).tags(t -> t.items(i -> i.key("site").value("s")))))
              .distribution();
          assertThat(d.arn()).isEqualTo("arn:aws:cloudfront::123456789012:distribution/" + d.id());
          assertThat(cf.getDistribution(b -> b.id(d.id())).distribution().arn()).isEqualTo(d.arn());
          assertThat(cf.listTagsForResource(b -> b.resource(d.arn())).tags().items())
              .singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("site"));
        },
        cf -> {
          var d = create(cf, "primary").distribution();
          assertThat(d.arn()).isEqualTo("arn:aws:cloudfront:123456789012:distribution/" + d.id());
        });
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateDistribution.html, API_DeleteDistribution.html (If-Match) */
  @Test
  void writesNeedTheCurrentETag() {
    onBoth("cloudfront_distribution_if_match",
        cf -> {
          String id = create(cf, "primary").distribution().id();
          GetDistributionConfigResponse first = cf.getDistributionConfig(b -> b.id(id));
          DistributionConfig disabled = first.distributionConfig().toBuilder().enabled(false).build();
          assertThatThrownBy(() -> cf.updateDistribution(b -> b.id(id).ifMatch("stale").distributionConfig(disabled)))
              .satisfies(awsError(412, "PreconditionFailed"));
          String second = cf.updateDistribution(b -> b.id(id).ifMatch(first.eTag()).distributionConfig(disabled)).eTag();
          assertThat(second).isNotEqualTo(first.eTag());
          assertThat(cf.getDistribution(b -> b.id(id)).eTag()).isEqualTo(second);
          // the ETag the first update was made with is now stale, for updates and deletes alike
          assertThatThrownBy(() -> cf.updateDistribution(b -> b.id(id).ifMatch(first.eTag()).distributionConfig(disabled)))
              .satisfies(awsError(412, "PreconditionFailed"));
          assertThatThrownBy(() -> cf.deleteDistribution(b -> b.id(id).ifMatch(first.eTag())))
              .satisfies(awsError(412, "PreconditionFailed"));
          cf.deleteDistribution(b -> b.id(id).ifMatch(second));
          assertThatThrownBy(() -> cf.deleteDistribution(b -> b.id(id).ifMatch(second)))
              .satisfies(awsError(404, "NoSuchDistribution"));
        },
        cf -> {
          String id = create(cf, "primary").distribution().id();
          GetDistributionConfigResponse first = cf.getDistributionConfig(b -> b.id(id));
          var updated = cf.updateDistribution(b -> b.id(id).ifMatch("stale")
              .distributionConfig(first.distributionConfig().toBuilder().enabled(false).build()));
          assertThat(updated.eTag()).isEqualTo(first.eTag());
        });
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DeleteDistribution.html (DistributionNotDisabled) */
  @Test
  void anEnabledDistributionCannotBeDeleted() {
    onBoth("cloudfront_distribution_not_disabled",
        cf -> {
          String id = create(cf, "primary").distribution().id();
          String etag = cf.getDistributionConfig(b -> b.id(id)).eTag();
          assertThatThrownBy(() -> cf.deleteDistribution(b -> b.id(id).ifMatch(etag)))
              .satisfies(awsError(409, "DistributionNotDisabled"));
          assertThat(cf.getDistribution(b -> b.id(id)).distribution().id()).isEqualTo(id);
        },
        cf -> {
          String id = create(cf, "primary").distribution().id();
          String etag = cf.getDistributionConfig(b -> b.id(id)).eTag();
          cf.deleteDistribution(b -> b.id(id).ifMatch(etag));
          assertThatThrownBy(() -> cf.getDistribution(b -> b.id(id))).satisfies(awsError(404, "NoSuchDistribution"));
        });
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Distribution.html (Status), API_UpdateDistribution.html */
  @Test
  void anUpdateIsInProgressUntilDeployed() {
    onBoth("cloudfront_distribution_update_in_progress",
        cf -> {
          String id = create(cf, "primary").distribution().id();
          var current = cf.getDistributionConfig(b -> b.id(id));
          assertThat(cf.getDistribution(b -> b.id(id)).distribution().status()).isEqualTo("Deployed");
          var updated = cf.updateDistribution(b -> b.id(id).ifMatch(current.eTag())
              .distributionConfig(current.distributionConfig().toBuilder().comment("changed").build()));
          assertThat(updated.distribution().status()).isEqualTo("InProgress");
          // moto's default transition: deployed by the next read
          assertThat(cf.getDistribution(b -> b.id(id)).distribution().status()).isEqualTo("Deployed");
        },
        cf -> {
          String id = create(cf, "primary").distribution().id();
          var current = cf.getDistributionConfig(b -> b.id(id));
          var updated = cf.updateDistribution(b -> b.id(id).ifMatch(current.eTag())
              .distributionConfig(current.distributionConfig().toBuilder().comment("changed").build()));
          assertThat(updated.distribution().status()).isEqualTo("Deployed");
        });
  }
}
