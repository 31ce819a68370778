package io.github.eventretry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  static RetryPolicy.Builder seedBuilder() {
    return RetryPolicy.builder()
        .maxRetries(5)
        .backoffStrategy(BackoffStrategy.EXPONENTIAL)
        .baseDelay(Duration.ofMillis(500))
        .maxDelay(Duration.ofMinutes(1))
        .deadLetterQueueArn("arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq")
        .destinationRateLimitRps(150.0)
        .storageClass(StorageClass.STANDARD);
  }

  @Test
  void builderAndJsonGiveTheSamePolicy() {
    assertThat(seedBuilder().build()).isEqualTo(PolicyJsonTest.seed());
    assertThat(seedBuilder().build().fingerprint()).isEqualTo(PolicyJsonTest.seed().fingerprint());
  }

  @Test
  void builderReportsEveryViolationWithJsonPaths() {
    assertThatThrownBy(() -> RetryPolicy.builder()
            .maxRetries(0)
            .baseDelay(Duration.ofNanos(150_000_500))
            .maxDelay(Duration.ofMillis(50))
            .destinationRateLimitRps(Double.NaN)
            .build())
        .isInstanceOfSatisfying(PolicyValidationException.class, e ->
            assertThat(e.violations()).extracting(Violation::toString).containsExactly(
                "$.max_retries: must be between 1 and 10 (rejected: 0)",
                "$.backoff_strategy: is required (rejected: <missing>)",
                "$.base_delay_ms: must be a whole number of milliseconds (rejected: PT0.1500005S)",
                "$.max_delay_ms: must be at least 100 ms (rejected: 50)",
                "$.max_delay_ms: must be greater than or equal to base_delay_ms (150) (rejected: 50)",
                "$.destination_rate_limit_rps: must be a finite number greater than 0 (rejected: NaN)",
                "$.storage_availability_class: is required (rejected: <missing>)"));
  }

  @Test
  void aSettingCanBeSetOnce() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(3).maxRetries(4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("max_retries was already set to 3");
  }

  @Test
  void aSecondSetNamesTheValueItAlreadyHas() {
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(Jitter.full()).jitter(Jitter.none()))
        .hasMessage("jitter was already set to {\"mode\":\"full\"}");
    assertThatThrownBy(() -> RetryPolicy.builder().noDeadLetterQueue().deadLetterQueueArn("x"))
        .hasMessage("dead_letter_queue_arn was already set to none");
  }

  @Test
  void negativeZeroFactorIsZero() {
    RetryPolicy zero = seedBuilder().jitter(Jitter.proportional(0.0)).build();
    RetryPolicy negativeZero = seedBuilder().jitter(Jitter.proportional(-0.0)).build();
    assertThat(negativeZero).isEqualTo(zero);
    assertThat(negativeZero.fingerprint()).isEqualTo(zero.fingerprint());
    assertThat(PolicyJson.write(negativeZero)).isEqualTo(PolicyJson.write(zero));
  }

  @Test
  void toBuilderLetsEachValueBeReplacedOnce() {
    RetryPolicy seed = seedBuilder().build();
    RetryPolicy changed = seed.toBuilder().maxRetries(7).jitter(Jitter.full()).build();
    assertThat(changed.maxRetries()).isEqualTo(7);
    assertThat(changed.jitter()).isEqualTo(Jitter.full());
    assertThat(changed.deadLetterQueue()).isEqualTo(seed.deadLetterQueue());
    assertThat(changed.fingerprint()).isNotEqualTo(seed.fingerprint());
    assertThat(seed.toBuilder().build()).isEqualTo(seed);
    assertThat(seed.toBuilder().noDeadLetterQueue().build().deadLetterQueue()).isEmpty();
  }

  @Test
  void nullArgumentsNameTheParameter() {
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("jitter");
  }

  @Test
  void nominalDelaysFollowTheFormulaAndSaturate() {
    RetryPolicy p = seedBuilder().build();
    assertThat(IntStream.range(0, 9).mapToLong(p::nominalDelayMillis).toArray())
        .containsExactly(500, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000);
    assertThat(p.nominalDelayMillis(62)).isEqualTo(60000);
    assertThat(p.nominalDelayMillis(Integer.MAX_VALUE)).isEqualTo(60000);
    RetryPolicy linear = seedBuilder().build().toBuilder()
        .backoffStrategy(BackoffStrategy.LINEAR).maxDelay(Duration.ofHours(24)).build();
    assertThat(linear.nominalDelayMillis(0)).isEqualTo(500);
    assertThat(linear.nominalDelayMillis(3)).isEqualTo(2000);
    assertThat(linear.nominalDelayMillis(Integer.MAX_VALUE)).isEqualTo(86_400_000);
    assertThatThrownBy(() -> p.nominalDelayMillis(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void delayCeilingNeverExceedsTheCap() {
    RetryPolicy p = seedBuilder().build(); // proportional 0.1
    assertThat(p.delayCeilingMillis(0)).isEqualTo(550);
    assertThat(p.delayCeilingMillis(7)).isEqualTo(60000);
    RetryPolicy d = p.toBuilder().jitter(Jitter.decorrelated()).build();
    assertThat(d.delayCeilingMillis(0)).isEqualTo(1500);
    assertThat(d.delayCeilingMillis(1)).isEqualTo(4500);
    assertThat(d.delayCeilingMillis(9)).isEqualTo(60000);
    assertThat(p.worstCaseRetryWindow()).isEqualTo(Duration.ofMillis(550 + 1100 + 2200 + 4400 + 8800));
  }

  @Test
  void validationIsSafeFromManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<RetryPolicy>> results = IntStream.range(0, 200)
          .mapToObj(i -> pool.submit(() -> seedBuilder().build().toBuilder()
              .maxRetries(1 + i % 10).build()))
          .toList();
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get().maxRetries()).isEqualTo(1 + i % 10);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deadLetterQueueArnsFollowEventBridgeRules() {
    assertThat(DeadLetterQueue.parse("arn:aws-us-gov:sqs:us-gov-west-1:123456789012:q_1-a").region())
        .isEqualTo("us-gov-west-1");
    assertThatThrownBy(() -> DeadLetterQueue.parse("arn:aws:sqs:us-east-1:123456789012:q.fifo"))
        .hasMessageContaining("FIFO");
    assertThatThrownBy(() -> DeadLetterQueue.parse("arn:aws:sns:us-east-1:123456789012:q"))
        .hasMessageContaining("must be an SQS queue ARN");
    assertThatThrownBy(() -> DeadLetterQueue.parse("arn:aws:sqs:us-east-1:12345:q"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeadLetterQueue.parse("arn:aws:sqs:us-east-1:123456789012:" + "q".repeat(1600)))
        .hasMessageContaining("1600");
  }

  @Test
  void toStringIsTheCompactJsonForm() {
    assertThat(PolicyJsonTest.seed().toString()).startsWith("RetryPolicy{\"max_retries\":5,");
  }
}
