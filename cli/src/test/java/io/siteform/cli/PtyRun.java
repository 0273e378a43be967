package io.siteform.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * siteform in a pseudo-terminal, as a person runs it: util-linux {@code script -qfec CMD} gives
 * the shell command {@code CMD} a pty for stdin, stdout and stderr and its controlling terminal,
 * copies what the test types to it (Ctrl-C included: the pty's line discipline turns it into
 * SIGINT for the foreground job) and everything the pty shows, raw, back to the test. {@code CMD}
 * pipes or redirects as a user's shell would ({@code siteform apply | tee log}).
 */
final class PtyRun implements AutoCloseable {
  private final Process process;
  private final StringBuilder shown = new StringBuilder();
  private final Thread reader;

  private PtyRun(Process process) {
    this.process = process;
    this.reader = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = process.getInputStream()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          synchronized (shown) {
            shown.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            shown.notifyAll();
          }
        }
      } catch (IOException ended) {
        // The pty closed.
      }
      synchronized (shown) {
        shown.notifyAll();
      }
    }, "pty-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Whether this machine has util-linux's {@code script}. */
  static boolean available() {
    try {
      Process p = new ProcessBuilder("script", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(5, TimeUnit.SECONDS) && v.contains("util-linux");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * Runs {@code shell} in a pty; in it, {@code $SITEFORM} is siteform on the test's classpath with
   * {@code -f SPEC --endpoint-url URL}.
   */
  static PtyRun start(Path spec, String endpoint, String shell) throws IOException {
    // Unquoted when the shell expands it: the paths are the JDK's and a test's temporary folder.
    String siteform = Path.of(System.getProperty("java.home"), "bin", "java") + " " + Main.class.getName()
        + " -f " + spec + " --endpoint-url " + endpoint;
    ProcessBuilder pb = new ProcessBuilder(List.of("script", "-qfec", shell, "/dev/null"));
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("SITEFORM", siteform);
    pb.environment().remove("COLUMNS");
    pb.environment().put("TERM", "xterm");
    pb.directory(spec.getParent().toFile());
    return new PtyRun(pb.redirectErrorStream(true).start());
  }

  /** Waits until the terminal shows {@code text}; false if the run ended or time ran out first. */
  boolean await(String text, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (shown) {
      while (shown.indexOf(text) < 0) {
        long left = end - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !reader.isAlive())) return shown.indexOf(text) >= 0;
        shown.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
      }
      return true;
    }
  }

  /** Types {@code keys} at the terminal ("\u0003" is Ctrl-C). */
  void type(String keys) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write(keys.getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** The command's exit code (script -e passes it on); killed and failed after {@code timeout}. */
  int exit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the pty run did not end within " + timeout + "; the terminal showed:\n" + shown());
    }
    reader.join(5_000);
    return process.exitValue();
  }

  /** Everything the terminal was sent, escapes and carriage returns included. */
  String shown() {
    synchronized (shown) {
      return shown.toString();
    }
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) process.destroyForcibly().waitFor();
  }
}
