package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

class RetrierTest {
  private final List<Long> sleeps = new ArrayList<>();
  private final List<String> reports = new ArrayList<>();
  private final Retrier retrier =
      new Retrier(Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofSeconds(8), sleeps::add);

  private static SdkException failure(String code) {
    return AwsServiceException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("role not ready").build()).build();
  }

  @Test
  void retriesTransientFailuresWithBackoffAndReports() {
    AtomicInteger calls = new AtomicInteger();

    String result = retrier.call(() -> {
      if (calls.incrementAndGet() < 4) throw failure("InvalidRequest");
      return "done";
    }, e -> true, "the role", reports::add);

    assertThat(result).isEqualTo("done");
    assertThat(sleeps).containsExactly(1000L, 2000L, 4000L);
    assertThat(reports).hasSize(3).allMatch(r -> r.startsWith("waiting for the role"));
  }

  @Test
  void givesUpAtTheDeadline() {
    assertThatThrownBy(() -> retrier.call(() -> {
      throw failure("InvalidRequest");
    }, e -> true, "the role", reports::add)).isInstanceOf(AwsServiceException.class);
    assertThat(sleeps).containsExactly(1000L, 2000L, 4000L, 8000L); // the next 8 s would pass 20 s
  }

  @Test
  void throwsOtherFailuresAtOnce() {
    assertThatThrownBy(() -> retrier.call(() -> {
      throw failure("NoSuchBucket");
    }, e -> false, "the role", reports::add)).isInstanceOf(AwsServiceException.class);
    assertThat(sleeps).isEmpty();
  }
}
