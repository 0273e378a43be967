package io.siteform.cli;

import io.siteform.engine.spec.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them ({@link DurationText#parse}): {@code 90s}, {@code 30m}, {@code 1h30m}, or ISO {@code PT30M}. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return DurationText.parse(value).filter(d -> !d.isZero()).orElseThrow(() ->
        new TypeConversionException("'" + value + "' is not a duration; write for example 90s, 30m or 1h30m"));
  }
}
