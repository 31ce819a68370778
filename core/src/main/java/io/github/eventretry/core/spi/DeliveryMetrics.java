package io.github.eventretry.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Delivery metrics of one integration over one window: the tutorial's {@code successRate},
 * {@code retryCount} and {@code deliveryLatency}, plus the sample size they rest on and, from sources
 * that know it (CloudWatch's {@code InvocationsSentToDlq}), how many deliveries were dead-lettered. Immutable and
 * thread-safe.
 *
 * @param integrationId the integration
 * @param from the start of the window, inclusive
 * @param to the end of the window, exclusive
 * @param sampleSize how many deliveries the figures rest on, 0 or more
 * @param successRate the share of deliveries that succeeded, in [0, 1]; 0 when {@code sampleSize} is 0
 * @param retryCount how many retries were made, 0 or more
 * @param meanDeliveryLatency the mean time from event to delivery, zero or positive
 * @param deadLetteredCount how many deliveries failed for good and went to the dead-letter queue, 0 or
 *     more (0 from sources that do not report it, such as the tutorial's metrics query)
 */
public record DeliveryMetrics(
    String integrationId,
    Instant from,
    Instant to,
    long sampleSize,
    double successRate,
    long retryCount,
    Duration meanDeliveryLatency,
    long deadLetteredCount) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   * @throws IllegalArgumentException if a count is negative, {@code successRate} is outside [0, 1],
   *     {@code to} is not after {@code from}, or the latency is negative
   */
  public DeliveryMetrics {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(meanDeliveryLatency, "meanDeliveryLatency");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
    }
    if (sampleSize < 0) {
      throw new IllegalArgumentException("sampleSize must be 0 or more (rejected: " + sampleSize + ")");
    }
    if (!(successRate >= 0.0 && successRate <= 1.0)) {
      throw new IllegalArgumentException(
          "successRate must be between 0 and 1 (rejected: " + successRate + ")");
    }
    if (retryCount < 0) {
      throw new IllegalArgumentException("retryCount must be 0 or more (rejected: " + retryCount + ")");
    }
    if (meanDeliveryLatency.isNegative()) {
      throw new IllegalArgumentException(
          "meanDeliveryLatency must not be negative (rejected: " + meanDeliveryLatency + ")");
    }
    if (deadLetteredCount < 0) {
      throw new IllegalArgumentException(
          "deadLetteredCount must be 0 or more (rejected: " + deadLetteredCount + ")");
    }
  }

  /**
   * Creates metrics without a dead-letter count (0), as sources made before it existed do.
   *
   * @param integrationId the integration
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @param sampleSize how many deliveries the figures rest on, 0 or more
   * @param successRate the share of deliveries that succeeded, in [0, 1]
   * @param retryCount how many retries were made, 0 or more
   * @param meanDeliveryLatency the mean time from event to delivery, zero or positive
   * @throws NullPointerException if any reference is null
   * @throws IllegalArgumentException if a value is out of range, as for the canonical constructor
   */
  public DeliveryMetrics(String integrationId, Instant from, Instant to, long sampleSize,
      double successRate, long retryCount, Duration meanDeliveryLatency) {
    this(integrationId, from, to, sampleSize, successRate, retryCount, meanDeliveryLatency, 0);
  }
}
