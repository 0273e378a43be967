package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.s3.BucketObjects.Listed;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A bucket listed in parallel ranges split by the keys state expects (issue 14.3) is the bucket's
 * whole listing, each key once, whatever it holds besides or lacks of them, in about one request
 * per range; ranges of 10 keys here stand for S3's pages of 1,000.
 */
@ExtendWith(MotoExtension.class)
class RangedListingIT {
  private static final Address ADDRESS = new Address("site_content", "site");
  private static final String REGION = "eu-west-1";
  private static final int PAGE = 10;

  private final AwsClients clients;
  private final S3Client s3;

  RangedListingIT(MotoServer moto) {
    this.clients = moto.newClients();
    this.s3 = clients.s3(REGION);
  }

  @AfterEach
  void close() {
    clients.close();
  }

  private void bucketWith(String bucket, List<String> keys) {
    s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(REGION)));
    for (String k : keys) s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString("x" + k));
  }

  private static List<String> keys(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(String.format("%s%03d.html", prefix, i));
    return out;
  }

  private long listings() {
    return clients.requests().getOrDefault("S3", 0L);
  }

  @Test
  void theRangesTogetherAreTheWholeBucketInAboutOneRequestEach() {
    List<String> all = keys("page-", 35);
    bucketWith("ranged", all);
    long before = listings();
    Optional<Map<String, Listed>> listed = BucketObjects.list(s3, ADDRESS, Operation.READ, "ranged", all, PAGE);
    assertThat(listed).hasValueSatisfying(m -> assertThat(m.keySet()).containsExactlyElementsOf(new TreeSet<>(all)));
    assertThat(listed.get().get("page-007.html").size()).isEqualTo("xpage-007.html".length());
    // Four ranges (10, 10, 10, 5 keys): one request each; the range that ends on a page's last key asks no more.
    assertThat(listings() - before).isEqualTo(4);
  }

  @Test
  void keysStateDoesNotExpectAreListedOnceAndExpectedOnesThatAreGoneAreNot() {
    List<String> expected = keys("page-", 30);
    List<String> held = new ArrayList<>(expected.subList(5, 30));   // five expected keys gone
    held.addAll(keys("page-00", 12));                              // "page-00000.html"... sort inside the first range
    held.addAll(keys("zz-", 15));                                   // past every expected key: the last range pages on
    held.add("a.html");                                            // before them all
    bucketWith("drifted", held);
    Optional<Map<String, Listed>> listed = BucketObjects.list(s3, ADDRESS, Operation.READ, "drifted", expected, PAGE);
    assertThat(listed).hasValueSatisfying(m -> assertThat(m.keySet()).containsExactlyElementsOf(new TreeSet<>(held)));
    assertThat(listed.get()).hasSize(new TreeSet<>(held).size());
  }

  @Test
  void keysBeyondTheBasicPlaneAreRangedInS3sOrder() {
    // U+1F600 is after U+FFFD in UTF-8 (and S3) order but before it in Java's UTF-16 order.
    List<String> all = new ArrayList<>(keys("p", 12));
    for (int i = 0; i < 12; i++) all.add("\uFFFD" + i);
    for (int i = 0; i < 12; i++) all.add("\uD83D\uDE00" + i);
    bucketWith("planes", all);
    Optional<Map<String, Listed>> listed = BucketObjects.list(s3, ADDRESS, Operation.READ, "planes", all, PAGE);
    assertThat(listed).hasValueSatisfying(m -> assertThat(m.keySet()).containsExactlyInAnyOrderElementsOf(all));
  }

  @Test
  void aMissingBucketIsEmptyAndFewExpectedKeysListAsOne() {
    assertThat(BucketObjects.list(s3, ADDRESS, Operation.READ, "no-such-bucket", keys("page-", 35), PAGE)).isEmpty();
    assertThat(BucketObjects.bounds(keys("page-", PAGE), PAGE)).isEmpty();
    assertThat(BucketObjects.bounds(keys("page-", 25), PAGE)).containsExactly("page-009.html", "page-019.html");
    assertThat(BucketObjects.bounds(List.of("\uD83D\uDE00", "\uFFFD", "a"), 1)).containsExactly("a", "\uFFFD");
  }
}
