package io.siteform.cli;

import io.siteform.engine.spec.BackendSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code siteform force-unlock ID}: clears a lock whose holder is gone, by the id the "state is
 * locked" error names. A local lock never needs it: the OS releases it with its holder, and the
 * next run takes over the file one left.
 */
@Command(name = "force-unlock", mixinStandardHelpOptions = true,
    description = "Clear a state lock whose holder is gone, by the lock ID the 'state is locked' error names.")
final class ForceUnlockCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Parameters(paramLabel = "ID", description = "The lock ID, as the 'state is locked' error prints it.")
  String id;

  @Override
  public Integer call() {
    try (Session session = root.session()) {
      boolean local = session.spec().backend().type() == BackendSpec.Type.LOCAL;
      String holder = session.backend().forceUnlock(id);
      PrintWriter out = root.terminal.out();
      out.println("Lock " + id + " on " + session.backend().location() + " cleared; it was held " + holder + ".");
      if (local) {
        out.println("A local lock is released by itself when its holder exits, and the next run takes over one"
            + " a killed run left: it never needs force-unlock.");
      }
      out.flush();
      return ExitCode.OK;
    }
  }
}
