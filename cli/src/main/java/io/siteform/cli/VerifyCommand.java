package io.siteform.cli;

import io.siteform.engine.render.Style;
import io.siteform.providers.aws.verify.SiteVerifier;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code siteform verify}: checks that the live site can really fail over — replicas hold what
 * the primary serves, both origin buckets admit the distribution, versioning and replication are
 * on, the certificate and alias records are right. Only reads; exit 1 with one line per finding.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check the live site: replica parity, bucket policies, versioning, replication,"
        + " certificate and alias records. Exit 0 all good, 1 findings.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Override
  public Integer call() {
    Terminal t = root.terminal;
    Style style = t.style(root.global.noColor);
    PrintWriter out = t.out();
    try (Session session = root.session()) {
      var spec = session.spec();
      var state = session.readState(session.backend());
      List<SiteVerifier.Finding> findings = new SiteVerifier(session.clients()).verify(spec, state);
      if (findings.isEmpty()) {
        out.println(style.green(style.bold("Verified.")) + " The replicas hold what the primary serves and"
            + " CloudFront can read both origins" + (spec.domain().isPresent()
                ? "; the certificate and alias records are right." : "."));
        out.flush();
        return ExitCode.OK;
      }
      for (SiteVerifier.Finding f : findings) {
        out.println(style.red("✗") + " " + style.bold(f.resource() + ":") + " " + f.problem() + ". Fix: " + f.fix() + ".");
      }
      out.println();
      out.println(findings.size() + (findings.size() == 1 ? " finding." : " findings."));
      out.flush();
      return ExitCode.ERROR;
    }
  }
}
