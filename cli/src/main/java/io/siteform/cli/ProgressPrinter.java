package io.siteform.cli;

import io.siteform.engine.event.EngineListener;
import io.siteform.error.Operation;
import io.siteform.engine.render.Style;
import io.siteform.engine.resource.Address;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints engine events as Terraform-style progress lines, whole lines only. On a terminal every
 * line is cut to its width, so a line never wraps and the one bar redrawn in place leaves nothing
 * behind; an operation that has printed nothing for {@link #STILL_EVERY} gets Terraform's {@code
 * Still destroying... [1m0s elapsed]} (a bucket being emptied, a wait without news); and the
 * Ctrl-C messages are written between lines ({@link #interject}), never under a redraw.
 */
final class ProgressPrinter implements EngineListener {
  /** How long a running operation may go without a line before "Still ...": Terraform's 10s. */
  static final Duration STILL_EVERY = Duration.ofSeconds(10);
  /** "1040/2000" in a progress message: something counted, drawn as a bar on a terminal. */
  private static final Pattern COUNT = Pattern.compile("(\\d+)/(\\d+)");
  private static final int BAR = 24;

  private final PrintWriter out;
  private final Style style;
  private final boolean live;
  private final IntSupplier columns;
  private final LongSupplier clock;
  private final boolean tickOnItsOwn;
  /** The address whose bar the cursor sits at the end of, or null when the last line is complete. */
  private Address barOf;
  /** The bar as last drawn, to draw again below a line printed while it is live. */
  private String barText = "";
  /** Operations started and not yet ended, with when they started and last printed. */
  private final Map<Address, Running> running = new LinkedHashMap<>();
  private ScheduledExecutorService ticker;

  private static final class Running {
    final Operation op;
    final long started;
    long lastLine;

    Running(Operation op, long now) {
      this.op = op;
      this.started = now;
      this.lastLine = now;
    }
  }

  /** Progress for {@code t}: live (bars, lines cut to the width) when its output is a terminal. */
  static ProgressPrinter on(Terminal t, Style style) {
    return new ProgressPrinter(t.out(), style, t.interactive(), t.columns(), System::nanoTime, true);
  }

  ProgressPrinter(PrintWriter out, Style style) {
    this(out, style, false);
  }

  /** @param live a person watches a terminal: counted progress redraws one bar line in place */
  ProgressPrinter(PrintWriter out, Style style, boolean live) {
    this(out, style, live, () -> 0, System::nanoTime, false);
  }

  /**
   * @param columns the terminal's width, 0 when unknown (nothing is cut)
   * @param clock nanoseconds, for the "Still ..." lines
   * @param tick whether a thread of its own prints the "Still ..." lines (tests call {@link #tick})
   */
  ProgressPrinter(PrintWriter out, Style style, boolean live, IntSupplier columns, LongSupplier clock, boolean tick) {
    this.out = out;
    this.style = style;
    this.live = live;
    this.columns = columns;
    this.clock = clock;
    this.tickOnItsOwn = tick;
  }

  @Override
  public void refreshing(Address address, String id) {
    line(style.bold(address + ":") + " Refreshing state... [id=" + id + "]");
  }

  @Override
  public void read(String dataAddress, String id, Duration elapsed) {
    line(style.bold(dataAddress + ":") + " Read complete after " + seconds(elapsed) + " [id=" + id + "]");
  }

  @Override
  public synchronized void started(Address address, Operation op) {
    running.put(address, new Running(op, clock.getAsLong()));
    if (tickOnItsOwn && ticker == null) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "siteform-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(() -> tick(clock.getAsLong()), 1, 1, TimeUnit.SECONDS);
    }
    line(style.bold(address + ":") + " " + op.progressive() + "...");
  }

  @Override
  public void progress(Address address, Operation op, String message, Duration elapsed) {
    Matcher m = COUNT.matcher(message);
    if (live && m.find()) {
      bar(address, message, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), elapsed);
      return;
    }
    still(address, op, elapsed, " " + message);
  }

  /** Terraform's line for an operation that is taking a while, with what it is at, if anything. */
  private synchronized void still(Address address, Operation op, Duration elapsed, String news) {
    line(style.bold(address + ":") + " Still " + op.progressive().toLowerCase(Locale.ROOT)
        + "... [" + seconds(elapsed) + " elapsed]" + news);
    Running r = running.get(address);
    if (r != null) r.lastLine = clock.getAsLong();
  }

  /** Every running operation that has printed nothing for {@link #STILL_EVERY} says it still runs. */
  synchronized void tick(long now) {
    for (Map.Entry<Address, Running> e : running.entrySet()) {
      Running r = e.getValue();
      if (now - r.lastLine >= STILL_EVERY.toNanos()) {
        still(e.getKey(), r.op, Duration.ofNanos(now - r.started), "");
      }
    }
  }

  /** {@code site_content.site: [##########--------------]  42% uploaded 840/2000 files, ...} redrawn in place. */
  private synchronized void bar(Address address, String message, long done, long total, Duration elapsed) {
    int filled = total <= 0 ? BAR : (int) Math.min(BAR, done * BAR / total);
    long percent = total <= 0 ? 100 : Math.min(100, done * 100 / total);
    String text = style.bold(address + ":") + " [" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] "
        + String.format(Locale.ROOT, "%3d%% ", percent) + message + " [" + seconds(elapsed) + "]";
    if (barOf != null && !barOf.equals(address)) out.println();
    barText = fit(text);
    out.print((barOf != null && barOf.equals(address) ? "\r\u001b[K" : "") + barText);
    out.flush();
    barOf = address;
    Running r = running.get(address);
    if (r != null) r.lastLine = clock.getAsLong();
  }

  @Override
  public void completed(Address address, Operation op, String id, Duration elapsed) {
    String suffix = op == Operation.DELETE ? "" : " [id=" + id + "]";
    ended(address);
    line(style.bold(address + ":") + " " + op.noun() + " complete after " + seconds(elapsed) + suffix);
  }

  @Override
  public void failed(Address address, Operation op, Throwable error, Duration elapsed) {
    ended(address);
    line(style.bold(address + ":") + " " + style.red(op.noun() + " failed after " + seconds(elapsed)));
  }

  private synchronized void ended(Address address) {
    // Its own bar stays, whole, as the last word on its progress, above the line that ends it.
    if (address.equals(barOf)) {
      out.println();
      barOf = null;
    }
    running.remove(address);
    if (running.isEmpty() && ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
  }

  @Override
  public void skipped(Address address, Operation op) {
    line(style.bold(address + ":") + " " + style.yellow("skipped") + " (" + op.name().toLowerCase(Locale.ROOT)
        + " not started: something it needs failed or the apply was stopped)");
  }

  /**
   * Writes {@code lines} to {@code err} whole, between progress lines: a bar being redrawn is
   * ended first and the next redraw starts below, so a Ctrl-C message is never drawn over.
   */
  synchronized void interject(PrintWriter err, String... lines) {
    if (barOf != null) {
      out.println();
      out.flush();
      barOf = null;
    }
    for (String l : lines) err.println(l);
    err.flush();
  }

  static String seconds(Duration d) {
    return io.siteform.engine.event.Durations.format(d);
  }

  private synchronized void line(String s) {
    if (barOf != null) {
      // Another line while a bar is live: the bar is erased, the line printed, and the bar drawn
      // again below it, so no stale copy of the bar is left on a row of its own.
      out.print("\r\u001b[K");
      out.println(fit(s));
      out.print(barText);
      out.flush();
      return;
    }
    out.println(fit(s));
    out.flush();
  }

  /**
   * {@code s} cut to one column less than the terminal's width (a line as wide as the terminal
   * wraps on some), ending in "…" when cut; colour codes take no column. Off a terminal, or when
   * the width is unknown, as it is.
   */
  String fit(String s) {
    int width = live ? columns.getAsInt() : 0;
    if (width <= 2 || visibleLength(s) < width) return s;
    int keep = width - 2;
    StringBuilder cut = new StringBuilder();
    boolean coloured = false;
    for (int i = 0, visible = 0; i < s.length() && visible < keep; i++) {
      int end = escapeEnd(s, i);
      if (end > i) {
        cut.append(s, i, end);
        coloured = true;
        i = end - 1;
      } else {
        cut.append(s.charAt(i));
        visible++;
      }
    }
    cut.append('…');
    if (coloured) cut.append("\u001b[0m");
    return cut.toString();
  }

  private static int visibleLength(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      int end = escapeEnd(s, i);
      if (end > i) i = end - 1;
      else n++;
    }
    return n;
  }

  /** The index just past the colour code (CSI sequence) starting at {@code i}, or {@code i} if none starts there. */
  private static int escapeEnd(String s, int i) {
    if (s.charAt(i) != '\u001b' || i + 1 >= s.length() || s.charAt(i + 1) != '[') return i;
    int end = i + 2;
    while (end < s.length() && (s.charAt(end) < 0x40 || s.charAt(end) > 0x7e)) end++;
    return Math.min(end + 1, s.length());
  }
}
