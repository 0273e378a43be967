package io.siteform.engine.plan;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The AWS prices the plan's {@link CostEstimate} uses: list prices in US dollars for the usage
 * AWS bills per request or per byte when siteform publishes, each with the pricing page it comes
 * from. They change, and S3's vary by region (and transfer by region pair): the estimate says
 * so, and shows the date they were read. Update the table and {@link #READ} together.
 */
public enum AwsPrices {
  /** https://aws.amazon.com/cloudfront/pricing/: "Invalidation requests", beyond the free paths. */
  INVALIDATION_PATH("CloudFront invalidation path beyond the first 1,000 a month (per AWS account)",
      "0.005", "path", "https://aws.amazon.com/cloudfront/pricing/"),
  /** https://aws.amazon.com/s3/pricing/: "Requests & data retrievals", S3 Standard, US East (N. Virginia). */
  S3_WRITE_REQUESTS("S3 Standard PUT, COPY or POST requests (us-east-1; varies by region)",
      "0.005", "1,000 requests", "https://aws.amazon.com/s3/pricing/"),
  /** https://aws.amazon.com/s3/pricing/: "Data transfer", to another AWS region (replication). */
  INTER_REGION_TRANSFER("S3 data transfer to another AWS region (varies by region pair)",
      "0.02", "GB", "https://aws.amazon.com/s3/pricing/");

  /** When the prices above were read from their pages. */
  public static final LocalDate READ = LocalDate.of(2026, 12, 1);

  /** CloudFront's free invalidation paths a month, per AWS account (all its distributions together). */
  public static final long FREE_INVALIDATION_PATHS = 1000;

  /** Bytes in the GB that AWS bills transfer by (2^30). */
  public static final long BYTES_PER_GB = 1L << 30;

  /** What is billed, as the pricing page says it. */
  public final String item;
  /** US dollars per {@link #unit}. */
  public final BigDecimal usd;
  public final String unit;
  /** The AWS pricing page it comes from. */
  public final String source;

  AwsPrices(String item, String usd, String unit, String source) {
    this.item = item;
    this.usd = new BigDecimal(usd);
    this.unit = unit;
    this.source = source;
  }
}
