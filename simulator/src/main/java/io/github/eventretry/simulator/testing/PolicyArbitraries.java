package io.github.eventretry.simulator.testing;

import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.StorageClass;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /** One edit of a policy document held as a map of its members. */
  private interface Edit {
    void apply(Doc o);
  }

  /** A JSON object as an ordered map, with the few edits the arbitraries make. */
  private static final class Doc {
    final Map<String, Object> members = new LinkedHashMap<>();

    Doc put(String name, Object value) {
      members.put(name, value);
      return this;
    }

    Doc putObject(String name) {
      Doc d = new Doc();
      members.put(name, d);
      return d;
    }

    void remove(String name) {
      members.remove(name);
    }

    static Doc of(RetryPolicy p) {
      Doc d = new Doc()
          .put("max_retries", (long) p.maxRetries())
          .put("backoff_strategy", p.backoffStrategy().jsonName())
          .put("base_delay_ms", p.baseDelayMillis())
          .put("max_delay_ms", p.maxDelayMillis());
      Doc j = d.putObject("jitter").put("mode", p.jitter().mode());
      if (p.jitter() instanceof Jitter.Proportional pr) {
        j.put("factor", pr.factor());
      }
      p.deadLetterQueue().ifPresent(q -> d.put("dead_letter_queue_arn", q.arn()));
      return d.put("destination_rate_limit_rps", p.destinationRateLimitRps())
          .put("storage_availability_class", p.storageClass().jsonName());
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<String, Object> e : members.entrySet()) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append('"').append(e.getKey()).append("\": ");
        Object v = e.getValue();
        if (v instanceof String text) {
          sb.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
          sb.append(v); // a number (Double.toString is valid JSON) or a nested Doc
        }
      }
      return sb.append('}').toString();
    }
  }

  private static BrokenPolicy broken(RetryPolicy valid, String path, String why, Edit edit) {
    Doc o = Doc.of(valid);
    edit.apply(o);
    return new BrokenPolicy(path, o.toString(), why);
  }
}
