package io.siteform.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with captured streams, as a user at a pipe (not a terminal) would. */
final class CliRunner {
  final Map<String, String> env = new HashMap<>();
  boolean interactive;
  String input = "";
  /** The clock the run records releases and removed files with. */
  java.time.Clock clock = java.time.Clock.systemUTC();

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {}

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal t = new Terminal(new PrintWriter(out), new PrintWriter(err),
        new BufferedReader(new StringReader(input)), interactive, env, clock);
    int code = Main.run(t, args);
    return new Run(code, out.toString(), err.toString());
  }
}
