package io.github.eventretry.core.internal;

import java.util.regex.Pattern;

/** The one place that decides whether a string is an SQS standard queue ARN EventBridge accepts. */
public final class SqsArns {
  private static final Pattern ARN = Pattern.compile(
      "arn:(aws(?:-[a-z]+)*):sqs:([a-z]{2}(?:-[a-z]+)+-[0-9]+):([0-9]{12}):([A-Za-z0-9_-]{1,80})");

  private SqsArns() {}

  /**
   * Returns what is wrong with an ARN, or null when it is a valid SQS standard queue ARN.
   *
   * @param arn the candidate
   * @return a message fragment that follows the field name, or null
   */
  public static String problem(String arn) {
    if (arn.length() > io.github.eventretry.core.DeadLetterQueue.MAX_ARN_LENGTH) {
      return "must be at most 1600 characters, EventBridge's limit (it has " + arn.length() + ")";
    }
    if (arn.endsWith(".fifo")) {
      return "names a FIFO queue; EventBridge dead-letter queues must be SQS standard queues";
    }
    if (!ARN.matcher(arn).matches()) {
      return "must be an SQS queue ARN: arn:<partition>:sqs:<region>:<12-digit account>:<queue name of"
          + " 1-80 letters, digits, '-' or '_'>";
    }
    return null;
  }
}
