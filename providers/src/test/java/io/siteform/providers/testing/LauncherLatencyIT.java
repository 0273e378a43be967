package io.siteform.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code moto/launcher.py --latency-ms}, the bench's stand-in for the round trip to AWS: every
 * answer comes no sooner than asked, requests in flight together wait together (the server's
 * threads sleep without holding each other up), a request that waits for {@code 100 Continue}
 * before sending its body takes two round trips, and a negative latency is refused.
 */
class LauncherLatencyIT {
  private static final long LATENCY_MS = 150;

  @Test
  void everyAnswerComesNoSoonerThanTheLatencyAndConcurrentOnesOverlap() throws Exception {
    try (MotoServer moto = MotoServer.start("--latency-ms", Long.toString(LATENCY_MS));
        AwsClients clients = moto.newClients()) {
      S3Client s3 = clients.s3("eu-west-1");
      s3.createBucket(b -> b.bucket("latency").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        s3.headBucket(b -> b.bucket("latency"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(LATENCY_MS);
      }
      // Eight at once take less than eight one after another: the wait is time in flight, not the server's.
      long start = System.nanoTime();
      List<Thread> threads = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Thread t = new Thread(() -> s3.headBucket(b -> b.bucket("latency")));
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) t.join();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(8 * LATENCY_MS);
    }
  }

  @Test
  void aRequestThatWaitsForTheGoAheadTakesTwoRoundTrips() throws Exception {
    try (MotoServer moto = MotoServer.start("--latency-ms", Long.toString(LATENCY_MS))) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.URI uri = moto.endpoint().resolve("/latency-expect/a.html");
      put(http, uri, false); // the first request pays for both sides' start-up: not measured
      // The quickest of three: one PUT a busy machine holds up does not make it look like two round trips.
      long once = Long.MAX_VALUE;
      long expecting = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        once = Math.min(once, put(http, uri, false));
        expecting = Math.min(expecting, put(http, uri, true));
      }
      assertThat(once).isGreaterThanOrEqualTo(LATENCY_MS).isLessThan(2 * LATENCY_MS);
      assertThat(expecting).isGreaterThanOrEqualTo(2 * LATENCY_MS);
    }
  }

  /** How long one PUT took, in milliseconds, asking for {@code 100 Continue} before its body or not. */
  private static long put(java.net.http.HttpClient http, java.net.URI uri, boolean expect) throws Exception {
    long start = System.nanoTime();
    http.send(java.net.http.HttpRequest.newBuilder(uri).expectContinue(expect)
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("<p>hello</p>")).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  void aNegativeLatencyIsRefused() throws Exception {
    Process p = new ProcessBuilder(python(), MotoServer.launcherPath().toString(), "--port", "0", "--latency-ms", "-5")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(out).contains("--latency-ms must be >= 0").doesNotContain("READY");
  }

  private static String python() {
    String p = System.getenv("SITEFORM_PYTHON");
    return p == null || p.isBlank() ? "python3" : p;
  }
}
