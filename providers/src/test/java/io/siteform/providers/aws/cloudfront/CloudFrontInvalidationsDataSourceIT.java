package io.siteform.providers.aws.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoDistributions;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/** The distribution's invalidations this month, as the plan's cost estimate counts them, on moto. */
@ExtendWith(MotoExtension.class)
class CloudFrontInvalidationsDataSourceIT {
  private static final Address ADDRESS = new Address(CloudFrontInvalidationsDataSource.TYPE, "site");

  private final AwsClients clients;
  private final CloudFrontClient cf;

  CloudFrontInvalidationsDataSourceIT(MotoServer moto) {
    this.clients = moto.newClients();
    this.cf = clients.cloudFront();
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  private void invalidate(String dist, String reference, List<String> paths) {
    cf.createInvalidation(b -> b.distributionId(dist).invalidationBatch(i -> i.callerReference(reference)
        .paths(p -> p.quantity(paths.size()).items(paths))));
  }

  private LiveResource read(Clock clock, String dist) {
    return new CloudFrontInvalidationsDataSource(clients, clock)
        .read(new DataRequest(ADDRESS, "us-east-1", Map.of("distribution_id", dist)));
  }

  @Test
  void countsThisMonthsInvalidationsOfThisDistributionAndTheirPaths() {
    String dist = MotoDistributions.create(cf, "site");
    String other = MotoDistributions.create(cf, "other");
    invalidate(dist, "r1", List.of("/*"));
    invalidate(dist, "r2", List.of("/index.html", "/app.js", "/assets/*"));
    invalidate(other, "r3", List.of("/a", "/b"));

    LiveResource found = read(Clock.systemUTC(), dist);

    assertThat(found.id()).isEqualTo(dist);
    assertThat(found.attributes()).containsEntry("invalidations", 2L).containsEntry("paths", 4L)
        .containsEntry("month", YearMonth.now(ZoneOffset.UTC).toString());
  }

  /**
   * The invalidations the state records siteform made are not asked for again: a site that
   * deploys on every push made one GetInvalidation more per deploy, all month.
   */
  @Test
  void theInvalidationsSiteformRecordedAreCountedFromTheRecordNotAskedFor() {
    String dist = MotoDistributions.create(cf, "site");
    String mine = cf.createInvalidation(b -> b.distributionId(dist).invalidationBatch(i -> i.callerReference("m1")
        .paths(p -> p.quantity(3).items("/a", "/b", "/c")))).invalidation().id();
    invalidate(dist, "theirs", List.of("/x", "/y"));
    String month = YearMonth.now(ZoneOffset.UTC).toString();
    Map<String, Object> known = Map.of(mine, Map.of("month", month, "paths", 3L));
    Map<String, Long> before = clients.operations();

    LiveResource found = new CloudFrontInvalidationsDataSource(clients, Clock.systemUTC())
        .read(new DataRequest(ADDRESS, "us-east-1", Map.of("distribution_id", dist, "known", known)));

    assertThat(found.attributes()).containsEntry("invalidations", 2L).containsEntry("paths", 5L);
    long gets = clients.operations().entrySet().stream().filter(e -> e.getKey().startsWith("CloudFront GetInvalidation "))
        .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    assertThat(gets).as("only the one siteform did not make").isEqualTo(1);
  }

  /** The ones made now are last month's to a clock in the next month: none counted. */
  @Test
  void invalidationsOfAnEarlierMonthAreNotCounted() {
    String dist = MotoDistributions.create(cf, "site");
    invalidate(dist, "r1", List.of("/a", "/b"));
    Instant nextMonth = YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    LiveResource found = read(Clock.fixed(nextMonth, ZoneOffset.UTC), dist);

    assertThat(found.attributes()).containsEntry("invalidations", 0L).containsEntry("paths", 0L)
        .containsEntry("month", YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString());
  }

  /** More than a page (100): ListInvalidations' Marker pages through all of them. */
  @Test
  void everyPageIsRead() {
    String dist = MotoDistributions.create(cf, "site");
    for (int i = 0; i < 103; i++) invalidate(dist, "r" + i, List.of("/p" + i));

    assertThat(read(Clock.systemUTC(), dist).attributes()).containsEntry("invalidations", 103L).containsEntry("paths", 103L);
  }

  @Test
  void aDistributionThatIsGoneHasNone() {
    assertThat(read(Clock.systemUTC(), "E0000000000000").attributes()).containsEntry("invalidations", 0L)
        .containsEntry("paths", 0L);
  }
}
