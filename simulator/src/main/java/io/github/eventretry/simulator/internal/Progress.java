package io.github.eventretry.simulator.internal;

import io.github.eventretry.simulator.SimulationCancelledException;
import io.github.eventretry.simulator.StormProgress;

/**
 * An engine's side of {@link StormProgress}: reports from the calling thread, a flag other threads of
 * the same run read to stop too. One per run.
 */
public final class Progress {
  private final StormProgress listener;
  private volatile boolean stopped;
  private double last;

  /**
   * Wraps a listener.
   *
   * @param listener the caller's progress
   */
  public Progress(StormProgress listener) {
    this.listener = listener;
  }

  /**
   * Returns a progress that never stops, for engines run without one.
   *
   * @return a new progress
   */
  public static Progress none() {
    return new Progress(StormProgress.none());
  }

  /**
   * Reports the fraction done; call only from the thread that started the run.
   *
   * @param fraction 0 to 1 (clamped, and never below the last report)
   * @throws SimulationCancelledException if the listener says stop
   */
  public void report(double fraction) {
    double f = Math.max(last, Math.min(1.0, fraction >= 0.0 ? fraction : 0.0));
    last = f;
    if (!listener.proceed(f)) {
      stopped = true;
      throw new SimulationCancelledException(f);
    }
  }

  /**
   * Returns whether the run was told to stop, for the run's other threads.
   *
   * @return true once the listener said stop
   */
  public boolean stopped() {
    return stopped;
  }
}
