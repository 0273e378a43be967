package io.siteform.providers.aws.s3;

import static io.siteform.providers.aws.AwsFailures.call;
import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Parallel;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.SiteTag;
import io.siteform.providers.aws.Waits;
import java.util.function.Consumer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * {@code s3_bucket}: a bucket and the settings the seed gives it. The id is the bucket name; the
 * request's region is the bucket's.
 *
 * <p>Attributes: {@code bucket} (String), {@code versioning} ("Enabled", "Suspended", or
 * "Disabled" for a bucket never versioned), {@code public_access_block} (Map of the four
 * Booleans, all false when the bucket has none), {@code encryption} (the default SSE algorithm,
 * "AES256" for SSE-S3, "none" if AWS reports none), {@code abort_incomplete_uploads_days}
 * (Integer: the days after which siteform's lifecycle rule aborts incomplete multipart uploads,
 * 0 when the bucket has no such rule of siteform's; see {@link UploadsLifecycle}), {@code tags}
 * (Map of String). Computed: {@code arn}, {@code regional_domain_name}.
 */
public final class S3BucketProvider implements Provider {
  public static final String TYPE = "s3_bucket";
  static final List<String> PAB_KEYS =
      List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets");

  private static final ResourceSchema SCHEMA =
      io.siteform.engine.provider.Schemas.S3_BUCKET;

  private final AwsClients clients;
  private final Poller poller;

  public S3BucketProvider(AwsClients clients, Waits waits) {
    this(clients, new Poller(waits));
  }

  /** @param poller the retries while S3 catches up with a bucket just created or deleted */
  public S3BucketProvider(AwsClients clients, Poller poller) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = Objects.requireNonNull(poller, "poller");
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    return read(request.address(), request.region(), request.id(), Operation.READ);
  }

  /**
   * Where the bucket is and its settings, asked at once: one round trip of every plan's critical
   * path, not two (issue 14.3; to a replica's region from a CI runner elsewhere, one is 100-300
   * ms). What the settings' reads found counts only once GetBucketLocation has put the bucket
   * where it is expected: a bucket that is gone, or elsewhere, reads as before, whatever those
   * reads answered.
   */
  private Optional<LiveResource> read(Address address, String region, String bucket, Operation op) {
    S3Client s3 = clients.s3(region);
    Parallel.Both<String, LiveResource> found = Parallel.both(() -> S3Regions.of(s3, address, op, bucket, region),
        () -> attributes(s3, address, op, bucket, region));
    String actual;
    try {
      actual = found.first().get();
    } catch (SdkException e) {
      if (is(e, "NoSuchBucket", "404")) return Optional.empty();
      throw AwsFailures.wrap(address, op, e);
    }
    if (!actual.equals(region)) {
      throw new ProviderException(address.toString(), op,
          "bucket " + bucket + " is in " + actual + ", not in " + region
              + " as expected; a bucket cannot move: change the spec's region or choose another name");
    }
    try {
      return Optional.of(found.second().get());
    } catch (SdkException e) {
      if (!is(e, "NoSuchBucket")) throw AwsFailures.wrap(address, op, e);
    }
    try {
      // A bucket just created may answer NoSuchBucket to its configuration reads for a moment.
      return Optional.of(poller.retryWhen(address, op, Progress.NONE, Waits.BUCKET_PROPAGATION,
          "bucket " + bucket + " to be visible in S3", e -> is(e, "NoSuchBucket"),
          () -> attributes(s3, address, op, bucket, region)));
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, op, e);
    }
  }

  /**
   * The bucket's settings, its five reads at once (issue 14.3: one after another they were five
   * round trips of every plan's critical path); any SDK failure is thrown as AWS answered it.
   */
  private static LiveResource attributes(S3Client s3, Address address, Operation op, String bucket, String region) {
    List<java.util.function.Supplier<Object>> reads = List.of(
        () -> {
          String versioning = s3.getBucketVersioning(b -> b.bucket(bucket)).statusAsString();
          return versioning == null || versioning.isEmpty() ? "Disabled" : versioning;
        },
        () -> readPublicAccessBlock(s3, bucket),
        () -> readEncryption(s3, bucket),
        () -> UploadsLifecycle.read(s3, bucket),
        () -> readTags(s3, bucket));
    List<Object> read = Parallel.map(reads, java.util.function.Supplier::get);
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("bucket", bucket);
    a.put("arn", "arn:aws:s3:::" + bucket);
    a.put("regional_domain_name", bucket + ".s3." + region + ".amazonaws.com");
    a.put("versioning", read.get(0));
    a.put("public_access_block", read.get(1));
    a.put("encryption", read.get(2));
    a.put(UploadsLifecycle.ATTRIBUTE, read.get(3));
    a.put("tags", read.get(4));
    return new LiveResource(bucket, a);
  }

  private static Map<String, Object> readPublicAccessBlock(S3Client s3, String bucket) {
    PublicAccessBlockConfiguration c;
    try {
      c = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
    } catch (SdkException e) {
      if (!is(e, "NoSuchPublicAccessBlockConfiguration")) throw e;
      c = PublicAccessBlockConfiguration.builder().build();
    }
    Map<String, Object> m = new TreeMap<>();
    m.put("block_public_acls", Boolean.TRUE.equals(c.blockPublicAcls()));
    m.put("block_public_policy", Boolean.TRUE.equals(c.blockPublicPolicy()));
    m.put("ignore_public_acls", Boolean.TRUE.equals(c.ignorePublicAcls()));
    m.put("restrict_public_buckets", Boolean.TRUE.equals(c.restrictPublicBuckets()));
    return m;
  }

  private static String readEncryption(S3Client s3, String bucket) {
    List<ServerSideEncryptionRule> rules;
    try {
      rules = s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules();
    } catch (SdkException e) {
      if (is(e, "ServerSideEncryptionConfigurationNotFoundError")) return "none";
      throw e;
    }
    return rules.stream()
        .filter(r -> r.applyServerSideEncryptionByDefault() != null)
        .map(r -> r.applyServerSideEncryptionByDefault().sseAlgorithmAsString())
        .findFirst()
        .orElse("none");
  }

  private static Map<String, Object> readTags(S3Client s3, String bucket) {
    Map<String, Object> tags = new TreeMap<>();
    try {
      s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
    } catch (SdkException e) {
      if (!is(e, "NoSuchTagSet")) throw e;
    }
    return tags;
  }

  @Override
  public LiveResource create(CreateRequest request) {
    Address address = request.address();
    Map<String, Object> desired = request.desired();
    String bucket = (String) desired.get("bucket");
    if (bucket == null) throw new ProviderException(address.toString(), Operation.CREATE, "attribute 'bucket' is missing");
    String region = request.region();
    S3Client s3 = clients.s3(region);
    // A bucket of that name in this account is adopted only if it is this site's: one that an
    // earlier apply created and died before recording. Anyone else's is refused, never changed.
    Optional<LiveResource> existing = read(address, region, bucket, Operation.CREATE);
    if (existing.isPresent()) {
      if (request.resuming() && SiteTag.of(existing.get().attributes()).isEmpty() && holdsNothing(s3, address, bucket)) {
        // The create an earlier run sent and never heard back from: its bucket, made but not yet tagged.
        request.progress().report("adopting bucket " + bucket + ", which the interrupted create of an earlier run"
            + " made before it could tag it (it holds nothing)");
      } else {
        refuseUnlessOurs(address, existing.get(), desired);
        request.progress().report("adopting bucket " + bucket + ", created for this site by an earlier apply");
      }
    } else {
      try {
        poller.retryWhen(address, Operation.CREATE, request.progress(), Waits.BUCKET_PROPAGATION,
            "S3 to finish deleting an earlier bucket named " + bucket, e -> is(e, "OperationAborted"), () -> {
              s3.createBucket(b -> {
                b.bucket(bucket);
                if (!"us-east-1".equals(region)) b.createBucketConfiguration(c -> c.locationConstraint(region));
              });
            });
      } catch (SdkException e) {
        if (is(e, "BucketAlreadyOwnedByYou") && AwsFailures.retried(e)) {
          // Absent at the read, and this account's at a retry of our own create: the first
          // attempt made it and its answer was lost. It has none of its settings yet, tags included.
          readBack(address, region, bucket, Operation.CREATE);
          request.progress().report("adopting bucket " + bucket + ": this create made it, and AWS's answer was lost");
        } else if (is(e, "BucketAlreadyOwnedByYou")) {
          // Made in the moment since the read, by someone or something else.
          refuseUnlessOurs(address, readBack(address, region, bucket, Operation.CREATE), desired);
        } else if (is(e, "BucketAlreadyExists")) {
          throw new ProviderException(address.toString(), Operation.CREATE,
              "bucket name " + bucket + " is taken by another AWS account (bucket names are global): choose another",
              "BucketAlreadyExists", null, e);
        } else {
          throw AwsFailures.wrap(address, Operation.CREATE, e);
        }
      }
    }
    request.checkpoint().reached(new LiveResource(bucket, Map.of("bucket", bucket)));
    apply(s3, address, Operation.CREATE, bucket, existing.map(LiveResource::attributes).orElse(Map.of()), desired,
        request.progress());
    return readBack(address, region, bucket, Operation.CREATE);
  }

  /**
   * A bucket that exists but does not carry this site's {@code siteform:site} tag is somebody
   * else's (in us-east-1 CreateBucket even answers 200 for a bucket the account already owns):
   * siteform refuses to take it over and says how to adopt it on purpose.
   */
  /** Whether the bucket holds no object version and no delete marker: nobody has used it. */
  private static boolean holdsNothing(S3Client s3, Address address, String bucket) {
    ListObjectVersionsResponse page =
        call(address, Operation.CREATE, () -> s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(1)));
    return page.versions().isEmpty() && page.deleteMarkers().isEmpty();
  }

  private static void refuseUnlessOurs(Address address, LiveResource existing, Map<String, Object> desired) {
    if (SiteTag.ours(existing.attributes(), desired)) return;
    throw new ProviderException(address.toString(), Operation.CREATE, "bucket " + existing.id()
        + " already exists in this account and is not this site's (" + SiteTag.describe(existing.attributes())
        + "): siteform does not take over a bucket it did not create."
        + " To manage it with siteform, run `siteform import " + address + " " + existing.id()
        + "`; or choose another bucket name", "BucketAlreadyOwnedByYou", null, null);
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    S3Client s3 = clients.s3(request.region());
    apply(s3, request.address(), Operation.UPDATE, request.id(), request.prior(), request.desired(), request.progress());
    return readBack(request.address(), request.region(), request.id(), Operation.UPDATE);
  }

  /** The bucket as S3 has it now, waiting while S3 does not yet list one created a moment ago. */
  private LiveResource readBack(Address address, String region, String bucket, Operation op) {
    return poller.await(address, op, Progress.NONE, Waits.BUCKET_PROPAGATION,
        () -> read(address, region, bucket, op).<Poller.Outcome<LiveResource>>map(Poller::done)
            .orElseGet(() -> Poller.pending("bucket " + bucket + " is not visible in S3 yet")));
  }

  /**
   * Applies each desired setting that differs from {@code prior}; absent keys are left alone. Each
   * call is retried while S3 does not yet see a bucket created a moment ago ({@code NoSuchBucket}).
   */
  private void apply(S3Client s3, Address address, Operation op, String bucket,
      Map<String, Object> prior, Map<String, Object> desired, Progress progress) {
    Consumer<Runnable> call = c -> {
      try {
        poller.retryWhen(address, op, progress, Waits.BUCKET_PROPAGATION, "bucket " + bucket + " to be visible in S3",
            e -> is(e, "NoSuchBucket"), c);
      } catch (SdkException e) {
        throw AwsFailures.wrap(address, op, e);
      }
    };
    if (changed("versioning", prior, desired)) {
      String status = (String) desired.get("versioning");
      if ("Disabled".equals(status)) {
        if (!"Disabled".equals(prior.getOrDefault("versioning", "Disabled"))) {
          throw new ProviderException(address.toString(), op,
              "versioning cannot be turned off once enabled; write \"Suspended\" instead");
        }
      } else {
        call.accept(() -> s3.putBucketVersioning(b -> b.bucket(bucket)
            .versioningConfiguration(v -> v.status(BucketVersioningStatus.fromValue(status)))));
      }
    }
    if (changed("public_access_block", prior, desired)) {
      Map<?, ?> pab = (Map<?, ?>) desired.get("public_access_block");
      call.accept(() -> s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c
          .blockPublicAcls(flag(pab, "block_public_acls"))
          .blockPublicPolicy(flag(pab, "block_public_policy"))
          .ignorePublicAcls(flag(pab, "ignore_public_acls"))
          .restrictPublicBuckets(flag(pab, "restrict_public_buckets")))));
    }
    if (changed("encryption", prior, desired)) {
      String algorithm = (String) desired.get("encryption");
      if ("none".equals(algorithm)) {
        // On AWS this resets the bucket to the SSE-S3 default.
        call.accept(() -> s3.deleteBucketEncryption(b -> b.bucket(bucket)));
      } else {
        call.accept(() -> s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c
            .rules(r -> r.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.fromValue(algorithm)))))));
      }
    }
    if (changed(UploadsLifecycle.ATTRIBUTE, prior, desired)) {
      int days = ((Number) desired.get(UploadsLifecycle.ATTRIBUTE)).intValue();
      call.accept(() -> UploadsLifecycle.put(s3, bucket, days));
    }
    if (changed("tags", prior, desired)) {
      Map<?, ?> tags = (Map<?, ?>) desired.get("tags");
      if (tags.isEmpty()) {
        call.accept(() -> s3.deleteBucketTagging(b -> b.bucket(bucket)));
      } else {
        List<Tag> tagSet = tags.entrySet().stream()
            .map(e -> Tag.builder().key(String.valueOf(e.getKey())).value(String.valueOf(e.getValue())).build())
            .toList();
        call.accept(() -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(tagSet))));
      }
    }
  }

  private static boolean changed(String key, Map<String, Object> prior, Map<String, Object> desired) {
    return desired.containsKey(key) && !Objects.equals(prior.get(key), desired.get(key));
  }

  private static boolean flag(Map<?, ?> map, String key) {
    return Boolean.TRUE.equals(map.get(key));
  }

  /** Every version and delete marker counted, so the prompt says exactly what an emptying removes. */
  @Override
  public Optional<String> contentAtRisk(String region, String bucket) {
    try {
      long versions = 0;
      long markers = 0;
      for (ListObjectVersionsResponse page : clients.s3(region).listObjectVersionsPaginator(b -> b.bucket(bucket).maxKeys(1000))) {
        versions += page.versions().size();
        markers += page.deleteMarkers().size();
      }
      if (versions + markers == 0) return Optional.empty();
      return Optional.of("bucket " + bucket + " in " + region + " holds " + count(versions, "object version")
          + " and " + count(markers, "delete marker"));
    } catch (SdkException e) {
      if (is(e, "NoSuchBucket")) return Optional.empty();
      throw AwsFailures.wrap(new Address("s3_bucket", "check"), Operation.READ, e);
    }
  }

  private static String count(long n, String what) {
    return String.format(java.util.Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
  }

  @Override
  public void delete(DeleteRequest request) {
    Address address = request.address();
    String bucket = request.id();
    S3Client s3 = clients.s3(request.region());
    if (request.forceDeleteContent()) empty(s3, address, bucket, request.progress());
    try {
      s3.deleteBucket(b -> b.bucket(bucket));
    } catch (SdkException e) {
      if (is(e, "NoSuchBucket")) return;
      if (is(e, "BucketNotEmpty")) throw notEmpty(s3, address, bucket, e);
      throw AwsFailures.wrap(address, Operation.DELETE, e);
    }
  }

  /** Removes every object version and delete marker, 1,000 per request (--force-delete-content). */
  private static void empty(S3Client s3, Address address, String bucket, io.siteform.engine.provider.Progress progress) {
    long removed = 0;
    try {
      for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).maxKeys(1000))) {
        List<software.amazon.awssdk.services.s3.model.ObjectIdentifier> ids = new java.util.ArrayList<>();
        page.versions().forEach(v -> ids.add(software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder()
            .key(v.key()).versionId(v.versionId()).build()));
        page.deleteMarkers().forEach(m -> ids.add(software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder()
            .key(m.key()).versionId(m.versionId()).build()));
        if (ids.isEmpty()) continue;
        var r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
        if (!r.errors().isEmpty()) {
          var e = r.errors().get(0);
          throw new ProviderException(address.toString(), Operation.DELETE, "could not delete " + e.key() + " (version "
              + e.versionId() + ") from " + bucket + ": " + e.code() + " " + e.message());
        }
        removed += ids.size();
        progress.report("emptied " + removed + " object versions and delete markers from " + bucket);
      }
    } catch (SdkException e) {
      if (is(e, "NoSuchBucket")) return;
      throw AwsFailures.wrap(address, Operation.DELETE, e);
    }
  }

  private static ProviderException notEmpty(S3Client s3, Address address, String bucket, SdkException cause) {
    ListObjectVersionsResponse page =
        call(address, Operation.DELETE, () -> s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(1000)));
    int versions = page.versions().size();
    int markers = page.deleteMarkers().size();
    String more = Boolean.TRUE.equals(page.isTruncated()) ? "at least " : "";
    return new ProviderException(address.toString(), Operation.DELETE,
        "bucket " + bucket + " is not empty: it holds " + more + versions + " object version(s) and "
            + markers + " delete marker(s); siteform never deletes content unless asked to"
            + ": run again with --force-delete-content to delete every version first",
        "BucketNotEmpty", AwsFailures.errorCode(cause).isPresent() ? requestId(cause) : null, cause);
  }

  private static String requestId(SdkException e) {
    return e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s ? s.requestId() : null;
  }
}
