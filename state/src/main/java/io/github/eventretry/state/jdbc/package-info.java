/**
 * Deployment state and the audit log in PostgreSQL, through plain JDBC ({@code java.sql} only; the
 * PostgreSQL driver is the application's choice): {@link io.github.eventretry.state.jdbc.JdbcSchema}
 * (the tables and their versioned migrations), {@link io.github.eventretry.state.jdbc.JdbcStateStore}
 * and {@link io.github.eventretry.state.jdbc.JdbcAuditLog}. Deployers on several hosts that share one
 * database see one state per integration, one rollout lease per integration, and one hash-chained log.
 */
package io.github.eventretry.state.jdbc;
