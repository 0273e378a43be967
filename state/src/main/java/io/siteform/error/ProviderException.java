package io.siteform.error;

import java.util.Objects;
import java.util.Optional;

/**
 * An AWS call failed for one resource. Carries the resource address, the operation, and AWS's
 * error code and request id when AWS gave them, so a user can quote them to support.
 */
public final class ProviderException extends SiteformException {
  private final String address;
  private final Operation operation;
  private final String errorCode;
  private final String requestId;

  public ProviderException(
      String address,
      Operation operation,
      String message,
      String errorCode,
      String requestId,
      Throwable cause) {
    super(render(address, Objects.requireNonNull(operation, "operation"), message, errorCode, requestId), cause);
    this.address = address;
    this.operation = operation;
    this.errorCode = errorCode;
    this.requestId = requestId;
  }

  public ProviderException(String address, Operation operation, String message) {
    this(address, operation, message, null, null, null);
  }

  public String address() {
    return address;
  }

  public Operation operation() {
    return operation;
  }

  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  private static String render(
      String address, Operation operation, String message, String code, String requestId) {
    StringBuilder b = new StringBuilder(address).append(": ").append(operation.word()).append(": ");
    b.append(message);
    if (code != null) b.append(" (").append(code);
    if (requestId != null) b.append(code != null ? ", " : " (").append("request id ").append(requestId);
    if (code != null || requestId != null) b.append(')');
    return b.toString();
  }
}
