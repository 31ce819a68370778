package io.github.eventretry.eventbridge.emulator;

import io.github.eventretry.eventbridge.emulator.internal.DestinationModel;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the events a rule sends to one target fare, for the {@link AwsEmulator}'s {@code AWS/Events}
 * metrics. The emulator asks it, minute by minute, for each target of each enabled rule, giving the
 * target's {@code RetryPolicy}, {@code DeadLetterConfig} and API destination rate limit as they stood
 * at the end of that minute, so a policy applied to a target changes the metrics from then on and a
 * bad policy shows failures.
 *
 * <p>The default, {@link #destination(Destination)}, is a small analytic model of one destination;
 * plug in another (the examples module plugs one computed by eventretry's simulator). Implementations
 * must be thread-safe and deterministic: the same target and window give the same deliveries.
 */
@FunctionalInterface
public interface DeliveryModel {
  /**
   * Returns what happened to the events sent to one target over a window of at most a minute.
   *
   * @param target the target and its settings at the end of the window
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive; after {@code from}
   * @return the deliveries; {@link Deliveries#NONE} when nothing was sent
   */
  Deliveries deliveries(Target target, Instant from, Instant to);

  /**
   * Returns the analytic model of one destination: events arrive evenly, each attempt succeeds with the
   * destination's success rate unless the destination is in its outage or over its rate limit, and
   * EventBridge retries a failed attempt (assumed 1 s after the first attempt, then doubling up to
   * 3 minutes apart, while the target's {@code MaximumRetryAttempts} and
   * {@code MaximumEventAgeInSeconds} allow; AWS documents only "exponential back off and jitter").
   * Events that run out of retries are failed invocations, and are sent to the dead-letter queue when
   * the target has one.
   *
   * @param destination the destination
   * @return the model
   */
  static DeliveryModel destination(Destination destination) {
    return new DestinationModel(Objects.requireNonNull(destination, "destination"));
  }

  /**
   * Returns the model of a destination that accepts every attempt: {@link Destination#healthy()}.
   *
   * @return the model
   */
  static DeliveryModel healthy() {
    return destination(Destination.healthy());
  }

  /**
   * A rule target as the model sees it. Immutable and thread-safe.
   *
   * @param eventBusName the event bus
   * @param ruleName the rule
   * @param targetId the target id
   * @param arn the target ARN
   * @param maximumRetryAttempts the {@code RetryPolicy.MaximumRetryAttempts}, empty when not set (AWS's
   *     default then is 185)
   * @param maximumEventAgeSeconds the {@code RetryPolicy.MaximumEventAgeInSeconds}, empty when not set
   *     (AWS's default then is 86400)
   * @param deadLetterArn the {@code DeadLetterConfig.Arn}, if any
   * @param apiDestinationRateLimitPerSecond the {@code InvocationRateLimitPerSecond} of the API
   *     destination the target is, if it is one
   */
  record Target(String eventBusName, String ruleName, String targetId, String arn,
      OptionalInt maximumRetryAttempts, OptionalInt maximumEventAgeSeconds, Optional<String> deadLetterArn,
      OptionalInt apiDestinationRateLimitPerSecond) {
    /**
     * Checks for nulls.
     *
     * @throws NullPointerException if any is null
     */
    public Target {
      Objects.requireNonNull(eventBusName, "eventBusName");
      Objects.requireNonNull(ruleName, "ruleName");
      Objects.requireNonNull(targetId, "targetId");
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(maximumRetryAttempts, "maximumRetryAttempts");
      Objects.requireNonNull(maximumEventAgeSeconds, "maximumEventAgeSeconds");
      Objects.requireNonNull(deadLetterArn, "deadLetterArn");
      Objects.requireNonNull(apiDestinationRateLimitPerSecond, "apiDestinationRateLimitPerSecond");
    }
  }

  /**
   * What happened to the events sent to one target in one window, in the terms of EventBridge's
   * {@code AWS/Events} metrics. Immutable and thread-safe.
   *
   * @param invocations {@code Invocations}: events the target was invoked for, 0 or more
   * @param failedInvocations {@code FailedInvocations}: events that failed for good, 0..invocations
   * @param retryInvocationAttempts {@code RetryInvocationAttempts}: retries made, 0 or more
   * @param invocationsSentToDlq {@code InvocationsSentToDlq}: failed events sent to the dead-letter
   *     queue, 0..failedInvocations
   * @param successLatencyMillis {@code IngestionToInvocationSuccessLatency}: the mean time from
   *     ingestion to the successful invocation, in milliseconds, 0 or more
   */
  record Deliveries(long invocations, long failedInvocations, long retryInvocationAttempts,
      long invocationsSentToDlq, double successLatencyMillis) {
    /** Nothing was sent. */
    public static final Deliveries NONE = new Deliveries(0, 0, 0, 0, 0);

    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException if a count is negative or larger than the count it is part of,
     *     or the latency is negative or not finite
     */
    public Deliveries {
      if (invocations < 0 || failedInvocations < 0 || retryInvocationAttempts < 0
          || invocationsSentToDlq < 0) {
        throw new IllegalArgumentException("counts must be 0 or more (rejected: " + invocations + ", "
            + failedInvocations + ", " + retryInvocationAttempts + ", " + invocationsSentToDlq + ")");
      }
      if (failedInvocations > invocations || invocationsSentToDlq > failedInvocations) {
        throw new IllegalArgumentException("failedInvocations must be at most invocations, and"
            + " invocationsSentToDlq at most failedInvocations (rejected: " + invocations + ", "
            + failedInvocations + ", " + invocationsSentToDlq + ")");
      }
      if (!(successLatencyMillis >= 0) || Double.isInfinite(successLatencyMillis)) {
        throw new IllegalArgumentException(
            "successLatencyMillis must be 0 or more (rejected: " + successLatencyMillis + ")");
      }
    }
  }
}
