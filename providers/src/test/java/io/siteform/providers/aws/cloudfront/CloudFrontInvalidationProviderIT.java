package io.siteform.providers.aws.cloudfront;

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
import io.siteform.providers.testing.MotoDistributions;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

@ExtendWith(MotoExtension.class)
class CloudFrontInvalidationProviderIT {
  private static final Address ADDRESS = new Address("cloudfront_invalidation", "site");
  private static final String REGION = "us-east-1";

  private final MotoServer moto;
  private final AwsClients clients;
  private final CloudFrontClient cf;
  private final CloudFrontInvalidationProvider provider;
  private String dist;

  CloudFrontInvalidationProviderIT(MotoServer moto) {
    this.moto = moto;
    this.clients = moto.newClients();
    this.cf = clients.cloudFront();
    this.provider = new CloudFrontInvalidationProvider(clients, new Waits(Duration.ofSeconds(30), Duration.ofMillis(100)));
  }

  @BeforeEach
  void distribution() {
    dist = MotoDistributions.create(cf, "site");
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  private Map<String, Object> desired(Map<String, String> digests) {
    return Map.of("distribution_id", dist, "mode", "changed", "digests", digests);
  }

  private Invalidation invalidation(String id) {
    return cf.getInvalidation(b -> b.distributionId(dist).id(id)).invalidation();
  }

  private int count() {
    return cf.listInvalidations(b -> b.distributionId(dist)).invalidationList().quantity();
  }

  private LiveResource update(LiveResource prior, Map<String, Object> desired) {
    return provider.update(new UpdateRequest(ADDRESS, REGION, prior.id(), prior.attributes(), desired, Progress.NONE));
  }

  @Test
  void firstPublishInvalidatesEverythingThenOnlyWhatChanged() {
    Map<String, String> v1 = Map.of("index.html", "a1", "app.css", "b1", "logo.png", "c1");
    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, desired(v1), Progress.NONE));

    assertThat(invalidation(created.id()).invalidationBatch().paths().items()).containsExactly("/*");
    assertThat(invalidation(created.id()).status()).isEqualToIgnoringCase("Completed");
    String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
    Map<String, Object> made = new java.util.LinkedHashMap<>(desired(v1));
    made.put("made", Map.of(created.id(), Map.of("month", month, "paths", 1L)));
    assertThat(created.attributes()).as("the desired attributes and the invalidation made").isEqualTo(made);
    assertThat(provider.read(new ReadRequest(ADDRESS, REGION, created.id(), created.attributes()))).contains(created);

    LiveResource updated = update(created, desired(Map.of("index.html", "a1", "app.css", "b2", "logo.png", "c1")));

    assertThat(updated.id()).isNotEqualTo(created.id());
    assertThat(invalidation(updated.id()).invalidationBatch().paths().items()).containsExactly("/app.css");
    assertThat(count()).isEqualTo(2);
    assertThat(updated.attributes().get("made")).as("both recorded, with their paths")
        .isEqualTo(Map.of(created.id(), Map.of("month", month, "paths", 1L), updated.id(), Map.of("month", month, "paths", 1L)));

    LiveResource unchanged = update(updated, updated.attributes());
    assertThat(unchanged.id()).as("nothing changed: no invalidation").isEqualTo(updated.id());
    assertThat(count()).isEqualTo(2);
    assertThat(unchanged.attributes().get("made")).isEqualTo(updated.attributes().get("made"));
  }

  /**
   * On AWS an invalidation takes minutes to complete (the launcher's {@code
   * cloudfront_invalidation_in_progress}: in progress until it has been asked once). A deploy
   * whose removal keeps removed files longer than that does not wait: CloudFront finishes on its
   * own, and the apply says so (index.html is also "/": two paths). Its first GetInvalidation is the test's, which still finds it in
   * progress; the apply that waited for it had already asked.
   */
  @Test
  void theApplyWaitsForCloudFrontToCompleteOnlyWhenItIsToldTo() {
    Map<String, String> v1 = Map.of("index.html", "a1", "app.css", "b1");
    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, desired(v1), Progress.NONE));
    moto.untidy("cloudfront_invalidation_in_progress");
    java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();

    Map<String, Object> noWait = new java.util.LinkedHashMap<>(desired(Map.of("index.html", "a2", "app.css", "b1")));
    noWait.put("await_completion", false);
    LiveResource sent = provider.update(new UpdateRequest(ADDRESS, REGION, created.id(), created.attributes(), noWait,
        said::add));

    assertThat(said).containsExactly("invalidation " + sent.id() + " of distribution " + dist
        + " (2 path(s)) is InProgress: CloudFront completes it on its own, usually within minutes");
    assertThat(invalidation(sent.id()).status()).as("not asked by the apply").isEqualTo("InProgress");
    assertThat(invalidation(sent.id()).status()).isEqualTo("Completed");

    said.clear();
    Map<String, Object> wait = new java.util.LinkedHashMap<>(desired(Map.of("index.html", "a3", "app.css", "b1")));
    wait.put("await_completion", true);
    LiveResource awaited = provider.update(new UpdateRequest(ADDRESS, REGION, sent.id(), sent.attributes(), wait,
        said::add));

    assertThat(said).as("the wait's own line, said once while it stays the same").hasSize(1).allSatisfy(line ->
        assertThat(line).isEqualTo("invalidation " + awaited.id() + " of distribution " + dist + " (2 path(s)): InProgress"));
    assertThat(invalidation(awaited.id()).status()).as("the apply saw it complete").isEqualTo("Completed");
  }

  /**
   * A deploy that does not wait for its invalidation can find CloudFront's limit of invalidations
   * in progress reached by earlier ones (15 wildcard paths per distribution): it waits for them,
   * saying so, and then sends its own. In the launcher each refusal completes the oldest, as the
   * time waited would.
   */
  @Test
  void aDeployFindingCloudFrontsLimitOfInvalidationsInProgressWaitsForTheEarlierOnes() {
    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, desired(Map.of("index.html", "a1")),
        Progress.NONE));
    moto.untidy("cloudfront_invalidation_in_progress");
    java.util.List<String> folders = java.util.stream.IntStream.rangeClosed(1, 15).mapToObj(i -> "/d" + i + "/*").toList();
    Invalidation earlier = cf.createInvalidation(b -> b.distributionId(dist).invalidationBatch(i -> i
        .callerReference("someone-else").paths(p -> p.quantity(folders.size()).items(folders)))).invalidation();
    assertThat(earlier.status()).isEqualTo("InProgress");
    java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();

    Map<String, Object> all = new java.util.LinkedHashMap<>(desired(Map.of("index.html", "a2")));
    all.put("mode", "all");
    all.put("await_completion", false);
    LiveResource sent = provider.update(new UpdateRequest(ADDRESS, REGION, created.id(), created.attributes(), all,
        said::add));

    assertThat(said).first().asString().contains("waiting for CloudFront to finish earlier invalidations of distribution "
        + dist + " (AWS answered TooManyInvalidationsInProgress)");
    assertThat(invalidation(sent.id()).invalidationBatch().paths().items()).containsExactly("/*");
    assertThat(count()).isEqualTo(3);
  }

  /** The content's apply restored an object someone changed in the bucket: no digest changed, yet it is invalidated. */
  @Test
  void objectsTheContentRewroteAreInvalidatedThoughNoDigestChanged() {
    Map<String, String> v1 = Map.of("index.html", "a1", "app.css", "b1");
    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, desired(v1), Progress.NONE));
    Map<String, Object> restoring = new java.util.LinkedHashMap<>(desired(v1));
    restoring.put("rewrites", Map.of("app.css", "written"));

    LiveResource updated = update(created, restoring);

    assertThat(updated.id()).isNotEqualTo(created.id());
    assertThat(invalidation(updated.id()).invalidationBatch().paths().items()).containsExactly("/app.css");
  }

  @Test
  void aRetriedApplyGetsBackTheInvalidationItAlreadyMade() {
    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, desired(Map.of("a.html", "1")), Progress.NONE));
    Map<String, Object> next = desired(Map.of("a.html", "2", "new page.html", "3"));

    LiveResource first = update(created, next);
    // the apply died before state recorded `first`: the next apply starts again from `created`
    LiveResource retried = update(created, next);

    assertThat(retried.id()).isEqualTo(first.id());
    assertThat(invalidation(first.id()).invalidationBatch().paths().items()).containsExactly("/a.html", "/new%20page.html");
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void goneInvalidationsAndDistributionsReadAsEmptyAndDeleteDoesNothing() {
    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, desired(Map.of("a", "1")), Progress.NONE));
    assertThat(provider.read(new ReadRequest(ADDRESS, REGION, "NOSUCHID", created.attributes()))).isEmpty();
    assertThat(provider.read(new ReadRequest(ADDRESS, REGION, created.id(),
        Map.of("distribution_id", "ENOSUCHDIST", "mode", "changed", "digests", Map.of())))).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, REGION, created.id(), created.attributes(), Progress.NONE));
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void aMissingDistributionIsAnErrorSayingSo() {
    assertThatThrownBy(() -> provider.create(new CreateRequest(ADDRESS, REGION,
            Map.of("distribution_id", "ENOSUCHDIST", "mode", "all", "digests", Map.of()), Progress.NONE)))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("distribution ENOSUCHDIST does not exist");
  }
}
