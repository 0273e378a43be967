package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-up rows of {@code --stats}: what bin/siteform says of its own start, and the JVM's. */
class RunStatsTest {
  @Test
  void theLaunchersClockIsReadFromBashsEpochRealtime() {
    assertThat(Session.launchedAt("1733130000.123456")).contains(1733130000123L);
    // Locales that print a decimal comma (bash follows LC_NUMERIC).
    assertThat(Session.launchedAt("1733130000,123456")).contains(1733130000123L);
    assertThat(Session.launchedAt("")).isEmpty();
    assertThat(Session.launchedAt(null)).isEmpty();
    assertThat(Session.launchedAt("soon")).isEmpty();
  }

  @Test
  void printsTheLauncherAndTheJvmBeforeThePhases() {
    RunStats stats = new RunStats();
    stats.launcherToJvm(Duration.ofMillis(12));
    stats.jvmToMain(Duration.ofMillis(150));
    stats.phase("spec load", Duration.ofMillis(20));
    StringWriter out = new StringWriter();
    stats.print(new PrintWriter(out, true), Map.of("S3", 3L), 1);
    String printed = out.toString();
    assertThat(printed).contains("after 0.150s from JVM start to main");
    assertThat(printed.indexOf("bin/siteform to jvm start")).isPositive()
        .isLessThan(printed.indexOf("jvm start to main"));
    assertThat(printed.indexOf("jvm start to main")).isLessThan(printed.indexOf("spec load"));
    assertThat(printed).containsPattern("bin/siteform to jvm start +0\\.012s");
  }

  @Test
  void aPhaseThatRanSeveralTimesIsOneRowThatSaysHowManyTimes() {
    RunStats stats = new RunStats();
    stats.phase("state read", Duration.ofMillis(30));
    stats.phase("state write", Duration.ofMillis(20));
    stats.phase("state write", Duration.ofMillis(25));
    StringWriter out = new StringWriter();
    stats.print(new PrintWriter(out, true), Map.of(), 0);
    assertThat(out.toString()).containsPattern("\n  state write +0\\.045s +at [0-9.]+-[0-9.]+s +2 times\n")
        .containsPattern("\n  state read +0\\.030s +at [0-9.]+-[0-9.]+s\n");
  }

  @Test
  void withoutTheLauncherOnlyTheJvmRowIsPrinted() {
    RunStats stats = new RunStats();
    stats.jvmToMain(Duration.ofMillis(150));
    StringWriter out = new StringWriter();
    stats.print(new PrintWriter(out, true), Map.of(), 0);
    assertThat(out.toString()).doesNotContain("bin/siteform to jvm start").contains("jvm start to main");
  }
}
