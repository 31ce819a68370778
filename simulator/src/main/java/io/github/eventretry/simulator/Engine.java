package io.github.eventretry.simulator;

import java.util.Arrays;
import java.util.Optional;

/** The three retry-storm engines ({@link RetryStorm}). Immutable and thread-safe. */
public enum Engine {
  /** Seeded Monte Carlo: every event drawn; memory by time buckets, not events. */
  MONTE_CARLO("monte-carlo"),
  /** Expected values by numerical convolution; cost independent of the number of events. */
  ANALYTIC("analytic"),
  /** Seeded, against a destination that admits at most its rate limit per second (a token bucket). */
  CLOSED_LOOP("closed-loop");

  private final String cliName;

  Engine(String cliName) {
    this.cliName = cliName;
  }

  /**
   * Returns the name used on the command line and in JSON.
   *
   * @return {@code monte-carlo}, {@code analytic} or {@code closed-loop}
   */
  public String cliName() {
    return cliName;
  }

  /**
   * Finds an engine by its name.
   *
   * @param name such as {@code monte-carlo}
   * @return the engine, or empty when the name is none of them
   */
  public static Optional<Engine> fromCliName(String name) {
    return Arrays.stream(values()).filter(e -> e.cliName.equals(name)).findFirst();
  }
}
