package io.siteform.engine.event;

import java.time.Duration;

/** The one way siteform writes a duration for people, as Terraform does: {@code 0s}, {@code 45s}, {@code 1m20s}, {@code 30m0s}. */
public final class Durations {
  private Durations() {}

  public static String format(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
  }
}
