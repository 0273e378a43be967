package io.siteform.cli;

import io.siteform.engine.render.Style;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/**
 * The process's streams and surroundings, injected so tests drive the CLI in-process: results go
 * to {@code out}, diagnostics and progress to {@code err}.
 *
 * @param interactive whether a person is at a terminal (confirmation prompts, colours)
 * @param in where a confirmation is read from
 * @param env the environment (SITEFORM_VAR_*, AWS_ENDPOINT_URL, NO_COLOR)
 * @param clock the time releases and removed files are recorded with (a test's own clock)
 */
public record Terminal(
    PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive, Map<String, String> env,
    java.time.Clock clock) {

  public Terminal {
    env = Map.copyOf(env);
    java.util.Objects.requireNonNull(clock, "clock");
  }

  /** On the system's clock. */
  public Terminal(PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive, Map<String, String> env) {
    this(out, err, in, interactive, env, java.time.Clock.systemUTC());
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

  /** Asks a question on the terminal; empty if input is closed. */
  public Optional<String> ask(String prompt) {
    out.print(prompt);
    out.flush();
    try {
      return Optional.ofNullable(in.readLine()).map(String::trim);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
