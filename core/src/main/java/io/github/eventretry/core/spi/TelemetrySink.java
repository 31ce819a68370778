package io.github.eventretry.core.spi;

/**
 * Exports delivery metrics to an external monitoring system, as the tutorial's
 * {@code export_telemetry} does. An export never throws for a failed delivery: it reports the outcome
 * in its result, so that monitoring trouble cannot break a deployment. Implementations must be
 * thread-safe.
 */
public interface TelemetrySink {
  /**
   * Exports one batch.
   *
   * @param batch the batch
   * @return whether it was delivered, after how many attempts, and why not when it was not
   */
  TelemetryResult export(TelemetryBatch batch);
}
