package io.siteform.providers.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients siteform talks to AWS with: built lazily, one per service and region, shared by
 * every provider and thread, closed together. With an endpoint (a local emulator) every client
 * goes there and S3 uses path-style addressing, since virtual-hosted names do not resolve on
 * loopback.
 *
 * <p>Global services (IAM, STS, CloudFront, Route53) are signed for us-east-1: the SDK resolves
 * that to their global endpoints on AWS, and an emulator picks the service from the signature's
 * credential scope. ACM is used in us-east-1 only, the one region CloudFront takes certificates
 * from.
 */
public final class AwsClients implements AutoCloseable {
  /** The region global services are signed for. */
  public static final String GLOBAL_REGION = "us-east-1";

  private final Optional<URI> endpoint;
  private final AwsCredentialsProvider credentials;
  private SdkHttpClient http;
  private final ConcurrentMap<String, SdkClient> clients = new ConcurrentHashMap<>();
  private final RequestCounter requests = new RequestCounter();
  private SdkEventLoopGroup eventLoops;
  private SdkAsyncHttpClient asyncHttp;
  private volatile boolean closed;

  /**
   * @param endpoint where to send every request instead of AWS (for example a local moto)
   * @param profile the shared-config profile the SDK's default credential chain should use
   */
  public AwsClients(Optional<URI> endpoint, Optional<String> profile) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(profile, "profile");
    this.credentials = profile.<AwsCredentialsProvider>map(AwsClients::profileCredentials)
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }

  /**
   * The HTTP requests sent so far, by service as the SDK names it ("S3", "CloudFront"), sorted;
   * every attempt counts, retries included. For the run's statistics ({@code --stats}).
   */
  public Map<String, Long> requests() {
    return requests.counts();
  }

  /**
   * The HTTP requests sent so far, by service, operation and region ("S3 ListObjectsV2
   * ap-southeast-1"), sorted: tests check with it which calls a run makes where.
   */
  public Map<String, Long> operations() {
    return RequestCounter.sums(requests.operations);
  }

  /** Counts each request as it goes out: registered on every client, so no call escapes it. */
  static final class RequestCounter implements ExecutionInterceptor {
    private final ConcurrentMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> operations = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      String service = java.util.Objects.requireNonNullElse(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
          "unknown");
      counts.computeIfAbsent(service, k -> new LongAdder()).increment();
      String operation = service + " " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " "
          + attributes.getAttribute(software.amazon.awssdk.awscore.AwsExecutionAttribute.AWS_REGION);
      operations.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    Map<String, Long> counts() {
      return sums(counts);
    }

    static Map<String, Long> sums(ConcurrentMap<String, LongAdder> counts) {
      Map<String, Long> out = new TreeMap<>();
      counts.forEach((k, v) -> out.put(k, v.sum()));
      return out;
    }
  }

  /**
   * A profile named on the command line wins over credentials in the environment, as the AWS CLI
   * does ({@code --profile} before {@code AWS_ACCESS_KEY_ID}); the default chain would take the
   * environment's first. SSO, role and credential-process profiles work through the SDK's profile
   * provider. A profile that is not in the shared config files is named at once.
   */
  static AwsCredentialsProvider profileCredentials(String name) {
    ProfileFile files = ProfileFile.defaultProfileFile();
    if (files.profile(name).isEmpty()) {
      throw new io.siteform.error.PlanException("AWS profile '" + name + "' is not in ~/.aws/config or"
          + " ~/.aws/credentials (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE move them); profiles there: "
          + (files.profiles().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(files.profiles().keySet())))
          + ". Run `aws configure --profile " + name + "` or `aws configure sso --profile " + name + "`");
    }
    return ProfileCredentialsProvider.builder().profileFile(files).profileName(name).build();
  }

  /**
   * Fails with a plain message when the default chain finds no credentials, before any resource
   * is planned or touched; a later per-resource failure would repeat the SDK's long message.
   */
  public void requireCredentials() {
    try {
      credentials.resolveCredentials();
    } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
      throw new io.siteform.error.PlanException(AwsFailures.NO_CREDENTIALS);
    }
  }

  public Optional<URI> endpoint() {
    return endpoint;
  }

  /**
   * The clients built so far, as {@code service/region} ("s3/eu-west-1", "s3-async/eu-west-1"),
   * sorted: tests check with it that a run builds only the clients it needs.
   */
  public java.util.SortedSet<String> built() {
    return new java.util.TreeSet<>(clients.keySet());
  }

  public S3Client s3(String region) {
    return client("s3", region, () -> configure(S3Client.builder(), region).forcePathStyle(endpoint.isPresent())
        .serviceConfiguration(S3_CONFIGURATION)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build());
  }

  /**
   * S3 requests of a publish, made cheaper without weakening what S3 checks (issue 14.2): a flexible
   * checksum (CRC32 over an aws-chunked body with a trailer, the SDK's default since 2.30) only
   * where S3 requires one (DeleteObjects), since a site file sent in one PutObject carries its
   * Content-MD5, which S3 verifies before it stores anything (S3 API reference, PutObject:
   * Content-MD5); and no {@code Expect: 100-continue} round trip before a body smaller than a
   * multipart part, where waiting for S3's go-ahead costs more than sending the bytes; and no
   * aws-chunked body (each chunk signed on its own), which the SDK sends to a plain-HTTP endpoint
   * such as a local emulator: the payload's SHA-256 is signed once instead (the SDK signs every
   * payload over HTTP, whatever it is told), and over HTTPS nothing changes (the payload is not
   * signed there).
   */
  public static final long EXPECT_CONTINUE_FROM = 8L * 1024 * 1024;

  private static final S3Configuration S3_CONFIGURATION =
      S3Configuration.builder().expectContinueThresholdInBytes(EXPECT_CONTINUE_FROM)
          .chunkedEncodingEnabled(false).build();

  /**
   * S3's asynchronous client for the transfer manager, with the same endpoint and addressing as
   * {@link #s3}. Multipart is on: files above 8 MiB go up in parts, in parallel. It has its own
   * (Netty) connection pool, closed with it, made with the first async client: a publish of small
   * files, which the sync client sends, never loads Netty.
   */
  public S3AsyncClient s3Async(String region) {
    return client("s3-async", region, () -> {
      S3AsyncClientBuilder builder = S3AsyncClient.builder()
          .httpClient(asyncHttp())
          .region(Region.of(region))
          .credentialsProvider(credentials)
          .forcePathStyle(endpoint.isPresent())
          .serviceConfiguration(S3_CONFIGURATION)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
          .overrideConfiguration(o -> o.retryStrategy(retryStrategy()).addExecutionInterceptor(requests))
          .multipartEnabled(true);
      endpoint.ifPresent(builder::endpointOverride);
      return builder.build();
    });
  }

  /**
   * The async clients' connection pool, on event loops siteform owns: the SDK would close its own
   * with a two-second quiet period, which every apply that publishes would wait out at exit.
   */
  private synchronized SdkAsyncHttpClient asyncHttp() {
    if (asyncHttp == null) {
      eventLoops = SdkEventLoopGroup.builder().build();
      asyncHttp = NettyNioAsyncHttpClient.builder().eventLoopGroup(eventLoops).maxConcurrency(MAX_CONNECTIONS).build();
    }
    return asyncHttp;
  }

  public IamClient iam() {
    return client("iam", GLOBAL_REGION, () -> configure(IamClient.builder(), GLOBAL_REGION).build());
  }

  public StsClient sts() {
    return client("sts", GLOBAL_REGION, () -> configure(StsClient.builder(), GLOBAL_REGION).build());
  }

  public CloudFrontClient cloudFront() {
    return client(
        "cloudfront", GLOBAL_REGION, () -> configure(CloudFrontClient.builder(), GLOBAL_REGION).build());
  }

  /** ACM in us-east-1, where CloudFront's viewer certificates must live. */
  public AcmClient acm() {
    return acm(GLOBAL_REGION);
  }

  /** ACM in {@code region}: certificates are regional, and CloudFront takes only us-east-1's. */
  public AcmClient acm(String region) {
    return client("acm", region, () -> configure(AcmClient.builder(), region).build());
  }

  public Route53Client route53() {
    return client(
        "route53", GLOBAL_REGION, () -> configure(Route53Client.builder(), GLOBAL_REGION).build());
  }

  /**
   * The one retry policy of every AWS call: the SDK's standard mode (exponential backoff with
   * jitter, longer for throttling; 5xx, throttling and transient network failures retried) with
   * attempts enough for Route53's five requests a second and CloudFront's and ACM's throttling
   * during a parallel apply, and without the client-side circuit breaker, which after a burst of
   * throttling would stop retrying at all. An answer cut off or garbled on the way (a 200 whose
   * body does not parse) is retried like a 5xx: the SDK's standard mode would hand it to the caller
   * as if AWS had said something, and every AWS SDK's guidance is that such a read is transient.
   * Waits on AWS's eventual consistency are not retries of one call but {@link Poller}'s.
   */
  static final int MAX_ATTEMPTS = 10;

  static RetryStrategy retryStrategy() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(MAX_ATTEMPTS)
        .circuitBreakerEnabled(false)
        .retryOnException(AwsClients::unreadableAnswer)
        .build();
  }

  /**
   * Whether {@code t} is the SDK failing to read an answer, not AWS refusing: the body ended early
   * or does not parse (XML or JSON). A service error (AWS's own error code) never is.
   */
  static boolean unreadableAnswer(Throwable t) {
    if (!(t instanceof SdkClientException)) return false;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof javax.xml.stream.XMLStreamException || c instanceof java.io.IOException) return true;
      String m = String.valueOf(c.getMessage());
      if (m.startsWith("Unable to unmarshall response") || m.startsWith("Could not parse XML response")) return true;
    }
    return false;
  }

  private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
      B builder, String region) {
    builder.region(Region.of(region)).credentialsProvider(credentials)
        .overrideConfiguration(o -> o.retryStrategy(retryStrategy()).addExecutionInterceptor(requests)
            .addExecutionInterceptor(WholeAnswers.INSTANCE));
    endpoint.ifPresent(builder::endpointOverride);
    // One connection pool for all clients; a client given an HTTP client does not close it.
    return builder.httpClient(http());
  }

  /**
   * The sync clients' one connection pool, made with the first client: a run that never calls AWS
   * never pays for it. Apache's HttpClient, which fails an answer whose body ends before its
   * Content-Length, so the retry policy retries it as the network failure it is. The JDK's
   * HttpURLConnection (the SDK's url-connection-client, used from 67ae209 for its lower CPU cost)
   * hands such a body on as if whole (a bucket policy cut short read as broken JSON), and makes a
   * garbled status line a status of -1, which the SDK refuses with an IllegalArgumentException no
   * retry sees: FaultsIT's random faults found both.
   */
  private synchronized SdkHttpClient http() {
    // Apache's client asks for 100 Continue before every body unless told not to, S3's threshold
    // above notwithstanding: a round trip more for each site file, and for IAM's and ACM's reads
    // (POSTs). The SDK still adds the header to a body of EXPECT_CONTINUE_FROM or more, which
    // Apache honours (ExpectContinueIT).
    if (http == null) {
      http = ApacheHttpClient.builder().maxConnections(MAX_CONNECTIONS).expectContinueEnabled(false).build();
    }
    return http;
  }

  /**
   * Connections of the sync pool: the refresh's reads and the HeadObject and CopyObject calls of
   * a publish run this many at once at most (the SDK's default of 50 would do; stated so the two
   * stay in step). The replica wait sizes its rounds of HeadObject by it.
   */
  public static final int MAX_CONNECTIONS = 64;

  @SuppressWarnings("unchecked")
  private <C extends SdkClient> C client(String service, String region, Supplier<C> factory) {
    Objects.requireNonNull(region, "region");
    if (closed) throw new IllegalStateException("AwsClients is closed");
    return (C) clients.computeIfAbsent(service + "/" + region, k -> factory.get());
  }

  @Override
  public void close() {
    closed = true;
    List<RuntimeException> failures = new ArrayList<>();
    for (SdkClient c : clients.values()) {
      try {
        c.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    clients.clear();
    synchronized (this) {
      if (http != null) http.close();
      if (asyncHttp != null) {
        asyncHttp.close();
        // Every client using them is closed; a short quiet period lets the pool close its
        // connections on the loops first (closing them during shutdown logs rejected tasks).
        eventLoops.eventLoopGroup().shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).syncUninterruptibly();
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}
