/**
 * Deployment state: the values and where they are stored.
 *
 * <ul>
 *   <li>{@link io.github.eventretry.state.DeploymentState}: the baseline {@code v0} and every
 *       {@link io.github.eventretry.state.PolicyVersion} of one integration, the active one, the
 *       unfinished {@link io.github.eventretry.state.RolloutProgress rollout}, with a lineage and a
 *       serial; stored by a {@link io.github.eventretry.state.spi.StateStore}
 *       ({@link io.github.eventretry.state.FileStateStore},
 *       {@link io.github.eventretry.state.InMemoryStateStore}).
 *   <li>{@link io.github.eventretry.state.StateException}: the one root of the module's failures.
 * </ul>
 *
 * <p>The audit log is in {@link io.github.eventretry.state.audit}, the rollout engine in
 * {@link io.github.eventretry.state.rollout}. Values are immutable and thread-safe; each class says how
 * it may be shared.
 */
package io.github.eventretry.state;
