package io.github.eventretry.simulator;

/**
 * What a {@link Finding} is about: the tutorial's warnings, computed from the whole fleet. Immutable
 * and thread-safe.
 */
public enum FindingCode {
  /** In some second the fleet's attempts exceed {@code destination_rate_limit_rps}. */
  RATE_LIMIT_EXCEEDED,
  /** The peak bandwidth of attempts exceeds the scenario's limit (50 MB/s by default). */
  BANDWIDTH_EXCEEDED,
  /** The policy's longest retry window ends before the outage does. */
  RETRY_WINDOW_SHORTER_THAN_OUTAGE,
  /** Events run out of retries and the policy has no dead-letter queue: they are lost. */
  EVENTS_DROPPED_NO_DLQ,
  /** Events run out of retries and go to the dead-letter queue. */
  EVENTS_DEAD_LETTERED,
  /** The retry window is longer than EventBridge's 24-hour maximum event age. */
  EVENT_AGE_BEYOND_EVENTBRIDGE_LIMIT
}
