package io.siteform.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * siteform as a real child process ({@code java -cp <test classpath> io.siteform.cli.Main}), its
 * output read line by line as it comes, so a test can signal it the moment a given line appears.
 */
final class ChildRun implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private ChildRun(Process process) {
    this.process = process;
    this.reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
        }
      } catch (IOException ended) {
        // The child died: what it wrote is all there is.
      }
      synchronized (lines) {
        lines.notifyAll();
      }
    }, "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** {@code siteform -f SPEC --endpoint-url URL --no-color ARGS...}, stdout and stderr merged. */
  static ChildRun start(Path spec, String endpoint, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "-f", spec.toString(), "--endpoint-url", endpoint, "--no-color"));
    command.addAll(List.of(args));
    return new ChildRun(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  long pid() {
    return process.pid();
  }

  /** Waits for a line matching {@code wanted}; false if the child ended or time ran out first. */
  boolean awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    synchronized (lines) {
      while (true) {
        for (; seen < lines.size(); seen++) if (wanted.test(lines.get(seen))) return true;
        long left = end - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !reader.isAlive())) return false;
        lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
      }
    }
  }

  boolean awaitLine(String contains, Duration timeout) throws InterruptedException {
    return awaitLine(l -> l.contains(contains), timeout);
  }

  /** Sends {@code signal} (KILL, TERM, INT) to the child, as {@code kill -SIGNAL pid} does. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
  }

  /** The child's exit code, once it ends within {@code timeout}; the child is killed otherwise. */
  int exit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("siteform did not exit within " + timeout + "; it printed:\n" + output());
    }
    reader.join(5_000);
    return process.exitValue();
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) process.destroyForcibly().waitFor();
  }
}
