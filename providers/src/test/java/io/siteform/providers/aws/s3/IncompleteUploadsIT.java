package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.content.LocalFilesDataSource;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** No stored parts left behind: a failed upload aborts its own, a publish aborts what a killed run left. */
@ExtendWith(MotoExtension.class)
class IncompleteUploadsIT {
  private static final Address ADDRESS = new Address("site_content", "site");
  private static final String BUCKET = "site";
  private static final String REGION = "eu-west-1";

  private final MotoServer moto;
  private final AwsClients clients;
  private final S3Client s3;
  private final List<String> progress = new CopyOnWriteArrayList<>();
  @TempDir Path site;

  IncompleteUploadsIT(MotoServer moto) {
    this.moto = moto;
    this.clients = moto.newClients();
    this.s3 = clients.s3(REGION);
  }

  @BeforeEach
  void bucket() {
    s3.createBucket(b -> b.bucket(BUCKET).createBucketConfiguration(c -> c.locationConstraint(REGION)));
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  private Map<String, Object> desired() {
    LiveResource files = new LocalFilesDataSource().read(new DataRequest(new Address("local_files", "site"),
        REGION, Map.of("source", site.toString(), "cache_control", List.of())));
    Map<String, Object> d = new HashMap<>();
    d.put("bucket", BUCKET);
    d.put("delete", true);
    d.put("files", files.attributes().get("files"));
    d.put("replicas", List.of());
    d.put("source", site.toString());
    return d;
  }

  private List<String> incomplete() {
    return s3.listMultipartUploadsPaginator(b -> b.bucket(BUCKET)).uploads().stream().map(MultipartUpload::key).toList();
  }

  private void bigFile(String name) throws IOException {
    byte[] big = new byte[9 * 1024 * 1024];
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
    Files.write(site.resolve(name), big);
  }

  @Test
  void aPublishAbortsTheUploadsAKilledRunLeftOnTheSitesKeysOnly() throws IOException {
    bigFile("video.bin");
    Files.writeString(site.resolve("index.html"), "<h1>hi</h1>");
    String left = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("video.bin")).uploadId();
    s3.uploadPart(b -> b.bucket(BUCKET).key("video.bin").uploadId(left).partNumber(1),
        RequestBody.fromBytes(new byte[5 * 1024 * 1024]));
    s3.createMultipartUpload(b -> b.bucket(BUCKET).key("not-the-sites/export.zip"));

    new SiteContentProvider(clients, Waits.DEFAULTS)
        .create(new CreateRequest(ADDRESS, REGION, desired(), progress::add));

    assertThat(incomplete()).containsExactly("not-the-sites/export.zip");
    assertThat(progress).contains("aborted 1 incomplete multipart upload(s) an earlier run left in site");
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("video.bin")).eTag()).contains("-");
  }

  /**
   * The leftovers are aborted beside the small files' PutObjects, but no multipart upload of this
   * run begins before that is done: the abort would take it for a leftover. Seen from inside a slow
   * abort: this run's large file is neither begun nor stored yet.
   */
  @Test
  void noMultipartUploadBeginsBeforeTheLeftoversAreAborted() throws IOException {
    bigFile("video.bin");
    Files.writeString(site.resolve("index.html"), "<h1>hi</h1>");
    s3.createMultipartUpload(b -> b.bucket(BUCKET).key("video.bin"));
    List<List<String>> seen = new CopyOnWriteArrayList<>();
    List<Boolean> stored = new CopyOnWriteArrayList<>();
    Runnable slowClear = () -> {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      seen.add(incomplete());
      stored.add(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().anyMatch(o -> o.key().equals("video.bin")));
      IncompleteUploads.abort(s3, ADDRESS, Operation.CREATE, BUCKET, k -> true);
    };
    Map<String, SiteFile> files = SiteFile.all(desired().get("files"));

    var written = new Uploads(ADDRESS, Operation.CREATE).run(() -> clients.s3Async(REGION), s3, BUCKET, site,
        List.of(files), progress::add, (k, put) -> {}, slowClear);

    assertThat(seen).containsExactly(List.of("video.bin"));
    assertThat(stored).containsExactly(false);
    assertThat(written).containsKeys("video.bin", "index.html");
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("video.bin")).eTag()).contains("-");
    assertThat(incomplete()).isEmpty();
  }

  /**
   * A part fails, and the SDK's own abort of the failed upload is lost too: siteform still lists
   * and aborts what this run began.
   */
  @Test
  void aFailedUploadAbortsTheMultipartUploadItBegan() throws IOException {
    bigFile("video.bin");
    ExecutionInterceptor faults = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof UploadPartRequest p && p.partNumber() == 2) {
          throw new IllegalStateException("connection reset (injected)");
        }
        if (context.request() instanceof AbortMultipartUploadRequest) {
          throw new IllegalStateException("abort lost (injected)");
        }
      }
    };
    try (S3AsyncClient failing = S3AsyncClient.builder()
        .endpointOverride(moto.endpoint())
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .forcePathStyle(true)
        .multipartEnabled(true)
        .overrideConfiguration(o -> o.addExecutionInterceptor(faults))
        .build()) {
      Map<String, SiteFile> files = SiteFile.all(desired().get("files"));

      assertThatThrownBy(() -> new Uploads(ADDRESS, Operation.CREATE).run(() -> failing, s3, BUCKET, site, java.util.List.of(files), progress::add, (k, put) -> {}, () -> {}))
          .isInstanceOf(ProviderException.class);
    }

    assertThat(incomplete()).isEmpty();
    assertThat(progress).contains("aborted 1 incomplete multipart upload(s) to site");
  }
}
