package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsRegionsTest {
  @Test
  void knowsRealRegionsOnly() {
    assertThat(AwsRegions.known())
        .contains("us-east-1", "eu-west-1", "ap-southeast-1", "cn-north-1", "us-gov-west-1")
        .doesNotContain("aws-global", "aws-cn-global", "aws-us-gov-global", "aws-iso-global",
            "s3-external-1", "fips-us-east-1", "us-east-1-fips");
  }
}
