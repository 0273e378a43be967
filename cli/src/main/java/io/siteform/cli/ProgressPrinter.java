package io.siteform.cli;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.event.Operation;
import io.siteform.engine.render.Style;
import io.siteform.engine.resource.Address;
import java.io.PrintWriter;
import java.time.Duration;

/** Prints engine events as Terraform-style progress lines, one per line, whole lines only. */
final class ProgressPrinter implements EngineListener {
  private final PrintWriter out;
  private final Style style;

  ProgressPrinter(PrintWriter out, Style style) {
    this.out = out;
    this.style = style;
  }

  @Override
  public void refreshing(Address address, String id) {
    line(style.bold(address + ":") + " Refreshing state... [id=" + id + "]");
  }

  @Override
  public void started(Address address, Operation op) {
    line(style.bold(address + ":") + " " + op.progressive() + "...");
  }

  @Override
  public void progress(Address address, Operation op, String message, Duration elapsed) {
    line(style.bold(address + ":") + " Still " + op.progressive().toLowerCase(java.util.Locale.ROOT)
        + "... [" + seconds(elapsed) + " elapsed] " + message);
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
    long s = d.toSeconds();
    return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
  }

  private synchronized void line(String s) {
    out.println(s);
    out.flush();
  }
}
