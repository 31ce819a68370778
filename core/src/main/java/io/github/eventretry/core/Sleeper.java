package io.github.eventretry.core;

import java.time.Duration;

/**
 * Waits. Injected wherever eventretry waits (client back-off, rollout bake time) so that tests and
 * simulations run without real time passing. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for a duration.
   *
   * @param duration how long; zero or negative returns at once
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Returns the sleeper that really waits, with {@link Thread#sleep(long, int)}.
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return duration -> {
      if (!duration.isNegative() && !duration.isZero()) {
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
      }
    };
  }
}
