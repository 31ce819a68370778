/**
 * eventretry state: versioned deployment state ({@code StateStore}), a tamper-evident hash-chained audit
 * log ({@code AuditLog}), and the rollout engine that applies a policy in traffic-split stages, rolls
 * back to the last good version or the baseline, and recovers what a crash or an interruption left.
 *
 * <p>Exports the API packages ({@code state}, {@code state.audit}, {@code state.rollout}) and the SPI
 * package; the internal package is not exported.
 */
module io.github.eventretry.state {
  requires transitive io.github.eventretry.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.github.eventretry.state;
  exports io.github.eventretry.state.audit;
  exports io.github.eventretry.state.rollout;
  exports io.github.eventretry.state.spi;
}
