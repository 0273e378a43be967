package io.siteform.cli;

import io.siteform.engine.render.Style;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The process's streams and surroundings, injected so tests drive the CLI in-process: results go
 * to {@code out}, diagnostics to {@code err}.
 *
 * @param interactive whether {@code out} is a terminal a person watches (colours, progress redrawn
 *     in place)
 * @param in where a confirmation is read from
 * @param env the environment (SITEFORM_VAR_*, AWS_ENDPOINT_URL, NO_COLOR, COLUMNS)
 * @param prompts where a question is written, when {@code in} is a terminal; null when there is
 *     none to ask on. It is {@code out} on a terminal, and the terminal itself when {@code out}
 *     is a pipe ({@code apply | tee log}), as Terraform asks
 * @param columns the width of the terminal {@code out} shows on, 0 when unknown (nothing is then
 *     cut); asked again as the window is resized
 * @param clock the time releases and removed files are recorded with (a test's own clock)
 */
public record Terminal(PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive,
    Map<String, String> env, PrintWriter prompts, IntSupplier columns, java.time.Clock clock) {

  public Terminal {
    env = Map.copyOf(env);
    if (columns == null) columns = () -> 0;
    java.util.Objects.requireNonNull(clock, "clock");
  }

  /** On the system's clock. */
  public Terminal(PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive,
      Map<String, String> env, PrintWriter prompts, IntSupplier columns) {
    this(out, err, in, interactive, env, prompts, columns, java.time.Clock.systemUTC());
  }

  /** A terminal where {@code interactive} means both: {@code out} shows on it and {@code in} reads from it. */
  public Terminal(PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive, Map<String, String> env) {
    this(out, err, in, interactive, env, interactive ? out : null, () -> 0);
  }

  /** As {@link #Terminal(PrintWriter, PrintWriter, BufferedReader, boolean, Map)}, on {@code clock}. */
  public Terminal(PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive, Map<String, String> env,
      java.time.Clock clock) {
    this(out, err, in, interactive, env, interactive ? out : null, () -> 0, clock);
  }

  /**
   * Colour only for a person at a terminal that can show it: not with {@code --no-color}, a
   * non-empty {@code NO_COLOR} (no-color.org: "when present and not an empty string"), or {@code
   * TERM=dumb}.
   */
  public Style style(boolean noColorFlag) {
    boolean noColor = noColorFlag || !env.getOrDefault("NO_COLOR", "").isEmpty()
        || "dumb".equals(env.get("TERM")) || !interactive;
    return noColor ? Style.PLAIN : Style.ANSI;
  }

  /** Whether there is a person to ask: {@code in} is a terminal. */
  public boolean canAsk() {
    return prompts != null;
  }

  /** Asks a question on the terminal; empty if input is closed. */
  public Optional<String> ask(String prompt) {
    prompts.print(prompt);
    prompts.flush();
    try {
      return Optional.ofNullable(in.readLine()).map(String::trim);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
