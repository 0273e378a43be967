package io.siteform.providers.aws.cloudfront;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.DataSource;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsFailures;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.InvalidationList;
import software.amazon.awssdk.services.cloudfront.model.InvalidationSummary;

/**
 * {@code cloudfront_invalidations}: the invalidations of one distribution ({@code
 * {distribution_id: E...}}) created in the current calendar month, UTC, and the paths they named,
 * for the plan's cost estimate: CloudFront bills invalidation paths beyond the first 1,000 a month
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/PayingForInvalidation.html).
 * Attributes: {@code month} (2026-12), {@code invalidations}, {@code paths}.
 *
 * <p>ListInvalidations gives each invalidation's CreateTime but not its paths, so each one of
 * this month is read with GetInvalidation, in parallel, but those the query's {@code known}
 * names (id to {@code {month, paths}}: the ones siteform made, as its state records them), whose
 * paths never change. Every page is read: the API reference promises no order.
 * A distribution that no longer exists has none.
 */
public final class CloudFrontInvalidationsDataSource implements DataSource {
  public static final String TYPE = "cloudfront_invalidations";

  private final AwsClients clients;
  private final Clock clock;

  /** @param clock what "this month" is (UTC) */
  public CloudFrontInvalidationsDataSource(AwsClients clients, Clock clock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public LiveResource read(DataRequest request) {
    Address address = request.address();
    String dist = request.text("distribution_id", "the distribution's id");
    YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    CloudFrontClient cf = clients.cloudFront();
    Map<?, ?> known = request.query().get("known") instanceof Map<?, ?> m ? m : Map.of();
    List<String> ids = new ArrayList<>();
    long knownPaths = 0;
    try {
      String marker = null;
      while (true) {
        String from = marker;
        InvalidationList page = cf.listInvalidations(b -> b.distributionId(dist).maxItems("100").marker(from))
            .invalidationList();
        for (InvalidationSummary s : page.items()) {
          if (!in(month, s.createTime())) continue;
          ids.add(s.id());
          if (known.get(s.id()) instanceof Map<?, ?> k && k.get("paths") instanceof Number n) knownPaths += n.longValue();
        }
        if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextMarker() == null) break;
        marker = page.nextMarker();
      }
    } catch (SdkException e) {
      if (is(e, "NoSuchDistribution")) return counted(dist, month, 0, 0);
      throw AwsFailures.wrap(address, Operation.READ, e);
    }
    // One GetInvalidation each, all at once: a site deploying on every push has dozens a month,
    // which one after another were as many round trips of the plan.
    List<String> unknown = ids.stream().filter(id -> !(known.get(id) instanceof Map<?, ?> k && k.get("paths") instanceof Number))
        .toList();
    long paths = knownPaths + io.siteform.providers.aws.Parallel.map(unknown, id -> AwsFailures.call(address, Operation.READ,
            () -> cf.getInvalidation(b -> b.distributionId(dist).id(id)).invalidation().invalidationBatch().paths().quantity()))
        .stream().mapToLong(Integer::longValue).sum();
    return counted(dist, month, ids.size(), paths);
  }

  /** Whether {@code created} falls in {@code month}, UTC (a month begins at 00:00 UTC on its first day). */
  static boolean in(YearMonth month, Instant created) {
    return created != null && YearMonth.from(created.atZone(ZoneOffset.UTC)).equals(month);
  }

  private static LiveResource counted(String dist, YearMonth month, int invalidations, long paths) {
    return new LiveResource(dist, Map.of("month", month.toString(), "invalidations", invalidations, "paths", paths));
  }
}
