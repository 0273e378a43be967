package io.siteform.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.providers.aws.AwsClients;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The launcher patches publishing relies on are needed and work: the patched server behaves as
 * the AWS reference says; a launcher started {@code --without} the patch does not.
 */
@ExtendWith(MotoExtension.class)
class ContentPatchesIT {
  private static final String REGION = "eu-west-1";
  private static final String REPLICA_REGION = "ap-southeast-1";

  private final MotoServer patched;

  ContentPatchesIT(MotoServer patched) {
    this.patched = patched;
  }

  private void onBoth(String patch, Consumer<AwsClients> holds, Consumer<AwsClients> fails) {
    patched.provePatch(patch, holds, fails);
  }

  private static void versionedBucket(S3Client s3, String name, String region) {
    s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint(region)));
    s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status("Enabled")));
  }

  /** src (eu-west-1) holding "before.txt", then replicating everything to dst (ap-southeast-1), then "after.txt". */
  private static void writeAroundReplication(AwsClients clients) {
    S3Client s3 = clients.s3(REGION);
    versionedBucket(s3, "src", REGION);
    versionedBucket(clients.s3(REPLICA_REGION), "dst", REPLICA_REGION);
    s3.putObject(b -> b.bucket("src").key("before.txt"), RequestBody.fromString("before"));
    s3.putBucketReplication(b -> b.bucket("src").replicationConfiguration(c -> c
        .role("arn:aws:iam::123456789012:role/crr")
        .rules(r -> r.id("all").priority(1).status("Enabled").filter(f -> f.prefix(""))
            .deleteMarkerReplication(m -> m.status("Disabled"))
            .destination(d -> d.bucket("arn:aws:s3:::dst")))));
    s3.putObject(b -> b.bucket("src").key("after.txt").contentType("text/plain; charset=utf-8")
        .cacheControl("max-age=60").metadata(Map.of("siteform-md5", "m")).tagging("team=web"),
        RequestBody.fromString("after"));
  }

  private static HeadObjectResponse awaitStatus(S3Client s3, String key, String status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    HeadObjectResponse h = s3.headObject(b -> b.bucket("src").key(key));
    while (!status.equals(h.replicationStatusAsString()) && System.nanoTime() < deadline) {
      sleep(100);
      h = s3.headObject(b -> b.bucket("src").key(key));
    }
    return h;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html and
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-status.html
   */
  @Test
  void objectsWrittenAfterReplicationWasConfiguredAreCopiedWithTheirMetadata() {
    onBoth("s3_replication_copy",
        clients -> {
          writeAroundReplication(clients);
          S3Client s3 = clients.s3(REGION);
          S3Client replica = clients.s3(REPLICA_REGION);
          assertThat(s3.headObject(b -> b.bucket("src").key("after.txt")).replicationStatusAsString()).isIn("PENDING", "COMPLETED");
          HeadObjectResponse source = awaitStatus(s3, "after.txt", "COMPLETED");
          assertThat(source.replicationStatusAsString()).isEqualTo("COMPLETED");
          HeadObjectResponse copy = replica.headObject(b -> b.bucket("dst").key("after.txt"));
          assertThat(copy.replicationStatusAsString()).isEqualTo("REPLICA");
          assertThat(copy.eTag()).isEqualTo(source.eTag());
          assertThat(copy.versionId()).isEqualTo(source.versionId());
          assertThat(copy.contentType()).isEqualTo("text/plain; charset=utf-8");
          assertThat(copy.cacheControl()).isEqualTo("max-age=60");
          assertThat(copy.metadata()).containsEntry("siteform-md5", "m");
          assertThat(replica.getObjectAsBytes(b -> b.bucket("dst").key("after.txt")).asUtf8String()).isEqualTo("after");
          assertThat(replica.getObjectTagging(b -> b.bucket("dst").key("after.txt")).tagSet())
              .extracting(t -> t.key() + "=" + t.value()).containsExactly("team=web");
          // written before the configuration: never replicated, no status
          assertThat(s3.headObject(b -> b.bucket("src").key("before.txt")).replicationStatusAsString()).isNull();
          assertThatThrownBy(() -> replica.headObject(b -> b.bucket("dst").key("before.txt"))).isInstanceOf(NoSuchKeyException.class);
        },
        clients -> {
          writeAroundReplication(clients);
          sleep(1500);
          assertThat(clients.s3(REGION).headObject(b -> b.bucket("src").key("after.txt")).replicationStatusAsString()).isNull();
          assertThatThrownBy(() -> clients.s3(REPLICA_REGION).headObject(b -> b.bucket("dst").key("after.txt")))
              .isInstanceOf(NoSuchKeyException.class);
        });
  }

  /**
   * Replication "replicates most objects within seconds"
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html), with no
   * bound without RTC: the copy's delay is the launcher's, changed through the control route (the
   * replica wait's tests use seconds) and put back by reset.
   */
  @Test
  void theReplicationDelayIsTheLaunchersChangedByTheControlRouteAndPutBackByReset() {
    assertThat(patched.replicationSecondsNow()).isEqualTo(0.3);
    patched.replicationSeconds(2);
    try (AwsClients clients = patched.newClients()) {
      writeAroundReplication(clients);
      S3Client s3 = clients.s3(REGION);
      sleep(1000);
      assertThat(s3.headObject(b -> b.bucket("src").key("after.txt")).replicationStatusAsString())
          .as("a second after the write, of two").isEqualTo("PENDING");
      assertThatThrownBy(() -> clients.s3(REPLICA_REGION).headObject(b -> b.bucket("dst").key("after.txt")))
          .isInstanceOf(NoSuchKeyException.class);
      assertThat(awaitStatus(s3, "after.txt", "COMPLETED").replicationStatusAsString()).isEqualTo("COMPLETED");
    }
    assertThatThrownBy(() -> patched.replicationSeconds(-1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("replication_seconds");
    assertThat(patched.replicationSecondsNow()).as("a refused value changes nothing").isEqualTo(2.0);
    patched.reset();
    assertThat(patched.replicationSecondsNow()).isEqualTo(0.3);
  }

  /**
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html (Content-MD5) and
   * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList (BadDigest, InvalidDigest)
   */
  @Test
  void aBodyThatDoesNotMatchItsContentMd5IsRefusedAndNotStored() {
    String md5OfPlanned = java.util.Base64.getEncoder().encodeToString(md5("planned"));
    Consumer<AwsClients> bucket = clients ->
        clients.s3(REGION).createBucket(b -> b.bucket("md5").createBucketConfiguration(c -> c.locationConstraint(REGION)));
    onBoth("s3_content_md5",
        clients -> {
          bucket.accept(clients);
          S3Client s3 = clients.s3(REGION);
          assertThatThrownBy(() -> s3.putObject(b -> b.bucket("md5").key("a.html").contentMD5(md5OfPlanned),
              RequestBody.fromString("edited after the plan")))
              .isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
              });
          assertThatThrownBy(() -> s3.headObject(b -> b.bucket("md5").key("a.html"))).isInstanceOf(NoSuchKeyException.class);
          assertThatThrownBy(() -> s3.putObject(b -> b.bucket("md5").key("a.html").contentMD5("bm90IGFuIG1kNQ=="),
              RequestBody.fromString("planned")))
              .isInstanceOfSatisfying(S3Exception.class,
                  e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidDigest"));
          s3.putObject(b -> b.bucket("md5").key("a.html").contentMD5(md5OfPlanned), RequestBody.fromString("planned"));
          assertThat(s3.getObjectAsBytes(b -> b.bucket("md5").key("a.html")).asUtf8String()).isEqualTo("planned");
          String upload = s3.createMultipartUpload(b -> b.bucket("md5").key("big")).uploadId();
          assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket("md5").key("big").uploadId(upload).partNumber(1)
              .contentMD5(md5OfPlanned), RequestBody.fromString("another part")))
              .isInstanceOfSatisfying(S3Exception.class,
                  e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
        },
        clients -> {
          bucket.accept(clients);
          S3Client s3 = clients.s3(REGION);
          s3.putObject(b -> b.bucket("md5").key("a.html").contentMD5(md5OfPlanned), RequestBody.fromString("edited after the plan"));
          assertThat(s3.getObjectAsBytes(b -> b.bucket("md5").key("a.html")).asUtf8String()).isEqualTo("edited after the plan");
        });
  }

  private static byte[] md5(String text) {
    try {
      return java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html (Expect: 100-continue example) */
  @Test
  void theAsyncClientCanUploadABodyLargeEnoughToAskForContinue() {
    // A body smaller than this goes without Expect (AwsClients); multipart parts are this size.
    byte[] partSized = new byte[(int) AwsClients.EXPECT_CONTINUE_FROM];
    Consumer<AwsClients> upload = clients -> {
      clients.s3(REGION).createBucket(b -> b.bucket("big").createBucketConfiguration(c -> c.locationConstraint(REGION)));
      clients.s3Async(REGION).putObject(b -> b.bucket("big").key("blob"), AsyncRequestBody.fromBytes(partSized)).join();
    };
    onBoth("server_single_100_continue",
        clients -> {
          upload.accept(clients);
          assertThat(clients.s3(REGION).headObject(b -> b.bucket("big").key("blob")).contentLength()).isEqualTo(partSized.length);
        },
        clients -> assertThatThrownBy(() -> upload.accept(clients))
            .hasCauseInstanceOf(S3Exception.class)
            .satisfies(e -> assertThat(((S3Exception) e.getCause()).statusCode()).isEqualTo(100)));
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_InvalidationBatch.html */
  @Test
  void aRepeatedCallerReferenceReturnsTheEarlierInvalidation() {
    Consumer<CloudFrontClient> twice = cf -> {
      String dist = MotoDistributions.create(cf, "site");
      String first = invalidate(cf, dist, "ref-1", "/a.html");
      String second = invalidate(cf, dist, "ref-1", "/a.html");
      assertThat(second).isEqualTo(first);
      assertThat(cf.listInvalidations(b -> b.distributionId(dist)).invalidationList().quantity()).isEqualTo(1);
      assertThatThrownBy(() -> invalidate(cf, dist, "ref-1", "/b.html"))
          .isInstanceOfSatisfying(CloudFrontException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidationBatchAlreadyExists"));
    };
    onBoth("cloudfront_invalidation_caller_reference",
        clients -> twice.accept(clients.cloudFront()),
        clients -> assertThatThrownBy(() -> twice.accept(clients.cloudFront())).isInstanceOf(AssertionError.class));
  }

  private static String invalidate(CloudFrontClient cf, String dist, String reference, String path) {
    return cf.createInvalidation(b -> b.distributionId(dist).invalidationBatch(i -> i
        .callerReference(reference).paths(p -> p.quantity(1).items(path)))).invalidation().id();
  }
}
