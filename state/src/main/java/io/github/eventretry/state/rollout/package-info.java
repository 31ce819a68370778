/**
 * Rollouts: {@link io.github.eventretry.state.rollout.RolloutEngine} applies a policy by a
 * {@link io.github.eventretry.state.rollout.RolloutPlan}, bakes, asks a
 * {@link io.github.eventretry.state.spi.RolloutGate} (by default the
 * {@link io.github.eventretry.state.rollout.SuccessRateGate}), advances or rolls back; every
 * {@link io.github.eventretry.state.rollout.RolloutStep} is saved, audited and reported to
 * {@link io.github.eventretry.state.rollout.RolloutListener}s once.
 */
package io.github.eventretry.state.rollout;
