package io.siteform.providers.testing;

import java.util.UUID;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/** The smallest distribution moto accepts: one S3 origin, legacy cache settings. */
public final class MotoDistributions {
  private MotoDistributions() {}

  /** Creates one and returns its Id. */
  public static String create(CloudFrontClient cf, String originBucket) {
    return cf.createDistribution(b -> b.distributionConfig(c -> c
            .callerReference(UUID.randomUUID().toString())
            .comment("")
            .enabled(true)
            .origins(o -> o.quantity(1).items(i -> i.id("primary")
                .domainName(originBucket + ".s3.eu-west-1.amazonaws.com")
                .s3OriginConfig(s -> s.originAccessIdentity(""))))
            .defaultCacheBehavior(d -> d.targetOriginId("primary")
                .viewerProtocolPolicy("redirect-to-https")
                .minTTL(0L)
                .forwardedValues(f -> f.queryString(false).cookies(k -> k.forward("none")))
                .trustedSigners(t -> t.enabled(false).quantity(0)))))
        .distribution().id();
  }
}
