/**
 * Extension points of the state module: {@link io.github.eventretry.state.spi.StateStore} (where
 * deployment state lives and how it is locked) and {@link io.github.eventretry.state.spi.AuditLog} (where
 * audit records go). Implementations must be thread-safe.
 */
package io.github.eventretry.state.spi;
