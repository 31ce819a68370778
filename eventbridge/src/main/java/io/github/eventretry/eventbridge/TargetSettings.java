package io.github.eventretry.eventbridge;

import io.github.eventretry.core.payload.EventBridgeTarget;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The delivery settings of one EventBridge rule target as read: its {@code RetryPolicy} members and
 * {@code DeadLetterConfig.Arn}, each empty when the target does not set it (AWS's default then:
 * 185 attempts, 24 hours, no dead-letter queue). Immutable and thread-safe.
 *
 * @param maximumRetryAttempts {@code RetryPolicy.MaximumRetryAttempts}
 * @param maximumEventAgeSeconds {@code RetryPolicy.MaximumEventAgeInSeconds}
 * @param deadLetterArn {@code DeadLetterConfig.Arn}
 */
public record TargetSettings(OptionalInt maximumRetryAttempts, OptionalInt maximumEventAgeSeconds,
    Optional<String> deadLetterArn) {
  /** A target that sets none of them. */
  public static final TargetSettings AWS_DEFAULTS =
      new TargetSettings(OptionalInt.empty(), OptionalInt.empty(), Optional.empty());

  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if any is null
   */
  public TargetSettings {
    Objects.requireNonNull(maximumRetryAttempts, "maximumRetryAttempts");
    Objects.requireNonNull(maximumEventAgeSeconds, "maximumEventAgeSeconds");
    Objects.requireNonNull(deadLetterArn, "deadLetterArn");
  }

  /**
   * Returns the settings a policy's EventBridge side asks for.
   *
   * @param target the policy's target settings, from {@link EventBridgeTarget#from}
   * @return every member set, the dead-letter queue when the policy has one
   */
  public static TargetSettings of(EventBridgeTarget target) {
    Objects.requireNonNull(target, "target");
    return new TargetSettings(OptionalInt.of(target.maximumRetryAttempts()),
        OptionalInt.of(target.maximumEventAgeSeconds()), target.deadLetterArn());
  }

  /**
   * Describes the settings as EventBridge names them.
   *
   * @return such as {@code MaximumRetryAttempts=5, MaximumEventAgeInSeconds=60,
   *     DeadLetterConfig.Arn=arn:…}, with {@code (not set)} for an absent member
   */
  @Override
  public String toString() {
    return "MaximumRetryAttempts=" + text(maximumRetryAttempts) + ", MaximumEventAgeInSeconds="
        + text(maximumEventAgeSeconds) + ", DeadLetterConfig.Arn=" + deadLetterArn.orElse("(not set)");
  }

  static String text(OptionalInt v) {
    return v.isPresent() ? Integer.toString(v.getAsInt()) : "(not set)";
  }
}
