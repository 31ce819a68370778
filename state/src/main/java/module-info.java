/**
 * eventretry state: versioned deployment state ({@code StateStore}), a tamper-evident hash-chained audit
 * log ({@code AuditLog}), and the rollout engine that applies a policy in traffic-split stages, rolls
 * back to the last good version or the baseline, and recovers what a crash or an interruption left.
 *
 * <p>Exports the API packages ({@code state}, {@code state.audit}, {@code state.rollout}, {@code
 * state.jdbc}) and the SPI package; the internal package is not exported.
 */
module io.github.eventretry.state {
  requires transitive io.github.eventretry.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  // JdbcSchema takes a javax.sql.DataSource: users of the PostgreSQL store need java.sql too.
  requires transitive java.sql;

  exports io.github.eventretry.state;
  exports io.github.eventretry.state.audit;
  exports io.github.eventretry.state.rollout;
  exports io.github.eventretry.state.spi;
  exports io.github.eventretry.state.jdbc;
}
