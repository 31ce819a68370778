/**
 * eventretry's rollouts in Micrometer: {@code io.github.eventretry.micrometer.RolloutMetrics}, a
 * {@code RolloutListener} that counts rollouts started and ended (by outcome) and their steps, and
 * follows each integration's traffic split and its stage checks' success rates and samples.
 *
 * <p>Exports its one API package. Micrometer's {@code MeterRegistry} is in that API, so this module
 * reads {@code micrometer.core} transitively; {@code eventretry-state} has no Micrometer in it.
 */
module io.github.eventretry.micrometer {
  requires transitive io.github.eventretry.state;
  requires transitive micrometer.core;

  exports io.github.eventretry.micrometer;
}
