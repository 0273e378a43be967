package io.siteform.state;

import java.nio.file.Path;

/**
 * A separate process that takes the local lock of the state at {@code args[0]}, says "locked" and
 * then waits to be killed: a run that dies holding the lock.
 */
public final class LockHoldingProcess {
  /** Kept reachable: a collected channel would close, and release the lock. */
  static StateLock held;

  private LockHoldingProcess() {}

  public static void main(String[] args) throws InterruptedException {
    held = new LocalBackend(Path.of(args[0])).lock("apply");
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Starts one, returning once it holds the lock. */
  static Process start(Path stateFile) throws Exception {
    Process p = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LockHoldingProcess.class.getName(), stateFile.toString())
        .redirectErrorStream(true)
        .start();
    var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
    String line = out.readLine();
    if (!"locked".equals(line)) {
      p.destroyForcibly();
      throw new IllegalStateException("the lock-holding process said " + line);
    }
    return p;
  }
}
