package io.github.eventretry.state.rollout;

import io.github.eventretry.core.TrafficSplit;
import java.time.Duration;
import java.util.Objects;

/**
 * One stage of a {@link RolloutPlan}: apply the policy to a share of traffic, wait the bake time, then
 * check the delivery metrics of the bake window. Immutable and thread-safe.
 *
 * <p>With the default {@link SuccessRateGate}, a check fails when the window holds fewer than {@code
 * minimumSample} deliveries (too little data is not success), when the success rate is below {@code
 * successThreshold}, or when the metrics cannot be read. A failed check holds the stage (it bakes
 * again); the {@code failureLimit}-th failed check of a stage rolls the rollout back. With the default
 * limit of 1 the first failed check rolls back.
 *
 * <p>A stage with a bake time of zero and a minimum sample of 0 is {@link #unchecked() unchecked}: it
 * advances without a check, and its version is recorded as unchecked. A stage with a bake time of zero
 * and a minimum sample above 0 can never pass (no deliveries arrive in no time): the default gate
 * refuses such a plan before anything is applied.
 *
 * @param split the share of traffic
 * @param bakeTime how long to wait before checking, 0 to {@link #MAX_BAKE_TIME}
 * @param successThreshold the lowest acceptable success rate, in [0, 1] (the tutorial's
 *     {@code rollback_threshold})
 * @param minimumSample the fewest deliveries a check needs, 0 or more
 * @param failureLimit the number of failed checks that rolls back, 1 or more
 */
public record RolloutStage(
    TrafficSplit split, Duration bakeTime, double successThreshold, long minimumSample, int failureLimit) {
  /** The default bake time: five minutes. */
  public static final Duration DEFAULT_BAKE_TIME = Duration.ofMinutes(5);
  /** The default success threshold: the tutorial's {@code rollback_threshold} default, 0.95. */
  public static final double DEFAULT_SUCCESS_THRESHOLD = 0.95;
  /** The default minimum sample: 100 deliveries. */
  public static final long DEFAULT_MINIMUM_SAMPLE = 100;
  /** The longest bake time a stage may have: one day. */
  public static final Duration MAX_BAKE_TIME = Duration.ofDays(1);

  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   * @throws IllegalArgumentException if the bake time is negative or above {@link #MAX_BAKE_TIME}, the
   *     threshold is outside [0, 1], the minimum sample is negative or the failure limit is below 1
   */
  public RolloutStage {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(bakeTime, "bakeTime");
    if (bakeTime.isNegative() || bakeTime.compareTo(MAX_BAKE_TIME) > 0) {
      throw new IllegalArgumentException("bakeTime must be between 0 and " + MAX_BAKE_TIME.toHours()
          + " hours (rejected: " + bakeTime + ")");
    }
    if (!(successThreshold >= 0.0 && successThreshold <= 1.0)) {
      throw new IllegalArgumentException(
          "successThreshold must be between 0 and 1 (rejected: " + successThreshold + ")");
    }
    if (minimumSample < 0) {
      throw new IllegalArgumentException(
          "minimumSample must be 0 or more (rejected: " + minimumSample + ")");
    }
    if (failureLimit < 1) {
      throw new IllegalArgumentException("failureLimit must be 1 or more (rejected: " + failureLimit + ")");
    }
  }

  /**
   * Returns a stage with the default bake time, threshold, minimum sample and a failure limit of 1.
   *
   * @param percent the share of traffic, 1..100
   * @return the stage
   * @throws IllegalArgumentException if {@code percent} is not in 1..100
   */
  public static RolloutStage of(int percent) {
    return new RolloutStage(TrafficSplit.ofPercent(percent), DEFAULT_BAKE_TIME,
        DEFAULT_SUCCESS_THRESHOLD, DEFAULT_MINIMUM_SAMPLE, 1);
  }

  /**
   * Returns a copy with another bake time.
   *
   * @param bake the bake time, zero or positive
   * @return the copy
   */
  public RolloutStage withBakeTime(Duration bake) {
    return new RolloutStage(split, bake, successThreshold, minimumSample, failureLimit);
  }

  /**
   * Returns a copy with another success threshold.
   *
   * @param threshold in [0, 1]
   * @return the copy
   */
  public RolloutStage withSuccessThreshold(double threshold) {
    return new RolloutStage(split, bakeTime, threshold, minimumSample, failureLimit);
  }

  /**
   * Returns a copy with another minimum sample.
   *
   * @param sample 0 or more
   * @return the copy
   */
  public RolloutStage withMinimumSample(long sample) {
    return new RolloutStage(split, bakeTime, successThreshold, sample, failureLimit);
  }

  /**
   * Returns a copy with another failure limit.
   *
   * @param limit 1 or more
   * @return the copy
   */
  public RolloutStage withFailureLimit(int limit) {
    return new RolloutStage(split, bakeTime, successThreshold, minimumSample, limit);
  }

  /**
   * Returns whether the stage advances without a check: its bake time is zero and its minimum sample is
   * 0.
   *
   * @return true if unchecked
   */
  public boolean unchecked() {
    return bakeTime.isZero() && minimumSample == 0;
  }
}
