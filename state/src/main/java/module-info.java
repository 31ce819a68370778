/**
 * eventretry state: versioned deployment state ({@code StateStore}), a tamper-evident hash-chained audit
 * log ({@code AuditLog}), and the rollout engine that applies a policy in traffic-split stages and rolls
 * back automatically.
 *
 * <p>Exports the API package and the SPI package; the internal package is not exported.
 */
module io.github.eventretry.state {
  requires transitive io.github.eventretry.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.github.eventretry.state;
  exports io.github.eventretry.state.spi;
}
