package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3BucketPolicyProviderTest {
  private static S3Exception s3(String code, String message) {
    return (S3Exception) S3Exception.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .statusCode(400)
        .build();
  }

  @Test
  void onlyAnInvalidPrincipalIsWorthWaitingFor() {
    assertThat(S3BucketPolicyProvider.notYetPropagated(s3("MalformedPolicy", "Invalid principal in policy"))).isTrue();
    assertThat(S3BucketPolicyProvider.notYetPropagated(s3("MalformedPolicy", "Policy has invalid action"))).isFalse();
    assertThat(S3BucketPolicyProvider.notYetPropagated(s3("AccessDenied", "Invalid principal"))).isFalse();
  }
}
