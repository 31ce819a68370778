package io.github.eventretry.examples.cli;

import io.github.eventretry.simulator.StormProgress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The live progress line of a long simulation on standard error: nothing for the first two seconds,
 * then one line redrawn in place at most five times a second ({@code \r} and an erase-line escape),
 * erased when the run ends, so that only the result remains. Drawn only when standard error is a
 * terminal; on a pipe or a file nothing is written. {@code EVENTRETRY_PROGRESS=always} writes the
 * same reports as plain lines, one a second, wherever standard error goes (for logs and tests);
 * {@code EVENTRETRY_PROGRESS=never} turns it off. Also the run's stop switch: it tells the simulator
 * to stop once {@code stop} says so. One per run; used by the simulating thread only.
 */
final class ProgressLine implements StormProgress, AutoCloseable {
  /** Reports before this many nanoseconds are not shown: a short run prints nothing but its result. */
  static final long QUIET_NANOS = 2_000_000_000L;
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long LINE_NANOS = 1_000_000_000L;
  private static final String ERASE = "\r\033[K";

  /** How the line is shown. */
  enum Mode {
    /** A line redrawn in place. */
    TERMINAL,
    /** Plain lines, for a log. */
    LINES,
    /** Nothing. */
    OFF
  }

  private final PrintWriter err;
  private final Mode mode;
  private final LongSupplier nanoTime;
  private final BooleanSupplier stop;
  private final String label;
  private final long start;
  private long shown = Long.MIN_VALUE;
  private boolean drawn;

  ProgressLine(PrintWriter err, Mode mode, LongSupplier nanoTime, BooleanSupplier stop, String label) {
    this.err = err;
    this.mode = mode;
    this.nanoTime = nanoTime;
    this.stop = stop;
    this.label = label;
    this.start = nanoTime.getAsLong();
  }

  /**
   * Chooses how to show progress: {@code EVENTRETRY_PROGRESS} ({@code always}, {@code never}), else
   * a line in place when standard error is a terminal, else nothing.
   *
   * @param env the command line's environment
   * @return the mode
   */
  static Mode mode(Map<String, String> env) {
    String wanted = env.getOrDefault("EVENTRETRY_PROGRESS", "auto").trim().toLowerCase(Locale.ROOT);
    if (wanted.equals("always")) {
      return stderrIsTerminal() ? Mode.TERMINAL : Mode.LINES;
    }
    if (wanted.equals("never")) {
      return Mode.OFF;
    }
    return stderrIsTerminal() ? Mode.TERMINAL : Mode.OFF;
  }

  /**
   * Whether file descriptor 2 is a terminal, whatever standard output is (a result piped on to
   * another program still shows its progress on the terminal). Java has no isatty: where /proc
   * exists, the link of descriptor 2 says; elsewhere a console (standard input and output both
   * terminals) is the best sign there is.
   */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
      // No /proc to ask.
    }
    return System.console() != null;
  }

  @Override
  public boolean proceed(double fractionDone) {
    if (stop.getAsBoolean()) {
      return false;
    }
    if (mode == Mode.OFF) {
      return true;
    }
    long now = nanoTime.getAsLong();
    long elapsed = now - start;
    if (elapsed < QUIET_NANOS || (shown != Long.MIN_VALUE
        && now - shown < (mode == Mode.TERMINAL ? REDRAW_NANOS : LINE_NANOS))) {
      return true;
    }
    shown = now;
    String text = String.format(Locale.ROOT, "eventretry simulate: %s %5.1f %% after %.0f s",
        label, 100.0 * fractionDone, elapsed / 1e9);
    if (mode == Mode.TERMINAL) {
      err.print(ERASE + text);
      drawn = true;
    } else {
      err.println(text);
    }
    err.flush();
    return true;
  }

  /** Erases the line if one was drawn, so that what follows starts on a clean line. */
  @Override
  public void close() {
    if (drawn) {
      err.print(ERASE);
      err.flush();
      drawn = false;
    }
  }
}
