package io.github.eventretry.simulator;

/**
 * Hears how far a retry-storm run has got, and can stop it: the seam a command line or a UI uses for a
 * progress bar and for Ctrl-C. The simulator itself does no I/O and reads no clock; what to show, and
 * when, is the caller's.
 *
 * <pre>{@code
 * AtomicBoolean stop = new AtomicBoolean();
 * StormResult r = RetryStorm.run(Engine.CLOSED_LOOP, policy, scenario, 42L, 2,
 *     fraction -> !stop.get()); // set stop from another thread to cancel
 * }</pre>
 *
 * <p>{@link RetryStorm#run(Engine, io.github.eventretry.core.RetryPolicy, StormScenario, long, int,
 * StormProgress)} calls it only on the thread that called {@code run}, with a fraction that never
 * decreases, from time to time (every few milliseconds of work, never per event), and once with 1.0
 * before it returns a result. An implementation must be cheap and must not throw; it is called by one
 * thread at a time, but a flag it reads to decide may be set by any thread.
 */
@FunctionalInterface
public interface StormProgress {
  /**
   * Receives the part of the run done so far and says whether to go on.
   *
   * @param fractionDone from 0 to 1; an engine's own measure of work (simulated time for the closed
   *     loop, events drawn for Monte Carlo, retries convolved for the analytic engine)
   * @return true to go on; false to stop: the run then throws {@link SimulationCancelledException}
   */
  boolean proceed(double fractionDone);

  /**
   * Returns a progress that ignores every report and never stops a run.
   *
   * @return the shared instance
   */
  static StormProgress none() {
    return Unmonitored.INSTANCE;
  }
}

/** {@link StormProgress#none()}. */
enum Unmonitored implements StormProgress {
  INSTANCE;

  @Override
  public boolean proceed(double fractionDone) {
    return true;
  }
}
