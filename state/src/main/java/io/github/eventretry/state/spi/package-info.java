/**
 * Extension points of the state module: {@link io.github.eventretry.state.spi.StateStore} (where
 * deployment state lives and who holds an integration's {@link io.github.eventretry.state.spi.RolloutLease
 * lease}), {@link io.github.eventretry.state.spi.AuditLog} (where audit records go) and
 * {@link io.github.eventretry.state.spi.RolloutGate} (whether a stage may advance). Implementations must
 * be thread-safe.
 */
package io.github.eventretry.state.spi;
