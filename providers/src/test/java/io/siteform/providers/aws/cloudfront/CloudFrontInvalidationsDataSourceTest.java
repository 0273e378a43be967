package io.siteform.providers.aws.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** Which invalidations are this month's: the calendar month in UTC, whatever the machine's zone. */
class CloudFrontInvalidationsDataSourceTest {
  private static final YearMonth DECEMBER = YearMonth.of(2026, 12);

  @Test
  void theMonthBeginsAtMidnightUtcOnItsFirstDay() {
    assertThat(CloudFrontInvalidationsDataSource.in(DECEMBER, Instant.parse("2026-11-30T23:59:59.999Z")))
        .as("last month's last moment").isFalse();
    assertThat(CloudFrontInvalidationsDataSource.in(DECEMBER, Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
    assertThat(CloudFrontInvalidationsDataSource.in(DECEMBER, Instant.parse("2026-12-31T23:59:59Z"))).isTrue();
    assertThat(CloudFrontInvalidationsDataSource.in(DECEMBER, Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
    assertThat(CloudFrontInvalidationsDataSource.in(DECEMBER, Instant.parse("2025-12-15T00:00:00Z")))
        .as("December of another year").isFalse();
    assertThat(CloudFrontInvalidationsDataSource.in(DECEMBER, null)).as("no CreateTime").isFalse();
  }
}
