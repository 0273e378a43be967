package io.siteform.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them: {@code 90s}, {@code 30m}, {@code 1h30m}, or ISO {@code PT30M}. */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern HUMAN = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    Matcher m = HUMAN.matcher(v);
    if (!v.isEmpty() && m.matches()) {
      Duration d = Duration.ZERO;
      if (m.group(1) != null) d = d.plusHours(Long.parseLong(m.group(1)));
      if (m.group(2) != null) d = d.plusMinutes(Long.parseLong(m.group(2)));
      if (m.group(3) != null) d = d.plusSeconds(Long.parseLong(m.group(3)));
      if (!d.isZero()) return d;
    }
    try {
      Duration d = Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
      if (!d.isNegative() && !d.isZero()) return d;
    } catch (java.time.format.DateTimeParseException e) {
      // fall through to the message below
    }
    throw new TypeConversionException("'" + value + "' is not a duration; write for example 90s, 30m or 1h30m");
  }
}
