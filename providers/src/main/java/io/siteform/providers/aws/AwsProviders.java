package io.siteform.providers.aws;

import io.siteform.engine.provider.DataSource;
import io.siteform.engine.provider.Provider;
import io.siteform.providers.aws.acm.AcmCertificateDataSource;
import io.siteform.providers.aws.acm.AcmCertificateProvider;
import io.siteform.providers.aws.acm.AcmCertificateValidationProvider;
import io.siteform.providers.aws.cloudfront.CloudFrontDistributionProvider;
import io.siteform.providers.aws.cloudfront.CloudFrontFunctionProvider;
import io.siteform.providers.aws.cloudfront.CloudFrontInvalidationProvider;
import io.siteform.providers.aws.cloudfront.CloudFrontOriginAccessProvider;
import io.siteform.providers.aws.cloudfront.CloudFrontResponseHeadersPolicyProvider;
import io.siteform.providers.aws.iam.IamRoleProvider;
import io.siteform.providers.aws.route53.Route53RecordProvider;
import io.siteform.providers.aws.route53.Route53ZoneDataSource;
import io.siteform.providers.aws.s3.S3BucketPolicyProvider;
import io.siteform.providers.aws.s3.S3BucketProvider;
import io.siteform.providers.aws.s3.S3ReplicationProvider;
import io.siteform.providers.aws.s3.SiteContentProvider;
import io.siteform.providers.content.LocalFilesDataSource;
import java.util.List;

/** Every resource type siteform manages on AWS, and every type it only reads. */
public final class AwsProviders {
  private AwsProviders() {}

  public static List<Provider> all(AwsClients clients) {
    return all(clients, Waits.DEFAULTS);
  }

  /** With {@code waits} bounding how long providers wait for CloudFront, ACM and replication. */
  public static List<Provider> all(AwsClients clients, Waits waits) {
    return all(clients, waits, java.time.Clock.systemUTC());
  }

  /** With {@code clock} telling when a removed file left the site and when its grace period ends. */
  public static List<Provider> all(AwsClients clients, Waits waits, java.time.Clock clock) {
    List<Provider> out = new java.util.ArrayList<>(List.of(
        new S3BucketProvider(clients, waits),
        new IamRoleProvider(clients, waits),
        new S3ReplicationProvider(clients, waits),
        new CloudFrontOriginAccessProvider(clients, waits),
        new CloudFrontResponseHeadersPolicyProvider(clients, waits),
        new CloudFrontFunctionProvider(clients, waits),
        new CloudFrontDistributionProvider(clients, waits),
        new S3BucketPolicyProvider(clients, waits),
        new Route53RecordProvider(clients, waits),
        new CloudFrontInvalidationProvider(clients, waits)));
    out.addAll(AcmCertificateProvider.withValidation(clients, waits));
    out.addAll(SiteContentProvider.withRemoval(clients, waits, clock));
    return List.copyOf(out);
  }

  /**
   * Every type siteform only reads: the site's local files, the hosted zone, a certificate the
   * user made, and the distribution's invalidations this month (for the plan's cost estimate).
   */
  public static List<DataSource> dataSources(AwsClients clients, Waits waits) {
    return dataSources(clients, waits, java.time.Clock.systemUTC());
  }

  /** With {@code clock} telling which month the invalidations counted are of. */
  public static List<DataSource> dataSources(AwsClients clients, Waits waits, java.time.Clock clock) {
    return List.of(new LocalFilesDataSource(), new Route53ZoneDataSource(clients, waits),
        new AcmCertificateDataSource(clients, waits),
        new io.siteform.providers.aws.cloudfront.CloudFrontInvalidationsDataSource(clients, clock));
  }
}
