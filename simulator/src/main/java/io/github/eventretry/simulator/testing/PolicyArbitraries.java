package io.github.eventretry.simulator.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.StorageClass;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries of retry policies, for users' own properties:
 *
 * <pre>{@code
 * @Property
 * void everyValidPolicyRoundTrips(@ForAll("policies") RetryPolicy policy) {
 *   assertThat(PolicyJson.read(PolicyJson.write(policy))).isEqualTo(policy);
 * }
 *
 * @Provide
 * Arbitrary<RetryPolicy> policies() {
 *   return PolicyArbitraries.validPolicies();
 * }
 * }</pre>
 *
 * <p>Thread-safe: arbitraries are immutable descriptions; jqwik draws from them.
 */
public final class PolicyArbitraries {
  private static final String[] GOOD_ARNS = {
    "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq",
    "arn:aws:sqs:eu-west-1:000000000001:retry_dead-letters",
    "arn:aws-us-gov:sqs:us-gov-west-1:210987654321:q",
  };

  private PolicyArbitraries() {}

  /**
   * Returns every valid policy: each field anywhere in its allowed range, edges included; every jitter
   * mode; with and without a dead-letter queue.
   *
   * @return the arbitrary
   */
  public static Arbitrary<RetryPolicy> validPolicies() {
    Arbitrary<Long> base = Arbitraries.longs().between(100, 86_400_000L)
        .withDistribution(net.jqwik.api.RandomDistribution.biased())
        .edgeCases(c -> c.includeOnly(100L, 500L, 86_400_000L));
    Arbitrary<long[]> delays = base.flatMap(b -> Arbitraries.longs().between(b, 86_400_000L)
        .withDistribution(net.jqwik.api.RandomDistribution.biased())
        .map(m -> new long[] {b, m}));
    Arbitrary<java.util.Optional<String>> dlq = Arbitraries.of(GOOD_ARNS).optional(0.7);
    Arbitrary<Double> rps = Arbitraries.oneOf(
        Arbitraries.doubles().between(0.001, 1e6).ofScale(3).filter(v -> v > 0),
        Arbitraries.of(1.0, 150.0, 300.0));
    return Combinators.combine(
            Arbitraries.integers().between(RetryPolicy.MIN_RETRIES, RetryPolicy.MAX_RETRIES),
            Arbitraries.of(BackoffStrategy.class),
            delays,
            jitters(),
            dlq,
            rps,
            Arbitraries.of(StorageClass.class))
        .as((retries, strategy, d, jitter, arn, limit, storage) -> {
          RetryPolicy.Builder b = RetryPolicy.builder()
              .maxRetries(retries)
              .backoffStrategy(strategy)
              .baseDelay(Duration.ofMillis(d[0]))
              .maxDelay(Duration.ofMillis(d[1]))
              .jitter(jitter)
              .destinationRateLimitRps(limit)
              .storageClass(storage);
          arn.ifPresent(b::deadLetterQueueArn);
          return b.build();
        });
  }

  /**
   * Returns every jitter: each mode, proportional with factors in [0, 1].
   *
   * @return the arbitrary
   */
  public static Arbitrary<Jitter> jitters() {
    return Arbitraries.oneOf(
        Arbitraries.of(Jitter.none(), Jitter.full(), Jitter.equal(), Jitter.decorrelated()),
        Arbitraries.doubles().between(0.0, 1.0).ofScale(4).map(Jitter::proportional));
  }

  /**
   * Returns valid policy documents with exactly one field broken (out of range, wrong word, missing,
   * wrong type), one field at a time across every field.
   *
   * @return the arbitrary
   */
  public static Arbitrary<BrokenPolicy> brokenInOneField() {
    return validPolicies().flatMap(p -> Arbitraries.oneOf(
        Arbitraries.of(0L, -1L, 11L, 1000L, Long.MIN_VALUE)
            .map(v -> broken(p, "$.max_retries", "out of 1..10", o -> o.put("max_retries", v))),
        Arbitraries.of("fibonacci", "EXPONENTIAL", "", "constant")
            .map(v -> broken(p, "$.backoff_strategy", "unknown strategy",
                o -> o.put("backoff_strategy", v))),
        Arbitraries.longs().between(-1000, 99)
            .map(v -> broken(p, "$.base_delay_ms", "below 100 ms", o -> o.put("base_delay_ms", v))),
        Arbitraries.longs().between(86_400_001L, Long.MAX_VALUE / 2)
            .map(v -> broken(p, "$.max_delay_ms", "above 24 h", o -> o.put("max_delay_ms", v))),
        Arbitraries.of("gaussian", "Full", "random")
            .map(v -> broken(p, "$.jitter.mode", "unknown mode",
                o -> o.putObject("jitter").put("mode", v))),
        Arbitraries.oneOf(
                Arbitraries.doubles().between(1.0001, 1e6).ofScale(4),
                Arbitraries.doubles().between(-1e6, -0.0001).ofScale(4))
            .map(v -> broken(p, "$.jitter.factor", "outside [0, 1]",
                o -> o.putObject("jitter").put("mode", "proportional").put("factor", v))),
        Arbitraries.of(
                "arn:aws:sqs:us-east-1:123456789012:dlq.fifo",
                "arn:aws:sns:us-east-1:123456789012:topic",
                "arn:aws:sqs:us-east-1:12345:dlq",
                "not-an-arn")
            .map(v -> broken(p, "$.dead_letter_queue_arn", "not an SQS standard queue ARN",
                o -> o.put("dead_letter_queue_arn", v))),
        Arbitraries.of(0.0, -1.0, -150.0)
            .map(v -> broken(p, "$.destination_rate_limit_rps", "not above 0",
                o -> o.put("destination_rate_limit_rps", v))),
        Arbitraries.of("hot", "STANDARD", "archive")
            .map(v -> broken(p, "$.storage_availability_class", "unknown class",
                o -> o.put("storage_availability_class", v))),
        Arbitraries.of("max_retries", "backoff_strategy", "base_delay_ms", "max_delay_ms",
                "destination_rate_limit_rps", "storage_availability_class")
            .map(field -> broken(p, "$." + field, "missing", o -> o.remove(field)))));
  }

  private interface Edit {
    void apply(ObjectNode o);
  }

  private static BrokenPolicy broken(RetryPolicy valid, String path, String why, Edit edit) {
    ObjectNode o = PolicyJson.toJsonNode(valid).deepCopy();
    edit.apply(o);
    return new BrokenPolicy(path, o, why);
  }
}
