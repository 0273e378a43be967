package io.siteform.cli;

import io.siteform.engine.event.EngineListener;
import io.siteform.error.Operation;
import io.siteform.engine.render.Style;
import io.siteform.engine.resource.Address;
import java.io.PrintWriter;
import java.time.Duration;

/** Prints engine events as Terraform-style progress lines, one per line, whole lines only. */
final class ProgressPrinter implements EngineListener {
  /** "1040/2000" in a progress message: something counted, drawn as a bar on a terminal. */
  private static final java.util.regex.Pattern COUNT = java.util.regex.Pattern.compile("(\\d+)/(\\d+)");
  private static final int BAR = 24;

  private final PrintWriter out;
  private final Style style;
  private final boolean live;
  /** The address whose bar the cursor sits at the end of, or null when the last line is complete. */
  private Address barOf;

  ProgressPrinter(PrintWriter out, Style style) {
    this(out, style, false);
  }

  /** @param live a person watches a terminal: counted progress redraws one bar line in place */
  ProgressPrinter(PrintWriter out, Style style, boolean live) {
    this.out = out;
    this.style = style;
    this.live = live;
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
  public void started(Address address, Operation op) {
    line(style.bold(address + ":") + " " + op.progressive() + "...");
  }

  @Override
  public void progress(Address address, Operation op, String message, Duration elapsed) {
    java.util.regex.Matcher m = COUNT.matcher(message);
    if (live && m.find()) {
      bar(address, message, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), elapsed);
      return;
    }
    line(style.bold(address + ":") + " Still " + op.progressive().toLowerCase(java.util.Locale.ROOT)
        + "... [" + seconds(elapsed) + " elapsed] " + message);
  }

  /** {@code site_content.site: [##########--------------]  42% uploaded 840/2000 files, ...} redrawn in place. */
  private synchronized void bar(Address address, String message, long done, long total, Duration elapsed) {
    int filled = total <= 0 ? BAR : (int) Math.min(BAR, done * BAR / total);
    long percent = total <= 0 ? 100 : Math.min(100, done * 100 / total);
    String text = style.bold(address + ":") + " [" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] "
        + String.format(java.util.Locale.ROOT, "%3d%% ", percent) + message + " [" + seconds(elapsed) + "]";
    if (barOf != null && !barOf.equals(address)) out.println();
    out.print((barOf != null && barOf.equals(address) ? "\r\u001b[K" : "") + text);
    out.flush();
    barOf = address;
  }

  @Override
  public void completed(Address address, Operation op, String id, Duration elapsed) {
    String suffix = op == Operation.DELETE ? "" : " [id=" + id + "]";
    line(style.bold(address + ":") + " " + op.noun() + " complete after " + seconds(elapsed) + suffix);
  }

  @Override
  public void failed(Address address, Operation op, Throwable error, Duration elapsed) {
    line(style.bold(address + ":") + " " + style.red(op.noun() + " failed after " + seconds(elapsed)));
  }

  @Override
  public void skipped(Address address, Operation op) {
    line(style.bold(address + ":") + " " + style.yellow("skipped") + " (" + op.name().toLowerCase(java.util.Locale.ROOT)
        + " not started: something it needs failed or the apply was stopped)");
  }

  static String seconds(Duration d) {
    return io.siteform.engine.event.Durations.format(d);
  }

  private synchronized void line(String s) {
    if (barOf != null) {
      out.println();
      barOf = null;
    }
    out.println(s);
    out.flush();
  }
}
