/**
 * Deployment state, audit and rollout.
 *
 * <ul>
 *   <li>{@link io.github.eventretry.state.DeploymentState}: the versions of one integration's policy, with
 *       a lineage and a serial; stored by a {@link io.github.eventretry.state.spi.StateStore}
 *       ({@link io.github.eventretry.state.FileStateStore}, {@link io.github.eventretry.state.InMemoryStateStore}).
 *   <li>{@link io.github.eventretry.state.AuditRecord}: one record of a hash-chained audit log
 *       ({@link io.github.eventretry.state.FileAuditLog}, {@link io.github.eventretry.state.InMemoryAuditLog}),
 *       verified by {@link io.github.eventretry.state.spi.AuditLog#verify()}.
 *   <li>{@link io.github.eventretry.state.RolloutEngine}: applies a policy by a
 *       {@link io.github.eventretry.state.RolloutPlan}, bakes, reads metrics, advances or rolls back.
 * </ul>
 *
 * <p>Values are immutable and thread-safe; each class says how it may be shared.
 */
package io.github.eventretry.state;
