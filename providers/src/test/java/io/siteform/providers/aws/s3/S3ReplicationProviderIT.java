package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.state.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class S3ReplicationProviderIT {
  private static final Address ADDRESS = new Address("s3_replication", "primary");
  private static final String ROLE = "arn:aws:iam::123456789012:role/site-crr";

  private final MotoServer moto;
  private final AwsClients clients;
  private final S3ReplicationProvider provider;

  S3ReplicationProviderIT(MotoServer moto) {
    this.moto = moto;
    this.clients = moto.newClients();
    this.provider = new S3ReplicationProvider(clients, Waits.DEFAULTS);
  }

  @BeforeEach
  void buckets() {
    S3BucketProvider buckets = new S3BucketProvider(clients, Waits.DEFAULTS);
    Address a = new Address("s3_bucket", "b");
    buckets.create(new CreateRequest(a, "eu-west-1", S3BucketProviderIT.desired("src"), Progress.NONE));
    buckets.create(new CreateRequest(a, "ap-southeast-1", S3BucketProviderIT.desired("dst"), Progress.NONE));
    buckets.create(new CreateRequest(a, "us-east-1", S3BucketProviderIT.desired("dst2"), Progress.NONE));
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  static Map<String, Object> rule(String id, long priority, String prefix, String destination, boolean deleteMarkers) {
    return Map.of("id", id, "priority", priority, "prefix", prefix,
        "destination_bucket", "arn:aws:s3:::" + destination, "delete_marker_replication", deleteMarkers);
  }

  private Optional<LiveResource> read() {
    return provider.read(new ReadRequest(ADDRESS, "eu-west-1", "src", Map.of()));
  }

  /**
   * PutBucketReplication right after versioning was enabled may answer InvalidRequest "Versioning
   * must be 'Enabled' on the bucket" (hashicorp s3/bucket_replication_configuration.go): waited out.
   */
  @Test
  void replicationRightAfterVersioningWaitsForS3ToSeeIt() {
    moto.untidy("s3_replication_versioning_propagation");
    new S3BucketProvider(clients, Waits.DEFAULTS).create(new CreateRequest(new Address("s3_bucket", "b"), "eu-west-1",
        S3BucketProviderIT.desired("fresh-src"), Progress.NONE));
    List<String> progress = new java.util.ArrayList<>();
    Map<String, Object> desired = Map.of("bucket", "fresh-src", "role_arn", ROLE,
        "rules", List.of(rule("replica-0", 1, "", "dst", false)));

    LiveResource created = provider.create(new CreateRequest(ADDRESS, "eu-west-1", desired, progress::add));

    assertThat(created.attributes()).containsEntry("rules", Values.copyMap(desired).get("rules"));
    assertThat(progress).singleElement().asString().startsWith("waiting for S3 to see bucket fresh-src")
        .endsWith("(AWS answered InvalidRequest)");
  }

  @Test
  void lifecycle() {
    Map<String, Object> desired = Map.of("bucket", "src", "role_arn", ROLE, "rules", List.of(
        rule("replica-0", 1, "", "dst", false),
        rule("replica-1", 2, "assets/", "dst2", true)));

    LiveResource created = provider.create(new CreateRequest(ADDRESS, "eu-west-1", desired, Progress.NONE));

    assertThat(created.id()).isEqualTo("src");
    LiveResource read = read().orElseThrow();
    assertThat(read).isEqualTo(created);
    Values.copyMap(desired).forEach((k, v) -> assertThat(read.attributes()).as(k).containsEntry(k, v));

    Map<String, Object> changed = new HashMap<>(desired);
    changed.put("rules", List.of(rule("replica-0", 1, "", "dst", true)));
    LiveResource updated = provider.update(
        new UpdateRequest(ADDRESS, "eu-west-1", "src", read.attributes(), changed, Progress.NONE));
    Values.copyMap(changed).forEach((k, v) -> assertThat(updated.attributes()).as(k).containsEntry(k, v));

    // drift: a hand-made legacy V1 rule (top-level Prefix)
    clients.s3("eu-west-1").putBucketReplication(b -> b.bucket("src").replicationConfiguration(c -> c.role(ROLE)
        .rules(r -> r.id("manual").priority(5).prefix("img/").status("Enabled").destination(d -> d.bucket("arn:aws:s3:::dst")))));
    assertThat(read().orElseThrow().attributes().get("rules"))
        .isEqualTo(Values.copy(List.of(Map.of("id", "manual", "priority", 5L, "prefix", "img/",
            "destination_bucket", "arn:aws:s3:::dst", "delete_marker_replication", false))));

    provider.delete(new DeleteRequest(ADDRESS, "eu-west-1", "src", Map.of(), Progress.NONE));
    assertThat(read()).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, "eu-west-1", "src", Map.of(), Progress.NONE));
  }

  @Test
  void rulesReadBackSortedByPriority() {
    clients.s3("eu-west-1").putBucketReplication(b -> b.bucket("src").replicationConfiguration(c -> c.role(ROLE)
        .rules(
            r -> r.id("b").priority(2).filter(f -> f.and(x -> x.prefix("b/").tags(t -> t.key("k").value("v"))))
                .status("Enabled").deleteMarkerReplication(m -> m.status("Disabled")).destination(d -> d.bucket("arn:aws:s3:::dst")),
            r -> r.id("a").priority(1).filter(f -> f.prefix("a/"))
                .status("Enabled").deleteMarkerReplication(m -> m.status("Enabled")).destination(d -> d.bucket("arn:aws:s3:::dst")))));

    assertThat(read().orElseThrow().attributes().get("rules")).isEqualTo(Values.copy(List.of(
        rule("a", 1, "a/", "dst", true), rule("b", 2, "b/", "dst", false))));
  }

  @Test
  void missingConfigurationOrBucketReadsEmpty() {
    assertThat(read()).isEmpty();
    assertThat(provider.read(new ReadRequest(ADDRESS, "eu-west-1", "no-such-bucket", Map.of()))).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, "eu-west-1", "no-such-bucket", Map.of(), Progress.NONE));
  }
}
