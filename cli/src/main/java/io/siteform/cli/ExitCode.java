package io.siteform.cli;

/** The exit codes of docs/cli.md, in one place. */
public final class ExitCode {
  /** Success; with {@code --detailed-exitcode} or {@code drift}: nothing to change. */
  public static final int OK = 0;
  /** Any error: bad spec, bad flags, AWS failure, refused confirmation. */
  public static final int ERROR = 1;
  /** Success, and there are changes (plan --detailed-exitcode) or drift (drift). */
  public static final int CHANGES = 2;

  /** Ctrl-C at the confirmation prompt: nothing was done; a shell's 128 + SIGINT. */
  public static final int INTERRUPTED = 130;
  /** SIGTERM at the confirmation prompt: 128 + SIGTERM. */
  public static final int TERMINATED = 143;

  private ExitCode() {}

  /** The exit code for {@code received}, as {@link InterruptTrap} names it ("Interrupt", "SIGTERM"). */
  static int signalled(String received) {
    return received.equals("Interrupt") ? INTERRUPTED : TERMINATED;
  }
}
