package io.siteform.cli;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which of the process's streams are a terminal, and how wide it is, in plain Java 17 (no native
 * library): {@code System.console()} is null as soon as stdout is piped ({@code apply | tee log}),
 * yet Terraform still asks there, because stdin is the terminal.
 *
 * <p>On Linux {@code /proc/self/fd/N} names the device ({@code /dev/pts/3}, a few microseconds);
 * elsewhere (macOS) a child {@code sh -c 'test -t N'} inherits the stream and answers (a few
 * milliseconds, once per run; measured: /proc 0.05 ms, {@code test -t} 2 ms, 80 ms when it is the
 * JVM's first child). The width is {@code COLUMNS} when set, else {@code stty size} on {@code
 * /dev/tty}; unknown (0) when neither answers, and then nothing is truncated.
 */
final class Tty {
  static final int STDIN = 0;
  static final int STDOUT = 1;

  private Tty() {}

  /** Whether file descriptor {@code fd} (0 or 1) of this process is a terminal. */
  static boolean isTerminal(int fd) {
    Path proc = Path.of("/proc/self/fd/" + fd);
    if (Files.isDirectory(Path.of("/proc/self/fd"))) {
      try {
        return isTerminalDevice(Files.readSymbolicLink(proc).toString());
      } catch (IOException | UnsupportedOperationException unreadable) {
        // Fall through to asking a child.
      }
    }
    return testT(fd);
  }

  /** {@code /dev/pts/3}, {@code /dev/tty1}, {@code /dev/ttys002} (macOS), {@code /dev/console}. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
  }

  /** {@code test -t fd} in a child that inherits the stream. */
  private static boolean testT(int fd) {
    try {
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", "test -t " + fd);
      if (fd == STDIN) pb.redirectInput(Redirect.INHERIT).redirectOutput(Redirect.DISCARD);
      else pb.redirectOutput(Redirect.INHERIT).redirectInput(Redirect.from(new File("/dev/null")));
      Process p = pb.redirectError(Redirect.DISCARD).start();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The controlling terminal for writing (a prompt while stdout goes to a pipe), if there is one. */
  static Optional<PrintWriter> openTerminal() {
    try {
      return Optional.of(new PrintWriter(new OutputStreamWriter(new FileOutputStream("/dev/tty"), StandardCharsets.UTF_8),
          true));
    } catch (IOException | SecurityException none) {
      return Optional.empty();
    }
  }

  /** The terminal's width in columns: {@code COLUMNS}, else {@code stty size}; 0 if unknown. */
  static int columns(Map<String, String> env) {
    String fromEnv = env.getOrDefault("COLUMNS", "").trim();
    if (!fromEnv.isEmpty()) {
      try {
        int c = Integer.parseInt(fromEnv);
        if (c > 0) return c;
      } catch (NumberFormatException ignored) {
        // Not a number: ask the terminal.
      }
    }
    return sttyColumns();
  }

  /**
   * The terminal's width now: measured in the background from the start (a child {@code stty}
   * costs a few milliseconds, the JVM's first child up to ~80 ms, which so overlaps reading the
   * spec), and again whenever the window is resized (SIGWINCH), so a narrowed window gets shorter
   * lines from the next redraw on.
   */
  static java.util.function.IntSupplier width(Map<String, String> env) {
    var now = new java.util.concurrent.atomic.AtomicReference<>(
        java.util.concurrent.CompletableFuture.supplyAsync(() -> columns(env)));
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("WINCH"),
          sig -> now.set(java.util.concurrent.CompletableFuture.supplyAsync(() -> columns(env))));
    } catch (IllegalArgumentException | UnsupportedOperationException noSuchSignal) {
      // No resize signal here: the first measure stands.
    }
    return () -> now.get().join();
  }

  /** {@code stty size </dev/tty}: "ROWS COLUMNS". */
  private static int sttyColumns() {
    File tty = new File("/dev/tty");
    if (!tty.exists()) return 0;
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(Redirect.from(tty))
          .redirectError(Redirect.DISCARD).start();
      String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) return 0;
      String[] parts = answer.split("\\s+");
      return parts.length == 2 ? Math.max(0, Integer.parseInt(parts[1])) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
