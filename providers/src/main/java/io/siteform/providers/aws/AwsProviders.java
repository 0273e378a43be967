package io.siteform.providers.aws;

import io.siteform.engine.provider.DataSource;
import io.siteform.engine.provider.Provider;
import io.siteform.providers.aws.cloudfront.CloudFrontInvalidationProvider;
import io.siteform.providers.aws.cloudfront.CloudFrontOriginAccessProvider;
import io.siteform.providers.aws.iam.IamRoleProvider;
import io.siteform.providers.aws.s3.S3BucketPolicyProvider;
import io.siteform.providers.aws.s3.S3BucketProvider;
import io.siteform.providers.aws.s3.S3ReplicationProvider;
import io.siteform.providers.aws.s3.SiteContentProvider;
import io.siteform.providers.content.LocalFilesDataSource;
import java.util.List;

/** Every resource type siteform manages on AWS, and the data sources it reads. */
public final class AwsProviders {
  private AwsProviders() {}

  public static List<Provider> all(AwsClients clients) {
    return all(clients, Waits.DEFAULTS);
  }

  /** With {@code waits} bounding how long providers wait for CloudFront, ACM and replication. */
  public static List<Provider> all(AwsClients clients, Waits waits) {
    return List.of(
        new S3BucketProvider(clients),
        new IamRoleProvider(clients),
        new S3ReplicationProvider(clients),
        new CloudFrontOriginAccessProvider(clients),
        new S3BucketPolicyProvider(clients),
        new SiteContentProvider(clients, waits),
        new CloudFrontInvalidationProvider(clients, waits));
  }

  /** The data sources: the site's local files (read offline too). */
  public static List<DataSource> dataSources(AwsClients clients, Waits waits) {
    return List.of(new LocalFilesDataSource());
  }
}
