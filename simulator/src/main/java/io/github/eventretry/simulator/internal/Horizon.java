package io.github.eventretry.simulator.internal;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.StormScenario;

/** How long a storm can last in the open loop. */
public final class Horizon {
  private Horizon() {}

  /**
   * Returns the open-loop horizon.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @return milliseconds after which no attempt can happen
   */
  public static double millis(RetryPolicy policy, StormScenario scenario) {
    double span = scenario.arrivalSpanMillis();
    // An event retries only after an attempt that failed, before the outage ended: so no attempt
    // comes later than the outage plus one (the longest) delay, nor later than its arrival plus the
    // whole retry window.
    double longestDelay = policy.delayCeilingMillis(policy.maxRetries() - 1);
    double afterOutage = Math.max(span, scenario.outageMillis() + longestDelay);
    return Math.min(span + policy.worstCaseRetryWindow().toMillis(), afterOutage) + 1.0;
  }

  /**
   * Returns the number of one-second buckets that hold every attempt up to a horizon.
   *
   * @param horizonMillis the horizon
   * @return the bucket count
   */
  public static int seconds(double horizonMillis) {
    double s = Math.ceil(horizonMillis / 1000.0) + 1;
    if (s > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("storm too long to simulate (rejected: " + s + " seconds)");
    }
    return (int) s;
  }
}
