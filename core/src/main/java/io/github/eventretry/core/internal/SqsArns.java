package io.github.eventretry.core.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides whether a string is an SQS standard queue ARN EventBridge accepts. The
 * policy's JSON Schema states the same rule as one regular expression ({@link #schemaPattern()}), built
 * from the same pieces.
 */
public final class SqsArns {
  /**
   * The AWS partitions, as the AWS SDKs' partition table lists them: commercial, China, European
   * Sovereign Cloud, the ISO partitions, and GovCloud (US).
   */
  public static final List<String> PARTITIONS = List.of(
      "aws", "aws-cn", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-us-gov");

  /** The form of an ARN, in words, as messages and the schema state it. */
  public static final String FORM = "arn:<partition>:sqs:<region>:<12-digit account>:<queue name of"
      + " 1-80 letters, digits, '-' or '_'>";

  // Each piece is valid in Java and in ECMA-262, the dialect of JSON Schema's "pattern".
  private static final String REGION = "[a-z]{2,4}(?:-[a-z]+)+-[0-9]+";
  private static final String ACCOUNT = "[0-9]{12}";
  private static final String NAME = "[A-Za-z0-9_-]{1,80}";

  private static final Pattern ARN = Pattern.compile(
      "arn:([a-z0-9-]+):sqs:(" + REGION + "):(" + ACCOUNT + "):(" + NAME + ")");

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
      return "must be an SQS queue ARN: " + FORM;
    }
    if (!PARTITIONS.contains(m.group(1))) {
      return "names no AWS partition; the partition must be one of " + String.join(", ", PARTITIONS);
    }
    return null;
  }

  /**
   * Returns the rule of {@link #problem(String)} as one anchored regular expression in the dialect
   * JSON Schema uses (ECMA-262), for the policy's schema: the partition one of {@link #PARTITIONS}, and
   * no {@code .fifo} name (a name cannot hold a dot).
   *
   * @return the pattern text
   */
  public static String schemaPattern() {
    return "^arn:(?:" + String.join("|", PARTITIONS) + "):sqs:" + REGION + ":" + ACCOUNT + ":" + NAME
        + "$";
  }
}
