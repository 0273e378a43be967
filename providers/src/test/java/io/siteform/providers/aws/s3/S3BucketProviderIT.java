package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.testing.FaultProxy;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import java.util.List;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

@ExtendWith(MotoExtension.class)
class S3BucketProviderIT {
  private static final Address ADDRESS = new Address("s3_bucket", "primary");

  private final MotoServer moto;
  private final AwsClients clients;
  private final S3BucketProvider provider;

  S3BucketProviderIT(MotoServer moto) {
    this.moto = moto;
    this.clients = moto.newClients();
    this.provider = new S3BucketProvider(clients, Waits.DEFAULTS);
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  static Map<String, Object> desired(String bucket) {
    return Map.of(
        "bucket", bucket,
        "versioning", "Enabled",
        "public_access_block", Map.of(
            "block_public_acls", true, "block_public_policy", true,
            "ignore_public_acls", true, "restrict_public_buckets", true),
        "encryption", "AES256",
        "abort_incomplete_uploads_days", 1L,
        "tags", Map.of("project", "ticket-service", "siteform:site", "ticket-service-ui"));
  }

  private Optional<LiveResource> read(String region, String bucket) {
    return provider.read(new ReadRequest(ADDRESS, region, bucket, Map.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"eu-west-1", "us-east-1", "ap-southeast-1"})
  void lifecycle(String region) {
    String bucket = "site-" + region;
    Map<String, Object> desired = desired(bucket);

    LiveResource created = provider.create(new CreateRequest(ADDRESS, region, desired, Progress.NONE));

    assertThat(created.id()).isEqualTo(bucket);
    assertThat(created.attributes())
        .containsEntry("arn", "arn:aws:s3:::" + bucket)
        .containsEntry("regional_domain_name", bucket + ".s3." + region + ".amazonaws.com");
    LiveResource read = read(region, bucket).orElseThrow();
    assertThat(read).isEqualTo(created);
    desired.forEach((k, v) -> assertThat(read.attributes()).as(k).containsEntry(k, v)); // no-op plan

    Map<String, Object> changed = new HashMap<>(desired);
    changed.put("tags", Map.of("project", "ticket-service", "owner", "jane"));
    changed.put("public_access_block", Map.of(
        "block_public_acls", true, "block_public_policy", false,
        "ignore_public_acls", true, "restrict_public_buckets", false));
    LiveResource updated = provider.update(
        new UpdateRequest(ADDRESS, region, bucket, read.attributes(), changed, Progress.NONE));
    changed.forEach((k, v) -> assertThat(updated.attributes()).as(k).containsEntry(k, v));
    assertThat(read(region, bucket)).contains(updated);

    // drift behind siteform's back
    clients.s3(region).deleteBucketTagging(b -> b.bucket(bucket));
    clients.s3(region).putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Suspended")));
    LiveResource drifted = read(region, bucket).orElseThrow();
    assertThat(drifted.attributes()).containsEntry("tags", Map.of()).containsEntry("versioning", "Suspended");

    provider.delete(new DeleteRequest(ADDRESS, region, bucket, drifted.attributes(), Progress.NONE));
    assertThat(read(region, bucket)).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, region, bucket, drifted.attributes(), Progress.NONE));
  }

  @Test
  void bareBucketReadsAsDefaults() {
    clients.s3("eu-west-1").createBucket(b -> b.bucket("bare").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));

    Map<String, Object> a = read("eu-west-1", "bare").orElseThrow().attributes();

    assertThat(a).containsEntry("versioning", "Disabled")
        .containsEntry("tags", Map.of())
        .containsEntry("abort_incomplete_uploads_days", 0L)
        .containsEntry("encryption", "AES256") // AWS's default since 2023 (patched into moto)
        .containsEntry("public_access_block", Map.of(
            "block_public_acls", false, "block_public_policy", false,
            "ignore_public_acls", false, "restrict_public_buckets", false));
  }

  /**
   * PutBucketLifecycleConfiguration replaces every rule: siteform's own rule is added, drifts and
   * goes by its ID, and the rules someone wrote by hand stay as they were.
   */
  @Test
  void theUploadsRuleIsSiteformsAloneAndKeepsHandMadeRules() {
    S3Client s3 = clients.s3("eu-west-1");
    s3.createBucket(b -> b.bucket("kept").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    LifecycleRule theirs = LifecycleRule.builder().id("expire-logs").status(ExpirationStatus.ENABLED)
        .filter(f -> f.prefix("logs/")).expiration(e -> e.days(30)).build();
    s3.putBucketLifecycleConfiguration(b -> b.bucket("kept").lifecycleConfiguration(c -> c.rules(theirs)));
    Map<String, Object> prior = read("eu-west-1", "kept").orElseThrow().attributes();
    assertThat(prior).containsEntry("abort_incomplete_uploads_days", 0L);

    LiveResource updated = provider.update(new UpdateRequest(ADDRESS, "eu-west-1", "kept", prior,
        Map.of("abort_incomplete_uploads_days", 1), Progress.NONE));

    assertThat(updated.attributes()).containsEntry("abort_incomplete_uploads_days", 1L);
    List<LifecycleRule> rules = s3.getBucketLifecycleConfiguration(b -> b.bucket("kept")).rules();
    assertThat(rules).extracting(LifecycleRule::id).containsExactlyInAnyOrder("expire-logs", UploadsLifecycle.RULE_ID);
    assertThat(rules).filteredOn(r -> r.id().equals("expire-logs")).singleElement()
        .satisfies(r -> assertThat(r.expiration().days()).isEqualTo(30));
    assertThat(rules).filteredOn(r -> r.id().equals(UploadsLifecycle.RULE_ID)).singleElement()
        .satisfies(r -> assertThat(r.abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(1));

    // drift: someone put back only their own rule
    s3.putBucketLifecycleConfiguration(b -> b.bucket("kept").lifecycleConfiguration(c -> c.rules(theirs)));
    assertThat(read("eu-west-1", "kept").orElseThrow().attributes()).containsEntry("abort_incomplete_uploads_days", 0L);

    provider.update(new UpdateRequest(ADDRESS, "eu-west-1", "kept", updated.attributes(),
        Map.of("abort_incomplete_uploads_days", 0), Progress.NONE));
    assertThat(s3.getBucketLifecycleConfiguration(b -> b.bucket("kept")).rules())
        .extracting(LifecycleRule::id).containsExactly("expire-logs");
  }

  /** An earlier apply created it, tagged it, and died before recording it: the rerun adopts it. */
  @Test
  void createAdoptsABucketThisSiteCreatedEarlier() {
    S3Client s3 = clients.s3("eu-west-1");
    s3.createBucket(b -> b.bucket("mine").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    s3.putBucketTagging(b -> b.bucket("mine").tagging(t -> t.tagSet(
        software.amazon.awssdk.services.s3.model.Tag.builder().key("siteform:site").value("ticket-service-ui").build())));
    List<String> progress = new ArrayList<>();

    LiveResource created = provider.create(new CreateRequest(ADDRESS, "eu-west-1", desired("mine"), progress::add));

    desired("mine").forEach((k, v) -> assertThat(created.attributes()).as(k).containsEntry(k, v));
    assertThat(progress).contains("adopting bucket mine, created for this site by an earlier apply");
  }

  /**
   * S3 answers NoSuchBucket to configuration calls right after CreateBucket, and CreateBucket of a
   * name just deleted answers OperationAborted: both are waited out (the launcher models each once).
   */
  @Test
  void aCreateRidesOutS3sPropagationAfterCreateAndAfterDelete() {
    moto.untidy("s3_bucket_propagation", "s3_create_bucket_operation_aborted");
    List<String> progress = new ArrayList<>();
    LiveResource first = provider.create(new CreateRequest(ADDRESS, "eu-west-1", desired("fresh"), progress::add));
    desired("fresh").forEach((k, v) -> assertThat(first.attributes()).as(k).containsEntry(k, v));
    assertThat(progress).contains("waiting for bucket fresh to be visible in S3 (AWS answered NoSuchBucket)");

    provider.delete(new DeleteRequest(ADDRESS, "eu-west-1", "fresh", first.attributes(), Progress.NONE));
    progress.clear();
    LiveResource again = provider.create(new CreateRequest(ADDRESS, "eu-west-1", desired("fresh"), progress::add));
    assertThat(again.attributes()).containsEntry("versioning", "Enabled");
    assertThat(progress).contains(
        "waiting for S3 to finish deleting an earlier bucket named fresh (AWS answered OperationAborted)");
  }

  /** Someone else's bucket made a moment ago, still propagating: refused by name, never taken for missing. */
  @Test
  void aBucketSomeoneElseJustMadeIsRefusedEvenWhileS3IsStillPropagatingIt() {
    moto.untidy("s3_bucket_propagation");
    clients.s3("eu-west-1").createBucket(b -> b.bucket("just-made").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));

    assertThatThrownBy(() -> provider.create(new CreateRequest(ADDRESS, "eu-west-1", desired("just-made"), Progress.NONE)))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("bucket just-made already exists in this account and is not this site's");
  }

  /**
   * Whichever of the bucket's reads S3 answers NoSuchBucket while it propagates, the read waits
   * for it as for the others. The lifecycle read used to throw it already wrapped, past the wait:
   * 8 in 300 runs of the test above, when its call happened to be the one that took the launcher's
   * mark, the user got "The specified bucket does not exist" for a bucket that does.
   */
  @Test
  void eachOfTheBucketsReadsWaitsWhileS3DoesNotSeeTheBucketYet() {
    clients.s3("eu-west-1").createBucket(b -> b.bucket("just-made").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    for (String read : List.of("versioning", "publicAccessBlock", "encryption", "lifecycle", "tagging")) {
      try (FaultProxy proxy = new FaultProxy(moto.endpoint(), 100);
          AwsClients viaProxy = proxy.newClients()) {
        proxy.inject(r -> r.path().equals("/just-made") && r.query().equals(read), FaultProxy.Fault.NO_SUCH_BUCKET, 1);
        S3BucketProvider throughProxy = new S3BucketProvider(viaProxy, Waits.DEFAULTS);

        assertThatThrownBy(() -> throughProxy.create(new CreateRequest(ADDRESS, "eu-west-1", desired("just-made"), Progress.NONE)))
            .as(read)
            .isInstanceOf(ProviderException.class)
            .hasMessageContaining("bucket just-made already exists in this account and is not this site's");
        assertThat(proxy.injected(FaultProxy.Fault.NO_SUCH_BUCKET)).as(read).isEqualTo(1);
      }
    }
  }

  /** In us-east-1 CreateBucket answers 200 for a bucket the account owns: siteform must not take it over. */
  @Test
  void aBucketThatIsNotThisSitesIsRefusedAndLeftAlone() {
    for (String region : List.of("us-east-1", "eu-west-1")) {
      S3Client s3 = clients.s3(region);
      String name = "theirs-" + region;
      s3.createBucket(b -> {
        b.bucket(name);
        if (!region.equals("us-east-1")) b.createBucketConfiguration(c -> c.locationConstraint(region));
      });
      s3.putObject(b -> b.bucket(name).key("their-file"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));

      assertThatThrownBy(() -> provider.create(new CreateRequest(ADDRESS, region, desired(name), Progress.NONE)))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("bucket " + name + " already exists in this account and is not this site's"
              + " (its siteform:site tag is missing)")
          .hasMessageContaining("`siteform import s3_bucket.primary " + name + "`");
      assertThat(read(region, name).orElseThrow().attributes()).containsEntry("versioning", "Disabled")
          .containsEntry("tags", Map.of());
      assertThat(s3.listObjectsV2(b -> b.bucket(name)).contents()).hasSize(1);
    }
  }

  @Test
  void missingBucketReadsEmptyAndDeletesQuietly() {
    assertThat(read("eu-west-1", "nothing-here")).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, "eu-west-1", "nothing-here", Map.of(), Progress.NONE));
  }

  /**
   * GetBucketLocation and the five reads of the bucket's settings go out together: the location
   * is held at the proxy until the reads have arrived, which they never would if they waited for
   * its answer.
   */
  @Test
  void theSettingsAreReadWithoutWaitingForTheBucketsLocation() {
    provider.create(new CreateRequest(ADDRESS, "eu-west-1", desired("together"), Progress.NONE));
    Set<String> settings = Set.of("versioning", "publicAccessBlock", "encryption", "lifecycle", "tagging");
    try (FaultProxy proxy = new FaultProxy(moto.endpoint(), 100);
        AwsClients viaProxy = proxy.newClients()) {
      FaultProxy.Hold location = proxy.hold(r -> r.path().equals("/together") && r.query().equals("location"),
          r -> r.path().equals("/together") && settings.contains(r.query()), settings.size());

      Optional<LiveResource> live = new S3BucketProvider(viaProxy, Waits.DEFAULTS)
          .read(new ReadRequest(ADDRESS, "eu-west-1", "together", Map.of()));

      assertThat(live).map(l -> l.attributes().get("versioning")).contains("Enabled");
      assertThat(location.metWhileHeld()).isTrue();
    }
  }

  @Test
  void bucketInAnotherRegionIsReported() {
    provider.create(new CreateRequest(ADDRESS, "ap-southeast-1", desired("moved"), Progress.NONE));

    assertThatThrownBy(() -> read("eu-west-1", "moved"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("is in ap-southeast-1, not in eu-west-1");
  }

  @Test
  void refusesToDeleteABucketWithContent() {
    provider.create(new CreateRequest(ADDRESS, "eu-west-1", desired("full"), Progress.NONE));
    clients.s3("eu-west-1").putObject(b -> b.bucket("full").key("index.html"), RequestBody.fromString("<html/>"));
    clients.s3("eu-west-1").putObject(b -> b.bucket("full").key("index.html"), RequestBody.fromString("<html>2</html>"));

    assertThatThrownBy(() -> provider.delete(new DeleteRequest(ADDRESS, "eu-west-1", "full", Map.of(), Progress.NONE)))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("s3_bucket.primary: delete: bucket full is not empty: it holds 2 object version(s)")
        .hasMessageContaining("--force-delete-content")
        .satisfies(e -> assertThat(((ProviderException) e).errorCode()).contains("BucketNotEmpty"));
    assertThat(read("eu-west-1", "full")).isPresent();
  }
}
