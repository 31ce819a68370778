/**
 * Micrometer metrics of rollouts: {@link io.github.eventretry.micrometer.RolloutMetrics}, given to
 * {@code RolloutEngine.Builder.listener}, records every {@code RolloutEvent} in a {@code MeterRegistry}
 * under names beginning {@code eventretry.rollout.}.
 */
package io.github.eventretry.micrometer;
