package io.github.eventretry.state.rollout;

import io.github.eventretry.core.TrafficSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stages of a rollout, applied in order. Splits never decrease from one stage to the next. The last
 * stage's split is what the version keeps when the rollout completes: the tutorial's single 50 % stage
 * is {@code RolloutPlan.of(RolloutStage.of(50).withSuccessThreshold(0.98))}. Immutable and thread-safe.
 *
 * @param stages the stages, at least one, copied
 */
public record RolloutPlan(List<RolloutStage> stages) {
  /** The most stages a plan may have. */
  public static final int MAX_STAGES = 100;

  /**
   * Checks and copies the stages.
   *
   * @throws NullPointerException if the list or a stage is null
   * @throws IllegalArgumentException if there is no stage, more than {@link #MAX_STAGES}, or a split is
   *     smaller than the one before it
   */
  public RolloutPlan {
    stages = List.copyOf(Objects.requireNonNull(stages, "stages"));
    if (stages.isEmpty() || stages.size() > MAX_STAGES) {
      throw new IllegalArgumentException("a rollout plan needs 1.." + MAX_STAGES
          + " stages (rejected: " + stages.size() + ")");
    }
    for (int i = 1; i < stages.size(); i++) {
      int before = stages.get(i - 1).split().percent();
      int now = stages.get(i).split().percent();
      if (now < before) {
        throw new IllegalArgumentException("stage " + (i + 1) + " split " + now
            + "% is smaller than stage " + i + " split " + before + "%; splits must not decrease");
      }
    }
  }

  /**
   * Returns a plan of the given stages.
   *
   * @param stages the stages, at least one
   * @return the plan
   * @throws IllegalArgumentException as {@link #RolloutPlan(List)}
   */
  public static RolloutPlan of(RolloutStage... stages) {
    return new RolloutPlan(List.of(stages));
  }

  /**
   * Returns the all-at-once plan: one stage at 100 % with the default bake, threshold and sample.
   *
   * @return the plan
   */
  public static RolloutPlan allAtOnce() {
    return of(RolloutStage.of(100));
  }

  /**
   * Returns the canary plan: 10 %, 50 %, 100 %, each with the default bake, threshold and sample.
   *
   * @return the plan
   */
  public static RolloutPlan canary() {
    return of(RolloutStage.of(10), RolloutStage.of(50), RolloutStage.of(100));
  }

  /**
   * Returns a linear plan of equal steps ending at 100 %: 4 steps are 25, 50, 75, 100 %.
   *
   * @param steps how many stages, 1..100
   * @return the plan
   * @throws IllegalArgumentException if {@code steps} is outside 1..100
   */
  public static RolloutPlan linear(int steps) {
    if (steps < 1 || steps > 100) {
      throw new IllegalArgumentException("steps must be 1..100 (rejected: " + steps + ")");
    }
    List<RolloutStage> list = new ArrayList<>();
    for (int i = 1; i <= steps; i++) {
      list.add(RolloutStage.of((int) ((100L * i + steps - 1) / steps)));
    }
    return new RolloutPlan(list);
  }

  /**
   * Returns a copy whose stages all bake for the given time.
   *
   * @param bake the bake time, zero or positive
   * @return the copy
   */
  public RolloutPlan withBakeTime(Duration bake) {
    return new RolloutPlan(stages.stream().map(s -> s.withBakeTime(bake)).toList());
  }

  /**
   * Returns a copy whose stages all use the given success threshold.
   *
   * @param threshold in [0, 1]
   * @return the copy
   */
  public RolloutPlan withSuccessThreshold(double threshold) {
    return new RolloutPlan(stages.stream().map(s -> s.withSuccessThreshold(threshold)).toList());
  }

  /**
   * Returns a copy whose stages all need the given minimum sample.
   *
   * @param sample 0 or more
   * @return the copy
   */
  public RolloutPlan withMinimumSample(long sample) {
    return new RolloutPlan(stages.stream().map(s -> s.withMinimumSample(sample)).toList());
  }

  /**
   * Returns a copy whose stages all use the given failure limit.
   *
   * @param limit 1 or more
   * @return the copy
   */
  public RolloutPlan withFailureLimit(int limit) {
    return new RolloutPlan(stages.stream().map(s -> s.withFailureLimit(limit)).toList());
  }

  /**
   * Returns the stages' splits, in order.
   *
   * @return an immutable list
   */
  public List<TrafficSplit> splits() {
    return stages.stream().map(RolloutStage::split).toList();
  }

  /**
   * Returns the splits as a person reads them.
   *
   * @return such as {@code 10% -> 50% -> 100%}
   */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (RolloutStage s : stages) {
      if (sb.length() > 0) {
        sb.append(" -> ");
      }
      sb.append(s.split());
    }
    return sb.toString();
  }
}
