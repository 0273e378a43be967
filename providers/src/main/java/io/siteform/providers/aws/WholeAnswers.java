package io.siteform.providers.aws;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Reads every answer's body whole before the SDK, or one of its S3 handlers, parses it, and fails
 * a body that ends before its Content-Length as the network failure it is: an SdkClientException
 * caused by the IOException, which {@link AwsClients#unreadableAnswer} retries. Without it a body
 * cut off on the way reached S3's GetBucketPolicy handler, which reads the policy itself, as an
 * UncheckedIOException that no retry sees (FaultyAnswersIT); and an HTTP client that hands a short
 * body on as if whole (the JDK's HttpURLConnection does) would give the parser half a document.
 * A bucket policy, which the SDK passes on as bytes, is checked to be JSON here too. Registered
 * on every sync client ({@link AwsClients}). The bodies are small: listings, documents, the state
 * and lock objects; site files go up, and are never read back through these clients.
 */
final class WholeAnswers implements ExecutionInterceptor {
  static final WholeAnswers INSTANCE = new WholeAnswers();

  private WholeAnswers() {}

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
      ExecutionAttributes attributes) {
    Optional<InputStream> body = context.responseBody();
    if (body.isEmpty()) return body;
    byte[] bytes;
    try (InputStream in = body.get()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw SdkClientException.create("the answer was cut off on the way: " + e.getMessage(), e);
    }
    var response = context.httpResponse();
    // A HEAD's and a 204's or 304's Content-Length is the resource's, sent without it (RFC 9110, 8.6).
    boolean bodiless = context.httpRequest().method() == SdkHttpMethod.HEAD
        || response.statusCode() == 204 || response.statusCode() == 304;
    boolean identity = response.firstMatchingHeader("Content-Encoding")
        .map(v -> v.isBlank() || v.equalsIgnoreCase("identity")).orElse(true);
    Optional<Long> declared = response.firstMatchingHeader("Content-Length").flatMap(WholeAnswers::length);
    if (!bodiless && identity && declared.isPresent() && bytes.length < declared.get()) {
      throw SdkClientException.create("the answer was cut off on the way", new EOFException(
          "its body ended after " + bytes.length + " of the " + declared.get() + " bytes its Content-Length says"));
    }
    if (!bodiless && response.isSuccessful()
        && "GetBucketPolicy".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
      requireJson(bytes);
    }
    return Optional.of(new ByteArrayInputStream(bytes));
  }

  /**
   * A bucket policy is a JSON object, and the SDK hands its bytes on unparsed: one that does not
   * parse ({@link Json#readObject}, as the policy provider reads it) was damaged on the way (AWS
   * sends no other), and is retried as an XML answer that does not parse would be, rather than
   * reaching the provider as a policy that is not JSON.
   */
  private static void requireJson(byte[] bytes) {
    try {
      Json.readObject(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      // Its cause is the parser's IOException, which the retry policy retries.
      throw SdkClientException.create("S3 sent a bucket policy that is not JSON: the answer was damaged on the way",
          e.getCause());
    }
  }

  private static Optional<Long> length(String header) {
    try {
      return Optional.of(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
