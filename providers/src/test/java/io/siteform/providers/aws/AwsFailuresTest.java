package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsFailuresTest {
  private static final Address ADDRESS = new Address("s3_bucket", "primary");

  @Test
  void serviceErrorKeepsCodeAndRequestId() {
    AwsServiceException e = AwsServiceException.builder().statusCode(403).requestId("REQ1")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied").build())
        .build();

    ProviderException p = AwsFailures.wrap(ADDRESS, Operation.CREATE, e);

    assertThat(p.getMessage()).isEqualTo("s3_bucket.primary: create: Access Denied (AccessDenied, request id REQ1)");
    assertThat(p.errorCode()).contains("AccessDenied");
    assertThat(p.requestId()).contains("REQ1");
  }

  /** What the engine asks when a provider let an exception through: the SDK's is AWS's answer, the rest a bug. */
  @Test
  void anSdkExceptionIsAProviderErrorAndAnythingElseIsNot() {
    AwsServiceException e = AwsServiceException.builder().statusCode(403).requestId("REQ1")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied").build())
        .build();
    assertThat(AwsFailures.of(ADDRESS, Operation.CREATE, e)).hasValueSatisfying(p -> {
      assertThat(p.errorCode()).contains("AccessDenied");
      assertThat(p.getCause()).isSameAs(e);
    });
    assertThat(AwsFailures.of(ADDRESS, Operation.CREATE, new IllegalStateException("index out of range"))).isEmpty();
    assertThat(AwsFailures.of(ADDRESS, Operation.CREATE, new io.siteform.error.SiteformBug("x"))).isEmpty();
  }

  @Test
  void clientErrorSaysAwsWasNotReached() {
    ProviderException p = AwsFailures.wrap(ADDRESS, Operation.READ,
        SdkClientException.create("Unable to execute HTTP request: Connection refused"));

    assertThat(p.getMessage()).isEqualTo(
        "s3_bucket.primary: read: could not reach AWS: Unable to execute HTTP request: Connection refused");
    assertThat(p.errorCode()).isEmpty();
  }

  @Test
  void missingCredentialsSayWhatToSetNotTheSdksWholeChain() {
    ProviderException p = AwsFailures.wrap(ADDRESS, Operation.CREATE, SdkClientException.create(
        "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(...)"));

    assertThat(p.getMessage()).startsWith("s3_bucket.primary: create: no AWS credentials found: set AWS_PROFILE")
        .doesNotContain("AwsCredentialsProviderChain");
  }
}
