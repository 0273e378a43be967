package io.siteform.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.providers.aws.AwsClients;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CreateOriginAccessControlResponse;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlConfig;

/**
 * The launcher's CloudFront origin-access patches are needed and work: the patched server
 * behaves as the CloudFront API reference says; a launcher started {@code --without} the patch
 * does not. (Kept apart from {@link MotoPatchesIT}, which covers the S3 patches.)
 */
@ExtendWith(MotoExtension.class)
class OriginAccessPatchesIT {
  private static final OriginAccessControlConfig OAC = OriginAccessControlConfig.builder()
      .name("siteform-site").description("d").originAccessControlOriginType("s3")
      .signingBehavior("always").signingProtocol("sigv4").build();

  private final MotoServer patched;

  OriginAccessPatchesIT(MotoServer patched) {
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
      if (code != null) assertThat(c.awsErrorDetails().errorCode()).isEqualTo(code);
    };
  }

  private static CreateOriginAccessControlResponse createOac(CloudFrontClient cf) {
    return cf.createOriginAccessControl(b -> b.originAccessControlConfig(OAC));
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateCloudFrontOriginAccessIdentity.html and the Get, GetConfig, Update, Delete, List pages. */
  @Test
  void originAccessIdentityApi() {
    onBoth("cloudfront_origin_access_identity",
        cf -> {
          var created = cf.createCloudFrontOriginAccessIdentity(b -> b.cloudFrontOriginAccessIdentityConfig(c -> c
              .callerReference("ref-1").comment("site")));
          String id = created.cloudFrontOriginAccessIdentity().id();
          assertThat(created.eTag()).isNotBlank();
          assertThat(created.cloudFrontOriginAccessIdentity().s3CanonicalUserId()).isNotBlank();
          // the same CallerReference and config: the same identity; another config: AlreadyExists
          assertThat(cf.createCloudFrontOriginAccessIdentity(b -> b.cloudFrontOriginAccessIdentityConfig(c -> c
              .callerReference("ref-1").comment("site"))).cloudFrontOriginAccessIdentity().id()).isEqualTo(id);
          assertThatThrownBy(() -> cf.createCloudFrontOriginAccessIdentity(b -> b.cloudFrontOriginAccessIdentityConfig(c -> c
              .callerReference("ref-1").comment("other"))))
              .satisfies(awsError(409, "CloudFrontOriginAccessIdentityAlreadyExists"));
          var config = cf.getCloudFrontOriginAccessIdentityConfig(b -> b.id(id));
          assertThat(config.eTag()).isEqualTo(created.eTag());
          assertThatThrownBy(() -> cf.updateCloudFrontOriginAccessIdentity(b -> b.id(id).ifMatch("stale")
              .cloudFrontOriginAccessIdentityConfig(c -> c.callerReference("ref-1").comment("new"))))
              .satisfies(awsError(412, "PreconditionFailed"));
          var updated = cf.updateCloudFrontOriginAccessIdentity(b -> b.id(id).ifMatch(config.eTag())
              .cloudFrontOriginAccessIdentityConfig(c -> c.callerReference("ref-1").comment("new")));
          assertThat(updated.eTag()).isNotEqualTo(config.eTag());
          assertThat(cf.listCloudFrontOriginAccessIdentities(b -> {}).cloudFrontOriginAccessIdentityList().items())
              .singleElement().satisfies(s -> assertThat(s.comment()).isEqualTo("new"));
          assertThatThrownBy(() -> cf.deleteCloudFrontOriginAccessIdentity(b -> b.id(id).ifMatch(config.eTag())))
              .satisfies(awsError(412, "PreconditionFailed"));
          cf.deleteCloudFrontOriginAccessIdentity(b -> b.id(id).ifMatch(updated.eTag()));
          assertThatThrownBy(() -> cf.getCloudFrontOriginAccessIdentity(b -> b.id(id)))
              .satisfies(awsError(404, "NoSuchCloudFrontOriginAccessIdentity"));
        },
        cf -> assertThatThrownBy(() -> cf.createCloudFrontOriginAccessIdentity(b -> b.cloudFrontOriginAccessIdentityConfig(c -> c
            .callerReference("ref-1").comment("site"))))
            .satisfies(awsError(404, null)));
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetOriginAccessControlConfig.html */
  @Test
  void getOriginAccessControlConfig() {
    onBoth("cloudfront_oac_config",
        cf -> {
          var created = createOac(cf);
          var config = cf.getOriginAccessControlConfig(b -> b.id(created.originAccessControl().id()));
          assertThat(config.originAccessControlConfig()).isEqualTo(OAC);
          assertThat(config.eTag()).isEqualTo(created.eTag());
        },
        cf -> {
          String id = createOac(cf).originAccessControl().id();
          assertThatThrownBy(() -> cf.getOriginAccessControlConfig(b -> b.id(id))).satisfies(awsError(500, null));
        });
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateOriginAccessControl.html, API_DeleteOriginAccessControl.html */
  @Test
  void originAccessControlIfMatch() {
    onBoth("cloudfront_oac_if_match",
        cf -> {
          var created = createOac(cf);
          String id = created.originAccessControl().id();
          assertThatThrownBy(() -> cf.updateOriginAccessControl(b -> b.id(id).ifMatch("stale").originAccessControlConfig(OAC)))
              .satisfies(awsError(412, "PreconditionFailed"));
          var updated = cf.updateOriginAccessControl(b -> b.id(id).ifMatch(created.eTag()).originAccessControlConfig(OAC));
          assertThat(updated.eTag()).isNotEqualTo(created.eTag());
          assertThatThrownBy(() -> cf.deleteOriginAccessControl(b -> b.id(id).ifMatch(created.eTag())))
              .satisfies(awsError(412, "PreconditionFailed"));
          cf.deleteOriginAccessControl(b -> b.id(id).ifMatch(updated.eTag()));
          assertThatThrownBy(() -> cf.deleteOriginAccessControl(b -> b.id(id).ifMatch(updated.eTag())))
              .satisfies(awsError(404, "NoSuchOriginAccessControl"));
        },
        cf -> {
          String id = createOac(cf).originAccessControl().id();
          var updated = cf.updateOriginAccessControl(b -> b.id(id).ifMatch("stale").originAccessControlConfig(OAC));
          assertThat(updated.originAccessControl().id()).isEqualTo(id);
        });
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateOriginAccessControl.html (OriginAccessControlAlreadyExists) */
  @Test
  void originAccessControlNameIsUnique() {
    onBoth("cloudfront_oac_unique_name",
        cf -> {
          createOac(cf);
          assertThatThrownBy(() -> createOac(cf)).satisfies(awsError(409, "OriginAccessControlAlreadyExists"));
        },
        cf -> {
          createOac(cf);
          assertThat(createOac(cf).originAccessControl().id()).isNotBlank();
        });
  }

  /** A distribution whose one S3 origin signs with the given origin access control (empty: none). */
  private static String distributionUsing(CloudFrontClient cf, String oacId) {
    return cf.createDistribution(b -> b.distributionConfig(c -> c
            .callerReference(UUID.randomUUID().toString()).comment("").enabled(true)
            .origins(o -> o.quantity(1).items(i -> i.id("primary")
                .domainName("site.s3.eu-west-1.amazonaws.com")
                .originAccessControlId(oacId).s3OriginConfig(s -> s.originAccessIdentity(""))))
            .defaultCacheBehavior(d -> d.targetOriginId("primary").viewerProtocolPolicy("redirect-to-https")
                .minTTL(0L).forwardedValues(f -> f.queryString(false).cookies(k -> k.forward("none")))
                .trustedSigners(t -> t.enabled(false).quantity(0)))))
        .distribution().id();
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DeleteOriginAccessControl.html (OriginAccessControlInUse) */
  @Test
  void originAccessControlInUseCannotBeDeleted() {
    onBoth("cloudfront_oac_in_use",
        cf -> {
          var created = createOac(cf);
          String id = created.originAccessControl().id();
          String distribution = distributionUsing(cf, id);
          assertThatThrownBy(() -> cf.deleteOriginAccessControl(b -> b.id(id).ifMatch(created.eTag())))
              .satisfies(awsError(409, "OriginAccessControlInUse"));
          assertThat(cf.getOriginAccessControl(b -> b.id(id)).originAccessControl().id()).isEqualTo(id);
          // once no origin names it, it can go
          var current = cf.getDistributionConfig(b -> b.id(distribution));
          var origin = current.distributionConfig().origins().items().get(0).toBuilder().originAccessControlId("").build();
          cf.updateDistribution(b -> b.id(distribution).ifMatch(current.eTag())
              .distributionConfig(current.distributionConfig().toBuilder()
                  .origins(o -> o.quantity(1).items(origin)).build()));
          cf.deleteOriginAccessControl(b -> b.id(id).ifMatch(created.eTag()));
          assertThatThrownBy(() -> cf.getOriginAccessControl(b -> b.id(id)))
              .satisfies(awsError(404, "NoSuchOriginAccessControl"));
        },
        cf -> {
          var created = createOac(cf);
          String id = created.originAccessControl().id();
          distributionUsing(cf, id);
          cf.deleteOriginAccessControl(b -> b.id(id).ifMatch(created.eTag()));
          assertThat(cf.listOriginAccessControls(b -> {}).originAccessControlList().items()).isNullOrEmpty();
        });
  }
}
