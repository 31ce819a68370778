package io.github.eventretry.examples.cli;

import io.github.eventretry.state.rollout.StopSignal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a {@link StopSignal} for the rollout of one command: a
 * shutdown hook gives the signal, then waits for the command to record where the rollout stopped,
 * release its lock and print its line. The JVM then exits 130 (SIGINT) or 143 (SIGTERM). Thread-safe.
 */
final class StopOnSignal implements AutoCloseable {
  /** How long the hook waits for the rollout to reach a safe point and record it. */
  static final long GRACE_SECONDS = 25;

  private final StopSignal stop = StopSignal.create();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicBoolean fired = new AtomicBoolean();
  private final Thread hook;

  private StopOnSignal() {
    hook = new Thread(() -> {
      fired.set(true);
      stop.stop("SIGINT or SIGTERM");
      try {
        finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "eventretry-stop");
  }

  /** Installs the hook; close it when the command is done. */
  static StopOnSignal install() {
    StopOnSignal s = new StopOnSignal();
    Runtime.getRuntime().addShutdownHook(s.hook);
    return s;
  }

  /** The signal the engine watches. */
  StopSignal signal() {
    return stop;
  }

  /** Lets a waiting hook go: the command has recorded and printed what it had to. */
  @Override
  public void close() {
    finished.countDown();
    if (!fired.get()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already: the hook runs and finds the latch open
      }
    }
  }
}
