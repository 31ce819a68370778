package io.github.eventretry.simulator;

import io.github.eventretry.core.EventRetryException;

/**
 * A retry-storm run stopped because its {@link StormProgress} said so; no result exists. Thread-confined
 * like any exception.
 */
public final class SimulationCancelledException extends EventRetryException {
  private static final long serialVersionUID = 1L;

  private final double fractionDone;

  /**
   * Creates the exception.
   *
   * @param fractionDone how far the run had got, 0 to 1
   */
  public SimulationCancelledException(double fractionDone) {
    super(String.format(java.util.Locale.ROOT, "simulation stopped at %.0f %% on request",
        100.0 * Math.max(0.0, Math.min(1.0, fractionDone))));
    this.fractionDone = fractionDone;
  }

  /**
   * Returns how far the run had got when it stopped.
   *
   * @return a fraction from 0 to 1
   */
  public double fractionDone() {
    return fractionDone;
  }
}
