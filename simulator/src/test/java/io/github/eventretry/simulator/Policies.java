package io.github.eventretry.simulator;

import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.StorageClass;
import java.time.Duration;

/** Policies the tests share. */
final class Policies {
  static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq";

  private Policies() {}

  /** The tutorial's policy: 5 retries, exponential, 500 ms..60 s, proportional 0.1, 150 rps. */
  static RetryPolicy seed() {
    return seed(Jitter.DEFAULT);
  }

  static RetryPolicy seed(Jitter jitter) {
    return RetryPolicy.builder()
        .maxRetries(5)
        .backoffStrategy(BackoffStrategy.EXPONENTIAL)
        .baseDelay(Duration.ofMillis(500))
        .maxDelay(Duration.ofSeconds(60))
        .jitter(jitter)
        .deadLetterQueueArn(DLQ)
        .destinationRateLimitRps(150.0)
        .storageClass(StorageClass.STANDARD)
        .build();
  }
}
