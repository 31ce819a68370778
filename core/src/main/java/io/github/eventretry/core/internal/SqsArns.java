package io.github.eventretry.core.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place that decides whether a string is an SQS standard queue ARN EventBridge accepts. */
public final class SqsArns {
  /**
   * The AWS partitions, as the AWS SDKs' partition table lists them: commercial, China, European
   * Sovereign Cloud, the ISO partitions, and GovCloud (US).
   */
  public static final List<String> PARTITIONS = List.of(
      "aws", "aws-cn", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-us-gov");

  private static final Pattern ARN = Pattern.compile(
      "arn:([a-z0-9-]+):sqs:([a-z]{2,4}(?:-[a-z]+)+-[0-9]+):([0-9]{12}):([A-Za-z0-9_-]{1,80})");

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
    Matcher m = ARN.matcher(arn);
    if (!m.matches()) {
      return "must be an SQS queue ARN: arn:<partition>:sqs:<region>:<12-digit account>:<queue name of"
          + " 1-80 letters, digits, '-' or '_'>";
    }
    if (!PARTITIONS.contains(m.group(1))) {
      return "names no AWS partition; the partition must be one of " + String.join(", ", PARTITIONS);
    }
    return null;
  }
}
