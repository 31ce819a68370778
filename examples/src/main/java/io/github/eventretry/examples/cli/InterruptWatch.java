package io.github.eventretry.examples.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a command: the JVM runs its shutdown hooks, and this one asks the
 * command to stop ({@link #requested()}) and then holds the JVM until the command has said what
 * happened and closed this watch (at most {@link #GRACE_SECONDS} seconds), so the user sees a clean
 * last line instead of output cut mid-way. The JVM then exits with the shell's code for the signal:
 * 130 for Ctrl-C. Closed by the command's thread; {@link #requested()} is read by any thread.
 */
final class InterruptWatch implements AutoCloseable {
  /** The exit status a shell reports for a command stopped by Ctrl-C: 128 + SIGINT (2). */
  static final int EXIT_INTERRUPTED = 130;
  /** The longest the JVM waits for the command to finish after a signal. */
  static final long GRACE_SECONDS = 10;

  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean requested;

  private InterruptWatch() {
    hook = new Thread(() -> {
      requested = true;
      try {
        done.await(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "eventretry-interrupt");
  }

  /**
   * Starts watching.
   *
   * @return the watch; close it when the command is done
   */
  static InterruptWatch start() {
    InterruptWatch w = new InterruptWatch();
    Runtime.getRuntime().addShutdownHook(w.hook);
    return w;
  }

  /**
   * Returns whether a signal asked the command to stop.
   *
   * @return true once the JVM is shutting down
   */
  boolean requested() {
    return requested;
  }

  /** Lets a shutdown in progress go on, or stops watching when there is none. */
  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running (or has run): it returns now that the latch is open.
    }
  }
}
