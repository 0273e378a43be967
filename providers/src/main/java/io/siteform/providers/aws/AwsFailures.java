package io.siteform.providers.aws;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK failures into {@link ProviderException}s that name the resource and operation and
 * keep AWS's error code and request id. Only AWS's own error message goes into the text: never a
 * request, header or credential.
 */
public final class AwsFailures {
  private AwsFailures() {}

  /** The SDK's own message lists six providers at length; this says what to do. */
  public static final String NO_CREDENTIALS = "no AWS credentials found: set AWS_PROFILE (or --profile), or"
      + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws sso login`; siteform uses the AWS SDK's"
      + " default chain (environment, ~/.aws/config and credentials, SSO, container and instance roles)";

  /** Wraps {@code e}, raised while doing {@code operation} on {@code address}. */
  public static ProviderException wrap(Address address, Operation operation, SdkException e) {
    if (e instanceof AwsServiceException s) {
      AwsErrorDetails d = s.awsErrorDetails();
      String code = d == null ? null : d.errorCode();
      String message = d == null ? null : d.errorMessage();
      if (message == null || message.isBlank()) {
        message = "AWS answered HTTP " + s.statusCode();
      }
      return new ProviderException(
          address.toString(), operation, message, blankToNull(code), blankToNull(s.requestId()), e);
    }
    if (e instanceof SdkClientException && String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
      return new ProviderException(address.toString(), operation, NO_CREDENTIALS, null, null, e);
    }
    if (e instanceof SdkClientException) {
      return new ProviderException(
          address.toString(), operation, "could not reach AWS: " + e.getMessage(), null, null, e);
    }
    return new ProviderException(address.toString(), operation, e.getMessage(), null, null, e);
  }

  /**
   * The provider error an exception a provider let through is, if it is the AWS SDK's (AWS's
   * answer, or no answer): {@link #wrap}ped; anything else is siteform's bug, so empty. What the
   * engine asks of the provider layer ({@link io.siteform.engine.provider.Providers.Failures}).
   */
  public static Optional<ProviderException> of(Address address, Operation operation, RuntimeException failure) {
    return failure instanceof SdkException e ? Optional.of(wrap(address, operation, e)) : Optional.empty();
  }

  /** Runs {@code call}, wrapping any SDK failure as {@link #wrap} does. */
  public static <T> T call(Address address, Operation operation, SdkCall<T> call) {
    try {
      return call.run();
    } catch (SdkException e) {
      throw wrap(address, operation, e);
    }
  }

  /** AWS's error code of {@code e}, if it is a service error carrying one. */
  public static Optional<String> errorCode(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      return Optional.ofNullable(s.awsErrorDetails().errorCode());
    }
    return Optional.empty();
  }

  /** Whether {@code e} is a service error with one of {@code codes} (or, for "404", that status). */
  public static boolean is(SdkException e, String... codes) {
    String code = errorCode(e).orElse(null);
    int status = e instanceof AwsServiceException s ? s.statusCode() : -1;
    for (String c : codes) {
      if (c.equals(code) || c.equals(String.valueOf(status))) return true;
    }
    return false;
  }

  /**
   * Whether {@code e} came from a retry of the call (the SDK's own), not its first attempt: an
   * "already exists" then may be the first attempt's doing, its answer lost on the way.
   */
  public static boolean retried(SdkException e) {
    return e.numAttempts() != null && e.numAttempts() > 1;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** An SDK call that may throw {@link SdkException}. */
  @FunctionalInterface
  public interface SdkCall<T> {
    T run();
  }
}
