package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.error.Operation;
import io.siteform.engine.render.Style;
import io.siteform.engine.resource.Address;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private static final Address CONTENT = new Address("site_content", "site");

  @Test
  void onATerminalCountedProgressIsOneBarRedrawnInPlace() {
    StringWriter s = new StringWriter();
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(s), Style.PLAIN, true);
    p.progress(CONTENT, Operation.UPDATE, "uploaded 500/2000 files, 1.0 MB of 4.0 MB, 1.0 MB/s", Duration.ofSeconds(1));
    p.progress(CONTENT, Operation.UPDATE, "uploaded 2000/2000 files, 4.0 MB of 4.0 MB, 2.0 MB/s", Duration.ofSeconds(2));
    p.completed(CONTENT, Operation.UPDATE, "bucket", Duration.ofSeconds(2));
    assertThat(s.toString()).isEqualTo(
        "site_content.site: [######------------------]  25% uploaded 500/2000 files, 1.0 MB of 4.0 MB, 1.0 MB/s [1s]"
            + "\r\u001b[Ksite_content.site: [########################] 100% uploaded 2000/2000 files, 4.0 MB of 4.0 MB,"
            + " 2.0 MB/s [2s]" + System.lineSeparator()
            + "site_content.site: Modifications complete after 2s [id=bucket]" + System.lineSeparator());
  }

  @Test
  void withoutATerminalEveryReportIsAPlainLine() {
    StringWriter s = new StringWriter();
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(s), Style.PLAIN, false);
    p.progress(CONTENT, Operation.UPDATE, "uploaded 500/2000 files", Duration.ofSeconds(1));
    assertThat(s.toString()).isEqualTo(
        "site_content.site: Still modifying... [1s elapsed] uploaded 500/2000 files" + System.lineSeparator());
  }

  private static final Address BUCKET = new Address("s3_bucket", "primary");
  private static final String NL = System.lineSeparator();

  /** A printer on a terminal {@code columns} wide, its clock at {@code now[0]} nanoseconds. */
  private static ProgressPrinter onTerminal(StringWriter s, int columns, long[] now) {
    return new ProgressPrinter(new PrintWriter(s), Style.PLAIN, true, () -> columns, () -> now[0], false);
  }

  @Test
  void onANarrowTerminalEveryLineIsCutToTheWidth() {
    StringWriter s = new StringWriter();
    ProgressPrinter p = onTerminal(s, 32, new long[1]);
    p.started(BUCKET, Operation.CREATE);
    p.progress(CONTENT, Operation.UPDATE, "uploaded 500/2000 files, 1.0 MB of 4.0 MB, 1.0 MB/s", Duration.ofSeconds(1));
    p.progress(CONTENT, Operation.UPDATE, "uploaded 2000/2000 files, 4.0 MB of 4.0 MB", Duration.ofSeconds(2));
    p.completed(BUCKET, Operation.CREATE, "b", Duration.ofSeconds(3));
    // Another resource's line erases the live bar and the bar is drawn again below it: no stale copy.
    assertThat(s.toString()).isEqualTo("s3_bucket.primary: Creating..." + NL
        + "site_content.site: [######----…" + "\r\u001b[K" + "site_content.site: [##########…"
        + "\r\u001b[K" + "s3_bucket.primary: Creation co…" + NL + "site_content.site: [##########…");
    for (String drawn : s.toString().split("[\r\n]|\u001b\\[K")) assertThat(drawn.length()).isLessThan(32);
  }

  @Test
  void colourCodesTakeNoColumnAndACutLineResetsTheColour() {
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(new StringWriter()), Style.ANSI, true, () -> 12,
        System::nanoTime, false);
    String bold = Style.ANSI.bold("s3_bucket.primary:") + " Creating...";
    String cut = p.fit(bold);
    assertThat(cut.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo("s3_bucket.…");
    assertThat(cut).startsWith("\u001b[").endsWith("…\u001b[0m");
    assertThat(p.fit("short")).isEqualTo("short");
    // Width unknown, or not a terminal: nothing is cut.
    assertThat(new ProgressPrinter(new PrintWriter(new StringWriter()), Style.PLAIN, true, () -> 0, System::nanoTime,
        false).fit("x".repeat(500))).hasSize(500);
    assertThat(new ProgressPrinter(new PrintWriter(new StringWriter()), Style.PLAIN, false, () -> 12,
        System::nanoTime, false).fit("x".repeat(500))).hasSize(500);
  }

  @Test
  void aLongDeleteSaysItIsStillGoingEveryTenSecondsWithOneElapsedTime() {
    StringWriter s = new StringWriter();
    long[] now = {0};
    ProgressPrinter p = onTerminal(s, 0, now);
    p.started(BUCKET, Operation.DELETE);
    now[0] = Duration.ofSeconds(9).toNanos();
    p.tick(now[0]);
    now[0] = Duration.ofSeconds(10).toNanos();
    p.tick(now[0]);
    // News from the provider counts as a line: the next "Still" is ten seconds after it.
    now[0] = Duration.ofSeconds(15).toNanos();
    p.progress(BUCKET, Operation.DELETE, "emptied 1000 object versions", Duration.ofSeconds(15));
    now[0] = Duration.ofSeconds(24).toNanos();
    p.tick(now[0]);
    now[0] = Duration.ofSeconds(60).toNanos();
    p.tick(now[0]);
    p.completed(BUCKET, Operation.DELETE, "b", Duration.ofSeconds(61));
    now[0] = Duration.ofSeconds(90).toNanos();
    p.tick(now[0]);
    assertThat(s.toString()).isEqualTo("s3_bucket.primary: Destroying..." + NL
        + "s3_bucket.primary: Still destroying... [10s elapsed]" + NL
        + "s3_bucket.primary: Still destroying... [15s elapsed] emptied 1000 object versions" + NL
        + "s3_bucket.primary: Still destroying... [1m0s elapsed]" + NL
        + "s3_bucket.primary: Destruction complete after 1m1s" + NL);
  }

  @Test
  void aCtrlCMessageEndsTheBarAndTheNextRedrawStartsBelowIt() {
    StringWriter s = new StringWriter();
    StringWriter err = new StringWriter();
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(s), Style.PLAIN, true);
    p.progress(CONTENT, Operation.UPDATE, "uploaded 1/4 files", Duration.ofSeconds(1));
    p.interject(new PrintWriter(err), "", "Interrupt received. Stopping.");
    p.progress(CONTENT, Operation.UPDATE, "uploaded 2/4 files", Duration.ofSeconds(2));
    assertThat(err.toString()).isEqualTo(NL + "Interrupt received. Stopping." + NL);
    // The first bar is ended by a line break, and the second is drawn fresh, not over the message.
    assertThat(s.toString()).isEqualTo("site_content.site: [######------------------]  25% uploaded 1/4 files [1s]" + NL
        + "site_content.site: [############------------]  50% uploaded 2/4 files [2s]");
  }
}
