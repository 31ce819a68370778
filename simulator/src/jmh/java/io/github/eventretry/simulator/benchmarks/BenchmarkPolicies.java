package io.github.eventretry.simulator.benchmarks;

import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.StorageClass;
import java.time.Duration;

/** The policy every benchmark uses: the tutorial's, with 10 retries. */
final class BenchmarkPolicies {
  private BenchmarkPolicies() {}

  static RetryPolicy tenRetries() {
    return RetryPolicy.builder()
        .maxRetries(10)
        .backoffStrategy(BackoffStrategy.EXPONENTIAL)
        .baseDelay(Duration.ofMillis(500))
        .maxDelay(Duration.ofSeconds(60))
        .jitter(Jitter.proportional(0.1))
        .deadLetterQueueArn("arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq")
        .destinationRateLimitRps(150.0)
        .storageClass(StorageClass.STANDARD)
        .build();
  }
}
