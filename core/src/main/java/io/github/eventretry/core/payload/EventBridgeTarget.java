package io.github.eventretry.core.payload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.json.PolicyTrees;
import java.util.Objects;
import java.util.Optional;

/**
 * The AWS side of the same policy: an EventBridge rule target's {@code RetryPolicy} and
 * {@code DeadLetterConfig}. Immutable and thread-safe.
 *
 * <p>{@code MaximumRetryAttempts} is the policy's {@code max_retries} (EventBridge allows 0..185).
 * {@code MaximumEventAgeInSeconds} is the policy's worst-case retry window
 * ({@link RetryPolicy#worstCaseRetryWindow()}) rounded up to whole seconds and clamped to EventBridge's
 * 60..86400, so EventBridge does not drop an event that the policy would still retry.
 *
 * @param maximumRetryAttempts 0..185
 * @param maximumEventAgeSeconds 60..86400
 * @param deadLetterArn the SQS queue ARN, if any
 */
public record EventBridgeTarget(
    int maximumRetryAttempts, int maximumEventAgeSeconds, Optional<String> deadLetterArn) {
  /** EventBridge's smallest {@code MaximumEventAgeInSeconds}. */
  public static final int MIN_EVENT_AGE_SECONDS = 60;
  /** EventBridge's largest {@code MaximumEventAgeInSeconds}: 24 h. */
  public static final int MAX_EVENT_AGE_SECONDS = 86_400;
  /** EventBridge's largest {@code MaximumRetryAttempts}. */
  public static final int MAX_RETRY_ATTEMPTS = 185;

  /**
   * Checks EventBridge's ranges.
   *
   * @throws IllegalArgumentException if a value is outside EventBridge's range
   */
  public EventBridgeTarget {
    Objects.requireNonNull(deadLetterArn, "deadLetterArn");
    if (maximumRetryAttempts < 0 || maximumRetryAttempts > MAX_RETRY_ATTEMPTS) {
      throw new IllegalArgumentException(
          "MaximumRetryAttempts must be between 0 and 185 (rejected: " + maximumRetryAttempts + ")");
    }
    if (maximumEventAgeSeconds < MIN_EVENT_AGE_SECONDS
        || maximumEventAgeSeconds > MAX_EVENT_AGE_SECONDS) {
      throw new IllegalArgumentException("MaximumEventAgeInSeconds must be between 60 and 86400"
          + " (rejected: " + maximumEventAgeSeconds + ")");
    }
  }

  /**
   * Derives the target settings from a policy.
   *
   * @param policy the policy
   * @return the EventBridge target settings
   */
  public static EventBridgeTarget from(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    long windowMs = policy.worstCaseRetryWindow().toMillis();
    long seconds = (windowMs + 999) / 1000;
    int age = (int) Math.max(MIN_EVENT_AGE_SECONDS, Math.min(MAX_EVENT_AGE_SECONDS, seconds));
    return new EventBridgeTarget(
        policy.maxRetries(), age, policy.deadLetterQueue().map(q -> q.arn()));
  }

  /**
   * Returns the JSON EventBridge's {@code PutTargets} takes for these settings:
   * {@code {"RetryPolicy":{"MaximumRetryAttempts":…,"MaximumEventAgeInSeconds":…},
   * "DeadLetterConfig":{"Arn":…}}}, {@code DeadLetterConfig} only when there is a queue, in
   * eventretry's pretty form.
   *
   * @return the JSON text
   */
  public String toJson() {
    return PolicyTrees.writePretty(toJsonNode());
  }

  private ObjectNode toJsonNode() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ObjectNode retry = o.putObject("RetryPolicy");
    retry.put("MaximumRetryAttempts", maximumRetryAttempts);
    retry.put("MaximumEventAgeInSeconds", maximumEventAgeSeconds);
    deadLetterArn.ifPresent(arn -> o.putObject("DeadLetterConfig").put("Arn", arn));
    return o;
  }
}
