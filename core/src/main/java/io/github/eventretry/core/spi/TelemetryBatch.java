package io.github.eventretry.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One export of telemetry: the tutorial's {@code {source, timestamp, metrics}}. Immutable and
 * thread-safe.
 *
 * @param source who sends it, such as {@code genesys-cloud-eventbridge}
 * @param timestamp when the batch was made (from the caller's clock)
 * @param metrics the metrics, copied
 */
public record TelemetryBatch(String source, Instant timestamp, List<DeliveryMetrics> metrics) {
  /** The tutorial's source name. */
  public static final String DEFAULT_SOURCE = "genesys-cloud-eventbridge";

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if any reference or metric is null
   * @throws IllegalArgumentException if {@code source} is blank
   */
  public TelemetryBatch {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(timestamp, "timestamp");
    metrics = List.copyOf(metrics);
    if (source.isBlank()) {
      throw new IllegalArgumentException("source must not be blank");
    }
  }
}
