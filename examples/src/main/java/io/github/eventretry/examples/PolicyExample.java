package io.github.eventretry.examples;

import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.PolicyValidationException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.StorageClass;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.Violation;
import io.github.eventretry.core.payload.EventBridgeTarget;
import io.github.eventretry.core.payload.GenesysPayloads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** The policy model in code: the snippets of README.md and docs/policy.md come from here. */
public final class PolicyExample {
  private PolicyExample() {}

  /**
   * Builds the tutorial's policy in code.
   *
   * @return the policy
   */
  public static RetryPolicy build() {
    RetryPolicy policy = RetryPolicy.builder()
        .maxRetries(5)
        .backoffStrategy(BackoffStrategy.EXPONENTIAL)
        .baseDelay(Duration.ofMillis(500))
        .maxDelay(Duration.ofMinutes(1))
        .jitter(Jitter.proportional(0.1))
        .deadLetterQueueArn("arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq")
        .destinationRateLimitRps(150.0)
        .storageClass(StorageClass.STANDARD)
        .build();
    return policy;
  }

  /**
   * Reads a policy file and prints what it becomes, or every violation.
   *
   * @param file the policy file
   * @throws IOException if the file cannot be read
   */
  public static void readAndPrint(Path file) throws IOException {
    try {
      RetryPolicy policy = PolicyJson.read(file);
      System.out.println(policy.fingerprint()); // sha256:…, the same on every machine
      String advanced = GenesysPayloads.advancedBlock(policy, TrafficSplit.ofPercent(10));
      String awsTarget = EventBridgeTarget.from(policy).toJson();
      System.out.println(advanced);
      System.out.println(awsTarget);
    } catch (PolicyValidationException e) {
      for (Violation v : e.violations()) {
        System.err.println(v); // $.max_retries: must be between 1 and 10 (rejected: 12)
      }
    }
  }

  /**
   * Derives a changed copy: the original is untouched.
   *
   * @param policy the policy
   * @return a copy with full jitter and seven retries
   */
  public static RetryPolicy derive(RetryPolicy policy) {
    RetryPolicy bolder = policy.toBuilder()
        .maxRetries(7)
        .jitter(Jitter.full())
        .build();
    return bolder;
  }

  /**
   * Returns the policy's JSON Schema as {@code eventretry-core}'s jar carries it.
   *
   * @return the schema's text
   * @throws IOException if the jar cannot be read
   */
  public static String schema() throws IOException {
    try (InputStream in = PolicyJson.class.getModule().getResourceAsStream(PolicyJson.SCHEMA_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Prints the fingerprint of the policy files named on the command line.
   *
   * @param args policy files
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    for (String arg : args) {
      readAndPrint(Path.of(arg));
    }
  }
}
