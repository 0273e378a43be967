package io.siteform.engine.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way siteform reads a duration, in the spec ({@code content.keep_removed}) and on the
 * command line ({@code --wait-timeout}): {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 2d},
 * {@code 0}, or ISO-8601 {@code PT30M}. {@link io.siteform.engine.event.Durations} writes them.
 */
public final class DurationText {
  private static final Pattern HUMAN = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private DurationText() {}

  /** The duration {@code text} writes, or empty for anything else, a negative one included. */
  public static Optional<Duration> parse(String text) {
    String v = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.equals("0")) return Optional.of(Duration.ZERO);
    Matcher m = HUMAN.matcher(v);
    if (!v.isEmpty() && m.matches()) {
      try {
        Duration d = Duration.ZERO;
        if (m.group(1) != null) d = d.plusDays(Long.parseLong(m.group(1)));
        if (m.group(2) != null) d = d.plusHours(Long.parseLong(m.group(2)));
        if (m.group(3) != null) d = d.plusMinutes(Long.parseLong(m.group(3)));
        if (m.group(4) != null) d = d.plusSeconds(Long.parseLong(m.group(4)));
        return Optional.of(d);
      } catch (NumberFormatException | ArithmeticException tooLong) {
        return Optional.empty();
      }
    }
    try {
      Duration d = Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
      return d.isNegative() ? Optional.empty() : Optional.of(d);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
