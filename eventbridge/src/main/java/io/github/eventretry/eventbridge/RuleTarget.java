package io.github.eventretry.eventbridge;

import java.util.Objects;

/**
 * One target of one EventBridge rule and its delivery settings as read. Immutable and thread-safe.
 *
 * @param eventBusName the event bus of the rule
 * @param rule the rule name
 * @param id the target id
 * @param arn the target ARN (an SQS queue, an API destination, a Lambda function, …)
 * @param settings its {@code RetryPolicy} and {@code DeadLetterConfig} as read
 */
public record RuleTarget(String eventBusName, String rule, String id, String arn, TargetSettings settings) {
  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if any is null
   */
  public RuleTarget {
    Objects.requireNonNull(eventBusName, "eventBusName");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(settings, "settings");
  }

  /**
   * Returns whether the target is an EventBridge API destination.
   *
   * @return true for an ARN of the form {@code arn:<partition>:events:<region>:<account>:api-destination/…}
   */
  public boolean isApiDestination() {
    String[] p = arn.split(":", 6);
    return p.length == 6 && p[2].equals("events") && p[5].startsWith("api-destination/");
  }

  /**
   * Names the target for a person.
   *
   * @return such as {@code rule genesys-events, target sqs-queue}
   */
  @Override
  public String toString() {
    return "rule " + rule + ", target " + id;
  }
}
