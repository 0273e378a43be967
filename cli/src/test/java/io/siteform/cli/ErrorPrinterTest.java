package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.render.Style;
import io.siteform.error.PlanException;
import io.siteform.error.SiteformBug;
import io.siteform.error.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A user error says what to do and never calls itself a bug; a bug says so, with the --debug hint. */
class ErrorPrinterTest {
  private final StringWriter text = new StringWriter();

  private String print(Throwable e, boolean debug) {
    int code = new ErrorPrinter(new PrintWriter(text), Style.PLAIN, debug).failure(e);
    assertThat(code).isEqualTo(ExitCode.ERROR);
    return text.toString();
  }

  @Test
  void aUserErrorIsItsMessage() {
    assertThat(print(new PlanException("plan.out is stale"), false)).isEqualTo("Error: plan.out is stale\n");
  }

  @Test
  void aUsageErrorIsAUserError() {
    assertThat(print(new UsageException("--parallelism must be at least 1"), false))
        .isEqualTo("Error: --parallelism must be at least 1\n").doesNotContain("bug");
  }

  @Test
  void anythingElseIsABugWithTheDebugHint() {
    assertThat(print(new NullPointerException("x"), false)).isEqualTo("Error: unexpected NullPointerException: x; "
        + "this is a bug in siteform, please report it (run again with --debug for the details to include).\n");
  }

  @Test
  void aNamedBugWithDebugPrintsItsStackTrace() {
    String out = print(new SiteformBug("two providers for s3_bucket"), true);
    assertThat(out).startsWith("Error: unexpected SiteformBug: two providers for s3_bucket; this is a bug in siteform,"
        + " please report it with the stack trace below.\n");
    assertThat(out).contains("at io.siteform.cli.ErrorPrinterTest");
  }

  /** An apply's failures, one after the other: a bug among them keeps its hint (Applier.StepFailure). */
  @Test
  void severalFailuresAreEachReportedAsWhatTheyAre() {
    ErrorPrinter errors = new ErrorPrinter(new PrintWriter(text), Style.PLAIN, false);
    errors.report(new io.siteform.error.ProviderException("iam_role.replication", io.siteform.error.Operation.CREATE,
        "Access Denied", "AccessDenied", "REQ1", null));
    errors.report(new SiteformBug("site_content.site (update): the folder to publish from is not known"));
    assertThat(text.toString()).isEqualTo(
        "Error: iam_role.replication: create: Access Denied (AccessDenied, request id REQ1)\n"
        + "Error: unexpected SiteformBug: site_content.site (update): the folder to publish from is not known;"
        + " this is a bug in siteform, please report it (run again with --debug for the details to include).\n");
  }
}
