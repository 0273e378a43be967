package io.siteform.cli;

import io.siteform.engine.event.EngineListener;
import io.siteform.error.Operation;
import io.siteform.engine.resource.Address;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one run's time went ({@code --stats} or {@code SITEFORM_TRACE=1}): collected from the
 * engine's events, printed to stderr when the run ends. JVM start-up and the spec load are timed
 * by the CLI, the phases (data sources, refresh, diff, apply) and each resource's refresh and
 * apply step by the engine, the named parts of a provider's call (uploads, replica wait) by the
 * provider through its progress; AWS requests are counted by the SDK clients.
 */
final class RunStats implements EngineListener {
  private final long created = System.nanoTime();
  private final Map<String, Duration> phases = new LinkedHashMap<>();
  /** How many times each phase ran, where more than once ("state write", once per apply step). */
  private final Map<String, Integer> times = new TreeMap<>();
  private final Map<String, Duration> reads = new TreeMap<>();
  private final Map<Address, Duration> refreshed = new TreeMap<>();
  private final Map<String, Duration> applied = new TreeMap<>();
  private final Map<String, List<String>> steps = new TreeMap<>();
  private Duration jvmToMain;
  private Duration launcherToJvm;
  /** When each row's work began and ended, as nanoseconds since this run's start: the overlaps show. */
  private final Map<String, long[]> windows = new TreeMap<>();

  /** Whether this run is to print its statistics: {@code --stats}, or SITEFORM_TRACE set to 1. */
  static boolean wanted(boolean flag, Map<String, String> env) {
    return flag || "1".equals(env.get("SITEFORM_TRACE"));
  }

  /** The time from the JVM's start to {@code main}, when known (not for a run in a test's JVM). */
  synchronized void jvmToMain(Duration d) {
    jvmToMain = d;
  }

  /** The time bin/siteform took before it started the JVM, when it said when it began. */
  synchronized void launcherToJvm(Duration d) {
    launcherToJvm = d;
  }

  /** A phase the CLI times itself ("spec load", "state read"). */
  @Override
  public synchronized void phase(String name, Duration elapsed) {
    phases.merge(name, elapsed, Duration::plus);
    times.merge(name, 1, Integer::sum);
    window("phase " + name, elapsed);
  }

  @Override
  public synchronized void read(String dataAddress, String id, Duration elapsed) {
    reads.put(dataAddress, elapsed);
    window("read " + dataAddress, elapsed);
  }

  @Override
  public synchronized void refreshed(Address address, Duration elapsed) {
    refreshed.put(address, elapsed);
    window("refresh " + address, elapsed);
  }

  @Override
  public synchronized void step(Address address, Operation op, String name, Duration elapsed) {
    steps.computeIfAbsent(key(address, op), k -> new ArrayList<>()).add(name + " " + seconds(elapsed));
  }

  @Override
  public synchronized void completed(Address address, Operation op, String id, Duration elapsed) {
    applied.put(key(address, op), elapsed);
    window("apply " + key(address, op), elapsed);
  }

  @Override
  public synchronized void failed(Address address, Operation op, Throwable error, Duration elapsed) {
    applied.put(key(address, op) + " failed", elapsed);
    window("apply " + key(address, op) + " failed", elapsed);
  }

  /** A row's work ended now, having taken {@code elapsed}: its window from the first start to the last end. */
  private void window(String row, Duration elapsed) {
    long end = System.nanoTime() - created;
    long start = Math.max(0, end - elapsed.toNanos());
    windows.merge(row, new long[] {start, end}, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
  }

  private static String key(Address address, Operation op) {
    return address + " (" + op.name().toLowerCase(Locale.ROOT) + ")";
  }

  /**
   * Prints the breakdown.
   *
   * @param requests AWS requests by service, as the SDK clients counted them (empty: none made)
   * @param managed resources in state, for requests per resource (0: not said)
   */
  synchronized void print(PrintWriter err, Map<String, Long> requests, int managed) {
    Duration run = Duration.ofNanos(System.nanoTime() - created);
    err.println();
    err.println("Stats: " + seconds(run) + " from main to the end"
        + (jvmToMain != null ? ", after " + seconds(jvmToMain) + " from JVM start to main" : "")
        + " (at: when each ran, in seconds after main)");
    if (launcherToJvm != null) row(err, 1, "bin/siteform to jvm start", launcherToJvm);
    if (jvmToMain != null) row(err, 1, "jvm start to main", jvmToMain);
    phases.forEach((name, d) -> {
      int n = times.getOrDefault(name, 1);
      row(err, 1, name, d, windows.get("phase " + name), n > 1 ? n + " times" : "");
      switch (name) {
        case "data sources" -> reads.forEach((a, r) -> row(err, 2, a, r, windows.get("read " + a), ""));
        case "refresh" -> refreshed.forEach((a, r) -> row(err, 2, a.toString(), r, windows.get("refresh " + a), ""));
        case "apply" -> applied.forEach((a, r) -> {
          List<String> parts = steps.getOrDefault(a, List.of());
          row(err, 2, a, r, windows.get("apply " + a), parts.isEmpty() ? "" : String.join(", ", parts));
        });
        default -> { }
      }
    });
    long total = requests.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder line = new StringBuilder("  AWS requests: ").append(total);
    if (total > 0) {
      List<String> by = new ArrayList<>();
      requests.forEach((service, n) -> by.add(service + " " + n));
      line.append(" (").append(String.join(", ", by)).append(")");
      if (managed > 0) {
        line.append(String.format(Locale.ROOT, "; %.2f per resource in state (%d)", (double) total / managed, managed));
      }
    }
    err.println(line);
    err.flush();
  }

  private static void row(PrintWriter err, int depth, String name, Duration d) {
    row(err, depth, name, d, null, "");
  }

  /** @param window when the row's work ran (nanoseconds after the run's start), or null: printed as "at 0.412-0.876s" */
  private static void row(PrintWriter err, int depth, String name, Duration d, long[] window, String detail) {
    String indent = "  ".repeat(depth);
    String at = window == null ? "" : String.format(Locale.ROOT, "  at %.3f-%.3fs", window[0] / 1e9, window[1] / 1e9);
    err.println(String.format(Locale.ROOT, "%-48s %8s%-20s%s", indent + name, seconds(d), at,
        detail.isEmpty() ? "" : "  " + detail).stripTrailing());
  }

  /** Milliseconds matter here, unlike in progress lines: "0.412s". */
  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3fs", d.toNanos() / 1e9);
  }
}
