package io.github.eventretry.examples.cli;

/** The exit codes of every {@code eventretry} command. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** The operation ran and failed (an error finding, a broken audit chain, a refused deployment). */
  public static final int FAILED = 1;
  /** Bad input or usage. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
