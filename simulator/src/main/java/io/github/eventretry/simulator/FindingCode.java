package io.github.eventretry.simulator;

/**
 * What a {@link Finding} is about: the tutorial's warnings, computed from the whole fleet. Immutable
 * and thread-safe.
 */
public enum FindingCode {
  /**
   * In some second the retries the policy makes exceed {@code destination_rate_limit_rps}. First
   * attempts are not counted: they are the events themselves, not the policy's doing
   * ({@link #INITIAL_BURST}).
   */
  RATE_LIMIT_EXCEEDED,
  /**
   * The events' own first attempts exceed the rate limit in some second (all of them at t = 0 without an
   * arrival rate). Information: no retry policy can change it, only spread the retries that follow.
   */
  INITIAL_BURST,
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
