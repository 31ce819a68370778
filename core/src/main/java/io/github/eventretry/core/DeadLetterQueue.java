package io.github.eventretry.core;

import io.github.eventretry.core.internal.SqsArns;
import java.util.Objects;

/**
 * The dead-letter queue of a policy: an Amazon SQS standard queue, parsed from its ARN
 * {@code arn:<partition>:sqs:<region>:<account>:<queue name>}.
 *
 * <p>EventBridge accepts only standard (not FIFO) queues as a dead-letter queue, and ARNs of at most
 * 1600 characters; both are enforced here. Immutable and thread-safe.
 *
 * @param arn the whole ARN
 * @param partition the AWS partition, such as {@code aws} or {@code aws-us-gov}
 * @param region the region, such as {@code us-east-1}
 * @param accountId the 12-digit account id
 * @param queueName the queue name (1 to 80 of {@code [A-Za-z0-9_-]})
 */
public record DeadLetterQueue(
    String arn, String partition, String region, String accountId, String queueName) {

  /** The longest ARN EventBridge accepts for a dead-letter queue. */
  public static final int MAX_ARN_LENGTH = 1600;

  /**
   * Checks the parts against the ARN.
   *
   * @throws IllegalArgumentException if the parts do not form the ARN or the ARN is not a valid SQS
   *     standard queue ARN
   * @throws NullPointerException if any argument is null
   */
  public DeadLetterQueue {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(queueName, "queueName");
    String problem = SqsArns.problem(arn);
    if (problem != null) {
      throw new IllegalArgumentException("dead_letter_queue_arn " + problem + " (rejected: " + arn + ")");
    }
    String expected = "arn:" + partition + ":sqs:" + region + ":" + accountId + ":" + queueName;
    if (!expected.equals(arn)) {
      throw new IllegalArgumentException("dead-letter queue parts do not match the ARN " + arn);
    }
  }

  /**
   * Parses an SQS standard queue ARN.
   *
   * @param arn such as {@code arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq}
   * @return the parsed queue
   * @throws IllegalArgumentException if the ARN is malformed, names a FIFO queue or is too long; the
   *     message says which
   * @throws NullPointerException if {@code arn} is null
   */
  public static DeadLetterQueue parse(String arn) {
    Objects.requireNonNull(arn, "arn");
    String problem = SqsArns.problem(arn);
    if (problem != null) {
      throw new IllegalArgumentException("dead_letter_queue_arn " + problem + " (rejected: " + arn + ")");
    }
    String[] p = arn.split(":", 6);
    return new DeadLetterQueue(arn, p[1], p[3], p[4], p[5]);
  }

  /**
   * Returns the ARN.
   *
   * @return {@link #arn()}
   */
  @Override
  public String toString() {
    return arn;
  }
}
