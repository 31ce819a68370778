package io.github.eventretry.genesys.emulator;

import io.github.eventretry.core.payload.AppliedPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the emulator's metrics endpoint reports. It is given the query and the policy currently applied
 * to the integration (read back from its configuration as
 * {@link io.github.eventretry.genesys.IntegrationConfiguration#appliedPolicy} does), so a test can make the
 * success rate fall when a bad policy is applied.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface MetricsModel {
  /**
   * Returns the metrics of one window.
   *
   * @param query what was asked, and the applied policy
   * @return the metrics
   */
  Sample sample(Query query);

  /**
   * Returns a model of a healthy integration: 20 deliveries a minute of the window (at least one),
   * success rate 0.995, one retry per hundred deliveries, 120 ms mean latency, whatever the policy.
   *
   * @return the model
   */
  static MetricsModel healthy() {
    return q -> {
      long minutes = Math.max(1, Duration.between(q.from(), q.to()).toMinutes());
      long count = minutes * 20;
      return new Sample(count, 0.995, count / 100, 120.0);
    };
  }

  /**
   * Returns a model with a fixed success rate and volume, whatever the policy: a window of {@code d}
   * reports {@code round(deliveriesPerMinute * d / 1 min)} deliveries, one retry per hundred of them
   * and 120 ms mean latency. It makes a rollout check pass or fail at will, within seconds: with 600
   * deliveries a minute, a 5 s bake sees 50.
   *
   * @param successRate the share that succeeded, 0..1
   * @param deliveriesPerMinute deliveries per minute, 0..1,000,000,000
   * @return the model
   * @throws IllegalArgumentException if a value is out of range
   */
  static MetricsModel fixed(double successRate, long deliveriesPerMinute) {
    if (!(successRate >= 0 && successRate <= 1)) {
      throw new IllegalArgumentException(
          "successRate must be between 0 and 1 (rejected: " + successRate + ")");
    }
    if (deliveriesPerMinute < 0 || deliveriesPerMinute > 1_000_000_000L) {
      throw new IllegalArgumentException("deliveriesPerMinute must be between 0 and 1000000000"
          + " (rejected: " + deliveriesPerMinute + ")");
    }
    return new MetricsModel() {
      @Override
      public Sample sample(Query q) {
        double minutes = Duration.between(q.from(), q.to()).toMillis() / 60_000.0;
        long count = Math.round(deliveriesPerMinute * minutes);
        return new Sample(count, successRate, count / 100, 120.0);
      }

      @Override
      public String toString() {
        return "MetricsModel.fixed(successRate=" + successRate + ", deliveriesPerMinute="
            + deliveriesPerMinute + ")";
      }
    };
  }

  /**
   * A metrics query as the emulator understood it. Immutable and thread-safe.
   *
   * @param integrationId the integration
   * @param from the start, inclusive
   * @param to the end, exclusive
   * @param applied the policy in the integration's configuration now, if any
   */
  record Query(String integrationId, Instant from, Instant to, Optional<AppliedPolicy> applied) {
    /**
     * Checks for nulls.
     *
     * @throws NullPointerException if any is null
     */
    public Query {
      Objects.requireNonNull(integrationId, "integrationId");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(applied, "applied");
    }
  }

  /**
   * The metrics of one window. Immutable and thread-safe.
   *
   * @param deliveryCount deliveries in the window, 0 or more
   * @param successRate the share that succeeded, 0..1
   * @param retryCount retries made, 0 or more
   * @param deliveryLatencyMillis mean delivery latency in milliseconds, 0 or more
   */
  record Sample(long deliveryCount, double successRate, long retryCount, double deliveryLatencyMillis) {
    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Sample {
      if (deliveryCount < 0 || retryCount < 0) {
        throw new IllegalArgumentException("counts must be 0 or more (rejected: " + deliveryCount
            + ", " + retryCount + ")");
      }
      if (!(successRate >= 0 && successRate <= 1)) {
        throw new IllegalArgumentException(
            "successRate must be between 0 and 1 (rejected: " + successRate + ")");
      }
      if (!(deliveryLatencyMillis >= 0) || Double.isInfinite(deliveryLatencyMillis)) {
        throw new IllegalArgumentException(
            "deliveryLatencyMillis must be 0 or more (rejected: " + deliveryLatencyMillis + ")");
      }
    }
  }
}
