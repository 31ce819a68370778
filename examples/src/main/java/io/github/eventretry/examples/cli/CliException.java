package io.github.eventretry.examples.cli;

import java.util.List;

/**
 * A failure a command reports to its user: the lines to print on standard error and the exit code.
 * Thrown by commands, turned into output by {@link EventRetryCli}; never shows a stack trace.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final List<String> lines;

  /**
   * Creates the exception.
   *
   * @param exitCode {@link ExitCodes#FAILED} or {@link ExitCodes#USAGE}
   * @param lines the lines to print, each one complete
   */
  public CliException(int exitCode, List<String> lines) {
    super(String.join("; ", lines));
    this.exitCode = exitCode;
    this.lines = List.copyOf(lines);
  }

  /**
   * Bad input or usage: exit 2.
   *
   * @param line the line to print
   * @return the exception
   */
  public static CliException usage(String line) {
    return new CliException(ExitCodes.USAGE, List.of(line));
  }

  /**
   * The operation ran and failed: exit 1.
   *
   * @param line the line to print
   * @return the exception
   */
  public static CliException failed(String line) {
    return new CliException(ExitCodes.FAILED, List.of(line));
  }

  /**
   * Returns the exit code.
   *
   * @return 1 or 2
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * Returns the lines to print.
   *
   * @return the lines
   */
  public List<String> lines() {
    return lines;
  }
}
