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
}
