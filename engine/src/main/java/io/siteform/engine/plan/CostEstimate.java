package io.siteform.engine.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What applying a plan adds to the AWS bill where AWS bills per request or per byte, beyond the
 * free tier: the invalidation paths (this apply's, counted as the {@code cloudfront_invalidation}
 * provider will send them, a wildcard as one, on top of the distribution's earlier ones this
 * month against CloudFront's 1,000 free), the bytes S3 replicates to each replica region (every
 * object this apply writes to the primary, once per replica), and the PUT/COPY requests (the
 * primary's writes and each replica's). An estimate at the list prices of {@link AwsPrices}; DELETE
 * requests are free and storage is not counted. Pure: read from the plan alone.
 *
 * @param invalidationPaths the paths this apply invalidates
 * @param earlier the distribution's earlier paths this month, as read when planning
 * @param primaryWrites objects this apply writes (uploads or, for a rollback, copies) to the primary
 * @param primaryBytes their size
 * @param replication per replica region (in the spec's order), what S3 writes there
 */
public record CostEstimate(long invalidationPaths, EarlierInvalidations earlier, long primaryWrites, long primaryBytes,
    List<Replication> replication) {
  public CostEstimate {
    Objects.requireNonNull(earlier, "earlier");
    replication = List.copyOf(replication);
  }

  /** What one replica region receives: an object written for each the primary gets, and its bytes. */
  public record Replication(String region, long objects, long bytes) {
    public BigDecimal transferCost() {
      return AwsPrices.INTER_REGION_TRANSFER.usd.multiply(BigDecimal.valueOf(bytes))
          .divide(BigDecimal.valueOf(AwsPrices.BYTES_PER_GB), MathContext.DECIMAL64);
    }
  }

  /** The estimate of {@code plan}'s apply, or empty if it writes and invalidates nothing (or destroys). */
  public static Optional<CostEstimate> of(Plan plan) {
    if (plan.destroy()) return Optional.empty();
    long paths = 0;
    Map<String, Map<?, ?>> written = Map.of();
    List<Object> replicas = List.of();
    for (ResourceChange c : plan.changes()) {
      if (c.desired().isEmpty()) continue;
      switch (c.address().type()) {
        case "cloudfront_invalidation" -> paths = InvalidationPaths.of(c).size();
        case "site_content" -> {
          written = PublishPhases.written(c).orElse(Map.of());
          if (c.after().get("replicas") instanceof List<?> l) replicas = List.copyOf(l);
        }
        default -> { }
      }
    }
    if (paths == 0 && written.isEmpty()) return Optional.empty();
    long bytes = 0;
    for (Map<?, ?> f : written.values()) bytes += f.get("size") instanceof Number n ? n.longValue() : 0;
    Map<String, Replication> byRegion = new java.util.LinkedHashMap<>();
    for (Object r : replicas) {
      if (!(r instanceof Map<?, ?> m)) continue;
      String region = String.valueOf(m.get("region"));
      Replication had = byRegion.getOrDefault(region, new Replication(region, 0, 0));
      byRegion.put(region, new Replication(region, had.objects() + written.size(), had.bytes() + bytes));
    }
    return Optional.of(new CostEstimate(paths, plan.earlierInvalidations(), written.size(), bytes,
        new ArrayList<>(byRegion.values())));
  }

  /** Whether the earlier paths this month were read; if not, the billable paths are a lower bound. */
  public boolean earlierCounted() {
    return !(earlier instanceof EarlierInvalidations.NotCounted);
  }

  /** The distribution's paths this month once this apply's are in. */
  public long pathsThisMonth() {
    return earlier.knownPaths() + invalidationPaths;
  }

  /** This apply's paths beyond what is left of the month's free ones (as far as this distribution tells). */
  public long billablePaths() {
    long freeLeft = Math.max(0, AwsPrices.FREE_INVALIDATION_PATHS - earlier.knownPaths());
    return Math.max(0, invalidationPaths - freeLeft);
  }

  public BigDecimal invalidationCost() {
    return AwsPrices.INVALIDATION_PATH.usd.multiply(BigDecimal.valueOf(billablePaths()));
  }

  /** S3 writes in the replica regions: one per object written to the primary, per replica. */
  public long replicationWrites() {
    return replication.stream().mapToLong(Replication::objects).sum();
  }

  public long requests() {
    return primaryWrites + replicationWrites();
  }

  public BigDecimal requestCost() {
    return AwsPrices.S3_WRITE_REQUESTS.usd.multiply(BigDecimal.valueOf(requests()))
        .divide(BigDecimal.valueOf(1000), MathContext.DECIMAL64);
  }

  public BigDecimal transferCost() {
    return replication.stream().map(Replication::transferCost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public BigDecimal total() {
    return invalidationCost().add(requestCost()).add(transferCost());
  }

  /** "$0.00", "under $0.01", "$1.25": an amount as the plan shows it. */
  public static String dollars(BigDecimal usd) {
    if (usd.signum() == 0) return "$0.00";
    if (usd.compareTo(new BigDecimal("0.01")) < 0) return "under $0.01";
    return "$" + usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** An amount rounded for JSON: six decimals, enough for a single request's share. */
  public static BigDecimal rounded(BigDecimal usd) {
    return usd.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
  }

  /** "512 B", "3.0 KiB", "1.2 GiB": bytes in the binary units AWS bills transfer by. */
  public static String size(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) return bytes + " B";
    double v = bytes;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
