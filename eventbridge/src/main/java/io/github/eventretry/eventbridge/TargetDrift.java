package io.github.eventretry.eventbridge;

import java.util.List;
import java.util.Objects;

/**
 * How one target's live settings differ from what a policy asks for. Immutable and thread-safe.
 *
 * @param target the target as read
 * @param differences each setting that differs; empty when the target holds what the policy asks
 */
public record TargetDrift(RuleTarget target, List<Difference> differences) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if any is null
   */
  public TargetDrift {
    Objects.requireNonNull(target, "target");
    differences = List.copyOf(differences);
  }

  /**
   * Returns whether the target differs.
   *
   * @return true when at least one setting differs
   */
  public boolean drifted() {
    return !differences.isEmpty();
  }

  /**
   * One setting that differs. Immutable and thread-safe.
   *
   * @param field EventBridge's name, such as {@code RetryPolicy.MaximumRetryAttempts},
   *     {@code DeadLetterConfig.Arn} or {@code InvocationRateLimitPerSecond}
   * @param expected what the policy asks for; {@code (not set)} when it asks for none
   * @param actual what the target holds; {@code (not set)} when it holds none
   */
  public record Difference(String field, String expected, String actual) {
    /**
     * Checks for nulls.
     *
     * @throws NullPointerException if any is null
     */
    public Difference {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(actual, "actual");
    }

    /**
     * Describes the difference.
     *
     * @return such as {@code RetryPolicy.MaximumRetryAttempts: expected 5, found 185}
     */
    @Override
    public String toString() {
      return field + ": expected " + expected + ", found " + actual;
    }
  }
}
