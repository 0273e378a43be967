package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * siteform at a real terminal (a pseudo-terminal, {@link PtyRun}): the prompt under {@code | tee},
 * Ctrl-C at the prompt, and progress that fits a narrow window.
 */
@ExtendWith(MotoExtension.class)
class TerminalIT {
  private static final Duration STEP = Duration.ofSeconds(60);

  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;

  @BeforeEach
  void setUp(MotoServer moto) throws Exception {
    assumeTrue(PtyRun.available(), "needs util-linux script for a pseudo-terminal");
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    Files.writeString(cli.spec, CliTest.SPEC);
  }

  private PtyRun pty(String shell) throws Exception {
    return PtyRun.start(cli.spec, moto.endpoint().toString(), shell);
  }

  @Test
  void applyPipedToTeeAsksOnTheTerminalAndAppliesOnYes() throws Exception {
    Path log = dir.resolve("apply.log");
    try (PtyRun run = pty("$SITEFORM apply | tee '" + log + "'")) {
      assertThat(run.await("Enter a value:", STEP)).as(run.shown()).isTrue();
      run.type("yes\n");
      assertThat(run.exit(STEP)).as(run.shown()).isZero();
      // The question went to the terminal; the log has the plan and the result, as tee saw stdout.
      assertThat(run.shown()).contains("Do you want to perform these actions?", "Apply complete!");
      assertThat(PtyRun.read(log)).contains("Plan: 8 to add", "Apply complete! Resources: 8 added")
          .doesNotContain("Enter a value:").doesNotContain("\u001b[");
    }
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isZero();
  }

  @Test
  void applyPipedToTeeChangesNothingOnNo() throws Exception {
    Path log = dir.resolve("apply.log");
    try (PtyRun run = pty("$SITEFORM apply | tee '" + log + "'; exit ${PIPESTATUS[0]:-$?}")) {
      assertThat(run.await("Enter a value:", STEP)).as(run.shown()).isTrue();
      run.type("no\n");
      run.exit(STEP);
      assertThat(run.shown()).contains("Error: apply cancelled: nothing was changed.");
    }
    assertThat(cli.run("state", "list").out()).doesNotContain("s3_bucket.primary");
    assertThat(cli.run("plan").out()).contains("Plan: 8 to add");
  }

  @Test
  void withNoTerminalAtAllApplyStillRefuses() throws Exception {
    // stdin from /dev/null: nobody to ask, even though stdout is the terminal.
    try (PtyRun run = pty("$SITEFORM apply < /dev/null")) {
      assertThat(run.exit(STEP)).isEqualTo(1);
      assertThat(run.shown()).contains("there is no terminal to ask on").doesNotContain("Enter a value:");
    }
  }

  @Test
  void ctrlCAtThePromptReleasesTheLockAndExits130() throws Exception {
    try (PtyRun run = pty("$SITEFORM apply")) {
      assertThat(run.await("Enter a value:", STEP)).as(run.shown()).isTrue();
      run.type("\u0003");
      assertThat(run.exit(STEP)).as(run.shown()).isEqualTo(130);
      assertThat(run.shown()).contains("Interrupt received: apply cancelled, nothing was changed.");
    }
    var plan = cli.run("plan");
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.err()).doesNotContain("lock");
    assertThat(dir.resolve("siteform.state.json")).doesNotExist();
  }

  @Test
  void progressFitsANarrowTerminalAndLeavesNoStaleLines() throws Exception {
    Path dist = Files.createDirectories(dir.resolve("dist/assets/a-rather-long-folder-name-for-the-bundles"));
    Files.writeString(dir.resolve("dist/index.html"), "<h1>tickets</h1>");
    for (int i = 0; i < 40; i++) Files.writeString(dist.resolve("chunk-" + i + ".js"), "console.log(" + i + ");");
    Files.writeString(cli.spec, CliTest.SPEC + "content:\n  source: dist/\n");
    int columns = 60;
    String shown;
    try (PtyRun run = pty("stty cols " + columns + "; $SITEFORM apply --auto-approve")) {
      assertThat(run.exit(STEP)).as(run.shown()).isZero();
      shown = run.shown();
    }
    assertThat(shown).contains("Apply complete!", "…");
    // Every stretch of progress the terminal draws (between line ends and carriage returns) fits
    // the width, so nothing wraps and a redraw erases exactly the one line it replaces. (The plan
    // itself is text to read, wrapped as the terminal wraps it, as Terraform's is.)
    List<String> progress = java.util.Arrays.stream(shown.split("[\r\n]")).map(TerminalIT::visible)
        .filter(l -> l.matches("^(data\\.)?[a-z0-9_]+\\.[a-z0-9_]+: .*")).toList();
    assertThat(progress).anySatisfy(l -> assertThat(l).startsWith("site_content.site: Creating"));
    assertThat(progress).allSatisfy(l -> assertThat(l.length()).as(l).isLessThan(columns));
    List<String> screen = screen(shown, columns);
    assertThat(screen).filteredOn(l -> l.contains("Creation complete")).isNotEmpty();
    // Each redraw replaced the bar before it: one bar row at most, whole, and no piece of an
    // earlier one left on a row of its own.
    assertThat(screen).filteredOn(l -> l.startsWith("site_content.site: [")).hasSizeLessThanOrEqualTo(1)
        .allSatisfy(l -> assertThat(l).matches("site_content\\.site: \\[[#-]{24}\\] +\\d+% .*"));
    assertThat(screen).noneMatch(l -> l.matches("^[#-]*\\] .*|^ *\\d+% .*"));
  }

  private static String visible(String s) {
    return s.replaceAll("\u001b\\[[0-?]*[ -/]*[@-~]", "");
  }

  /** What a terminal {@code columns} wide shows after {@code shown}: lines, carriage returns, erase-line, wrapping. */
  static List<String> screen(String shown, int columns) {
    List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
    int row = 0;
    int col = 0;
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (c == '\u001b' && i + 1 < shown.length() && shown.charAt(i + 1) == '[') {
        int end = i + 2;
        while (end < shown.length() && (shown.charAt(end) < 0x40 || shown.charAt(end) > 0x7e)) end++;
        if (end < shown.length() && shown.charAt(end) == 'K') rows.get(row).setLength(Math.min(col, rows.get(row).length()));
        i = end;
      } else if (c == '\r') {
        col = 0;
      } else if (c == '\n') {
        row++;
        col = 0;
        if (rows.size() <= row) rows.add(new StringBuilder());
      } else {
        if (col >= columns) {
          row++;
          col = 0;
          if (rows.size() <= row) rows.add(new StringBuilder());
        }
        StringBuilder r = rows.get(row);
        while (r.length() < col) r.append(' ');
        if (col < r.length()) r.setCharAt(col, c);
        else r.append(c);
        col++;
      }
    }
    return rows.stream().map(StringBuilder::toString).toList();
  }
}
