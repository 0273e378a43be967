package io.siteform.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * A siteform run stopped where apply waits for "yes": it holds the state lock of the spec at
 * {@code args[0]}, says "locked" and blocks on standard input, as at the prompt.
 */
public final class LockThenWait {
  private LockThenWait() {}

  public static void main(String[] args) throws Exception {
    GlobalOptions options = new GlobalOptions();
    options.file = Path.of(args[0]);
    PrintWriter out = new PrintWriter(System.out, true);
    Terminal t = new Terminal(out, out, new BufferedReader(new InputStreamReader(System.in)), true, Map.of());
    Session session = new Session(options, t);
    var lock = session.lock(session.backend(), "apply");
    out.println("locked");
    t.ask("  Enter a value: ");
    lock.close();
  }
}
