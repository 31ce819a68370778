package io.github.eventretry.core.spi;

import io.github.eventretry.core.EventRetryException;
import java.time.Instant;

/**
 * Reports how event deliveries of an integration fared over a time window. The rollout engine reads it
 * after each bake to decide whether to advance or roll back.
 *
 * <p>The Genesys client's default implementation queries the tutorial's
 * {@code POST /api/v2/analytics/events/summary/query}, which is not in Genesys Cloud's published API;
 * replace it with a source you trust (your own delivery logs, CloudWatch metrics of the EventBridge
 * rule). Implementations must be thread-safe.
 */
public interface DeliveryMetricsSource {
  /**
   * Returns the delivery metrics of an integration over [from, to).
   *
   * @param integrationId the integration
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive; after {@code from}
   * @return the metrics; a window with no deliveries has {@code sampleSize} 0
   * @throws EventRetryException (or a subclass) if the metrics could not be read
   */
  DeliveryMetrics fetch(String integrationId, Instant from, Instant to);
}
