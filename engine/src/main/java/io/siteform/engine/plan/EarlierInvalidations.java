package io.siteform.engine.plan;

import java.time.YearMonth;
import java.util.Objects;

/**
 * The invalidation paths the site's distribution already submitted in the calendar month (UTC)
 * of the plan, read from CloudFront when the plan is made: CloudFront's first 1,000 paths a month
 * are free and this apply's add to them ({@link CostEstimate}). Only this distribution's are read;
 * the free paths are counted per AWS account, across all its distributions.
 */
public sealed interface EarlierInvalidations {
  /** Not read (an offline plan, CloudFront refused the read, a plan that invalidates nothing): why. */
  record NotCounted(String why) implements EarlierInvalidations {
    public NotCounted {
      Objects.requireNonNull(why, "why");
    }
  }

  /** The distribution is made by this apply (created or replaced): it has no earlier invalidation. */
  record NewDistribution() implements EarlierInvalidations {}

  /**
   * Read from CloudFront: the invalidations of {@code distributionId} created in {@code month}
   * and the paths they named.
   */
  record Counted(String distributionId, YearMonth month, int invalidations, long paths) implements EarlierInvalidations {
    public Counted {
      Objects.requireNonNull(distributionId, "distributionId");
      Objects.requireNonNull(month, "month");
      if (invalidations < 0 || paths < 0) throw new IllegalArgumentException("negative counts");
    }
  }

  /** What a plan made without reading CloudFront carries. */
  EarlierInvalidations NOT_READ = new NotCounted("not read");

  /** The paths known to be earlier: 0 unless counted. */
  default long knownPaths() {
    return this instanceof Counted c ? c.paths() : 0;
  }
}
