package io.siteform.providers.aws.s3;

import io.siteform.engine.provider.Progress;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Parallel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.core.sync.RequestBody;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Base64;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * Uploads a site's changed files: many at once, small ones as one PutObject each, large ones in
 * parts on S3's transfer manager, each with its Content-Type, Cache-Control and its MD5 in
 * {@value BucketObjects#MD5_METADATA}. Apply never publishes something the plan did not show: a
 * small file goes with the MD5 the plan was made with as its Content-MD5, which S3 checks; a large
 * one is checked against it here before its parts go up.
 *
 * <p>A failure or an interrupt starts no further file, lets those in flight end, and then aborts
 * every multipart upload of this run's keys left incomplete ({@link IncompleteUploads}), so a
 * failed publish leaves no stored parts behind.
 */
final class Uploads {
  /**
   * Files in flight at once; more only queue in the client and hold files open. bench/ sweeps
   * 8/16/32/64 (docs/benchmarks.md): on loopback moto 64 came first (9.92 s against 16's 10.83 s),
   * but over a 20 ms round trip 16 did (13.44 s against 14.71 s), where more at once only crowd
   * moto's one core (bench/README.md). The system property {@code siteform.uploads.inFlight}
   * (SITEFORM_JAVA_OPTS) sets another, for measuring against an endpoint.
   */
  static final int IN_FLIGHT = Integer.getInteger("siteform.uploads.inFlight", 16);

  /**
   * Files up to this size go up as one PutObject from bytes read once, with the plan's MD5 as
   * Content-MD5 for S3 to verify; larger ones in parts on the transfer manager, whose per-file
   * set-up costs more than a small site file's upload.
   */
  static final long SINGLE_PUT_MAX = 8L * 1024 * 1024;

  private final Address address;
  private final Operation op;

  Uploads(Address address, Operation op) {
    this.address = address;
    this.op = op;
  }

  /** What S3 answered for one uploaded key: its ETag (without quotes) and the version id it made. */
  record Put(String etag, String versionId) {}

  /**
   * Uploads {@code phases} (each key to what it must be) from {@code source} to {@code bucket}, in
   * order: a phase starts only once every upload of the one before has been answered (the
   * publish's assets before its pages). One progress line counts them all.
   *
   * @param s3 the async client for files above {@link #SINGLE_PUT_MAX}, asked for (and with it the
   *     transfer manager built) only when such a file is to go up: a publish of small files never
   *     starts Netty's event loops
   * @param answered told of each upload S3 has answered, as it is, from any thread (the replica
   *     watch looks for it while the rest go up)
   *
   * @param clearLeftovers aborts what earlier runs left of multipart uploads to these keys: run
   *     beside the first single PutObjects (a PutObject does not meet a multipart upload), and done
   *     before the first multipart upload begins, which it would otherwise abort too
   * @return each uploaded key's ETag and version id, as S3 answered
   */
  Map<String, Put> run(Supplier<S3AsyncClient> s3, S3Client sync, String bucket, Path source,
      List<Map<String, SiteFile>> phases, Progress progress, BiConsumer<String, Put> answered,
      Runnable clearLeftovers) {
    try {
      return upload(s3, sync, bucket, source, phases, progress, answered, clearLeftovers);
    } catch (RuntimeException e) {
      try {
        int n = IncompleteUploads.abort(sync, address, op, bucket,
            k -> phases.stream().anyMatch(p -> p.containsKey(k)));
        if (n > 0) progress.report("aborted " + n + " incomplete multipart upload(s) to " + bucket);
      } catch (RuntimeException abortFailed) {
        e.addSuppressed(abortFailed);
      }
      throw e;
    }
  }

  private Map<String, Put> upload(Supplier<S3AsyncClient> s3, S3Client sync, String bucket, Path source,
      List<Map<String, SiteFile>> phases, Progress progress, BiConsumer<String, Put> answered,
      Runnable clearLeftovers) {
    Map<String, Put> etags = new TreeMap<>();
    int count = phases.stream().mapToInt(Map::size).sum();
    if (count == 0) {
      clearLeftovers.run();
      return etags;
    }
    Path root = realFolder(source);
    long totalBytes = phases.stream().flatMap(p -> p.values().stream()).mapToLong(SiteFile::size).sum();
    AtomicLong bytes = new AtomicLong();
    AtomicInteger done = new AtomicInteger();
    long started = System.nanoTime();
    Throttle throttle = new Throttle(progress, Duration.ofSeconds(1));
    Runnable report = () -> throttle.report(() -> line(done.get(), count, bytes.get(), totalBytes, started));
    Semaphore slots = new Semaphore(Math.max(1, IN_FLIGHT));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ExecutorService senders = Executors.newFixedThreadPool(Math.max(1, IN_FLIGHT), r -> {
      Thread t = new Thread(r, "siteform-upload");
      t.setDaemon(true);
      return t;
    });
    Future<?> leftoversCleared = senders.submit(clearLeftovers);
    LargeFiles large = new LargeFiles(s3, leftoversCleared);
    try (large) {
      for (Map<String, SiteFile> files : phases) {
        if (failure.get() != null) break;
        List<CompletableFuture<Put>> futures = new ArrayList<>();
        for (Map.Entry<String, SiteFile> e : files.entrySet()) {
          if (failure.get() != null) break;
          String key = e.getKey();
          SiteFile f = e.getValue();
          Path file;
          try {
            file = fileFor(root, key);
          } catch (ProviderException notPublishable) {
            failure.compareAndSet(null, notPublishable);
            break;
          }
          if (!acquire(slots)) {
            failure.compareAndSet(null, new InterruptedException("interrupted while uploading"));
            break;
          }
          CompletableFuture<Put> etag;
          try {
            etag = f.size() <= SINGLE_PUT_MAX
                ? CompletableFuture.supplyAsync(() -> put(sync, bucket, key, f, file, bytes, report), senders)
                : transfer(large.manager(), bucket, key, f, file, bytes, report);
          } catch (ProviderException changed) {
            slots.release();
            failure.compareAndSet(null, changed);
            break;
          }
          futures.add(etag.whenComplete((tag, t) -> {
            slots.release();
            if (t != null) {
              failure.compareAndSet(null, t);
              return;
            }
            synchronized (etags) {
              etags.put(key, tag);
            }
            answered.accept(key, tag);
            done.incrementAndGet();
            report.run();
          }));
        }
        // The phase's barrier: nothing of the next phase is sent before every upload of this one answered.
        try {
          CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException ignored) {
          // every upload has ended; the first failure is reported below
        }
      }
      try {
        Parallel.await(leftoversCleared);
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    } finally {
      senders.shutdownNow();
    }
    if (failure.get() != null) throw failed(failure.get(), bucket);
    throttle.finish(line(done.get(), count, bytes.get(), totalBytes, started));
    return etags;
  }

  private static String line(int done, int total, long bytes, long totalBytes, long started) {
    double seconds = Math.max((System.nanoTime() - started) / 1e9, 0.001);
    return String.format(Locale.ROOT, "uploaded %d/%d files, %s of %s, %s/s",
        done, total, mb(bytes), mb(totalBytes), mb((long) (bytes / seconds)));
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }

  private Path realFolder(Path source) {
    try {
      return source.toRealPath();
    } catch (IOException e) {
      throw new ProviderException(address.toString(), op,
          "the content folder " + source + " is gone (" + e.getMessage() + "): build the site again and run plan");
    }
  }

  /**
   * A small file: read once and sent in one PutObject whose Content-MD5 is the MD5 the plan was
   * made with, so each file is hashed once, by the plan: S3 stores the body only if its MD5 is that
   * one (PutObject: Content-MD5, "a message integrity check"), and refuses a file edited since the
   * plan with BadDigest, storing nothing. Sent on one of the {@link #IN_FLIGHT} sender threads with
   * the sync client: against the async client's per-request work (a Netty pipeline, reactive body,
   * futures) this took a quarter of the JVM's CPU per file, which on a machine shared with the
   * endpoint is time the endpoint lacks.
   */
  private Put put(S3Client s3, String bucket, String key, SiteFile f, Path file,
      AtomicLong bytes, Runnable report) {
    byte[] body;
    try {
      body = Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable(key, file, e);
    }
    PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(key)
        .contentType(f.contentType())
        .cacheControl(f.cacheControl().isEmpty() ? null : f.cacheControl())
        .contentMD5(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(f.md5())))
        .metadata(Map.of(BucketObjects.MD5_METADATA, f.md5()))
        .build();
    PutObjectResponse r;
    try {
      r = s3.putObject(request, RequestBody.fromBytes(body));
    } catch (SdkException e) {
      if (AwsFailures.is(e, "BadDigest")) throw changed(key);
      throw e;
    }
    bytes.addAndGet(body.length);
    report.run();
    return new Put(BucketObjects.unquote(r.eTag()), r.versionId());
  }

  /** A large file: checked as it is read once for the check, then sent in parts by the transfer manager. */
  private CompletableFuture<Put> transfer(S3TransferManager tm, String bucket, String key, SiteFile f, Path file,
      AtomicLong bytes, Runnable report) {
    MessageDigest md5 = md5();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) md5.update(buffer, 0, n);
    } catch (IOException e) {
      throw unreadable(key, file, e);
    }
    checkUnchanged(key, HexFormat.of().formatHex(md5.digest()), f);
    UploadFileRequest request = UploadFileRequest.builder()
        .putObjectRequest(p -> p.bucket(bucket).key(key)
            .contentType(f.contentType())
            .cacheControl(f.cacheControl().isEmpty() ? null : f.cacheControl())
            .metadata(Map.of(BucketObjects.MD5_METADATA, f.md5())))
        .source(file)
        .addTransferListener(new ByteCounter(bytes, report))
        .build();
    return tm.uploadFile(request).completionFuture().thenApply(r -> new Put(BucketObjects.unquote(r.response().eTag()), r.response().versionId()));
  }

  /** Apply never publishes something the plan did not show. */
  private void checkUnchanged(String key, String md5, SiteFile expected) {
    if (!md5.equals(expected.md5())) throw changed(key);
  }

  private ProviderException changed(String key) {
    return new ProviderException(address.toString(), op,
        key + " changed since the plan was made (its MD5 differs): run plan again so it shows what will be published");
  }

  private ProviderException unreadable(String key, Path file, IOException e) {
    return new ProviderException(address.toString(), op,
        "cannot read " + key + " (" + file + ", " + e + "): run plan again", null, null, e);
  }

  /** The file behind {@code key}, checked to be inside the folder. */
  private Path fileFor(Path root, String key) {
    Path file = root.resolve(key).normalize();
    try {
      if (!file.startsWith(root) || !file.toRealPath().startsWith(root) || !Files.isRegularFile(file)) {
        throw new ProviderException(address.toString(), op,
            key + " is not a file inside the content folder " + root + ": run plan again");
      }
      return file;
    } catch (IOException e) {
      throw unreadable(key, file, e);
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  /** Waits for a free slot; false if interrupted (the flag is kept for the caller). */
  private static boolean acquire(Semaphore slots) {
    try {
      slots.acquire();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ProviderException failed(Throwable t, String bucket) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof ProviderException e) return e;
    if (cause instanceof InterruptedException) {
      return new ProviderException(address.toString(), op, "interrupted while uploading to " + bucket
          + ": the files already uploaded stay; the next apply uploads the rest", null, null, cause);
    }
    if (cause instanceof SdkException e) return AwsFailures.wrap(address, op, e);
    return new ProviderException(address.toString(), op, "upload to " + bucket + " failed: " + cause, null, null, cause);
  }

  /** The transfer manager, built on the first large file of a run and closed with the run. */
  private static final class LargeFiles implements AutoCloseable {
    private final Supplier<S3AsyncClient> s3;
    private final Future<?> leftoversCleared;
    private S3TransferManager manager;

    LargeFiles(Supplier<S3AsyncClient> s3, Future<?> leftoversCleared) {
      this.s3 = s3;
      this.leftoversCleared = leftoversCleared;
    }

    /** Called from the one thread that starts the uploads; not before earlier runs' leftovers are aborted. */
    S3TransferManager manager() {
      if (manager == null) {
        Parallel.await(leftoversCleared);
        manager = S3TransferManager.builder().s3Client(s3.get()).build();
      }
      return manager;
    }

    @Override
    public void close() {
      if (manager != null) manager.close();
    }
  }

  /** Adds each transfer's progress to the shared byte count. */
  private static final class ByteCounter implements TransferListener {
    private final AtomicLong total;
    private final Runnable report;
    private long seen;

    ByteCounter(AtomicLong total, Runnable report) {
      this.total = total;
      this.report = report;
    }

    @Override
    public synchronized void bytesTransferred(Context.BytesTransferred context) {
      long now = context.progressSnapshot().transferredBytes();
      total.addAndGet(now - seen);
      seen = now;
      report.run();
    }
  }
}
