package io.github.eventretry.state.spi;

import io.github.eventretry.state.rollout.RolloutPlan;

/**
 * Decides, after each bake, whether a stage of a rollout may advance. The default,
 * {@link io.github.eventretry.state.rollout.SuccessRateGate}, reads a
 * {@link io.github.eventretry.core.spi.DeliveryMetricsSource} over the bake window and passes a stage
 * when it saw at least the stage's minimum sample at a success rate at or above its threshold. A host
 * plugs in its own signal (alarms, error budgets, a person's approval) by implementing this.
 *
 * <p>A stage whose bake time is zero and whose minimum sample is 0 is not checked at all: the engine
 * records it as {@code unchecked} and does not call the gate. Implementations must be thread-safe.
 */
public interface RolloutGate {
  /**
   * Checks one bake of one stage.
   *
   * @param query the integration, version, stage and bake window
   * @return passed or failed, with a one-line summary and the metrics read, if any
   * @throws io.github.eventretry.core.EventRetryException if the signal could not be read; the engine
   *     counts it as a failed check, naming the failure
   */
  StageCheck check(StageQuery query);

  /**
   * Checks, before anything is applied, that a plan can pass this gate at all. The default accepts
   * every plan.
   *
   * @param plan the plan
   * @throws IllegalArgumentException if a stage can never pass; the message names the stage and the
   *     settings that make it impossible
   */
  default void checkPlan(RolloutPlan plan) {
    // Every plan can pass.
  }
}
