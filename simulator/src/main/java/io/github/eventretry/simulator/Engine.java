package io.github.eventretry.simulator;

import java.util.Arrays;
import java.util.Optional;

/** The three retry-storm engines ({@link RetryStorm}). Immutable and thread-safe. */
public enum Engine {
  /** Seeded Monte Carlo: every event drawn; memory by time buckets, not events. */
  MONTE_CARLO("monte-carlo", RetryStorm.MAX_MONTE_CARLO_EVENTS),
  /** Expected values by numerical convolution; cost independent of the number of events. */
  ANALYTIC("analytic", Long.MAX_VALUE),
  /** Seeded, against a destination that admits at most its rate limit per second (a token bucket). */
  CLOSED_LOOP("closed-loop", RetryStorm.MAX_CLOSED_LOOP_EVENTS);

  private final String cliName;
  private final long maxEvents;

  Engine(String cliName, long maxEvents) {
    this.cliName = cliName;
    this.maxEvents = maxEvents;
  }

  /**
   * Returns the most events this engine simulates; {@link RetryStorm} rejects a scenario with more
   * (the one place these bounds are checked).
   *
   * @return {@link RetryStorm#MAX_MONTE_CARLO_EVENTS} (10^14), {@link RetryStorm#MAX_CLOSED_LOOP_EVENTS}
   *     (10^12), or {@link Long#MAX_VALUE} for the analytic engine, whose cost does not depend on events
   */
  public long maxEvents() {
    return maxEvents;
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
