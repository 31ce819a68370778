package io.github.eventretry.core;

import io.github.eventretry.core.internal.PolicyAccess;
import io.github.eventretry.core.internal.PolicyDraft;
import io.github.eventretry.core.internal.PolicyField;
import io.github.eventretry.core.internal.PolicyRules;
import io.github.eventretry.core.json.PolicyTrees;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A retry policy for outbound event delivery: how many times to retry, how the delay grows and is
 * jittered, where exhausted events go, and what the destination can take.
 *
 * <p>Instances are immutable, validated and thread-safe; share them freely. Make one with
 * {@link #builder()} or read one with {@link PolicyJson}; derive a changed copy with
 * {@link #toBuilder()}. Every instance satisfies every rule of {@code docs/policy.md}:
 *
 * <ul>
 *   <li>{@code max_retries} 1..10;
 *   <li>{@code base_delay_ms} and {@code max_delay_ms} 100 ms..24 h, {@code max_delay_ms >= base_delay_ms};
 *   <li>{@code destination_rate_limit_rps} finite and greater than 0;
 *   <li>the dead-letter queue, when present, an SQS standard queue ARN;
 *   <li>the jitter factor, for proportional jitter, in [0, 1].
 * </ul>
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *     .maxRetries(5)
 *     .backoffStrategy(BackoffStrategy.EXPONENTIAL)
 *     .baseDelay(Duration.ofMillis(500))
 *     .maxDelay(Duration.ofMinutes(1))
 *     .deadLetterQueueArn("arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq")
 *     .destinationRateLimitRps(150.0)
 *     .storageClass(StorageClass.STANDARD)
 *     .build();
 * }</pre>
 */
public final class RetryPolicy {
  /** The fewest retries a policy may have: 1. */
  public static final int MIN_RETRIES = (int) PolicyField.MAX_RETRIES.minLong();
  /** The most retries a policy may have: 10. */
  public static final int MAX_RETRIES = (int) PolicyField.MAX_RETRIES.maxLong();
  /** The shortest delay a policy may name: 100 ms. */
  public static final Duration MIN_DELAY = Duration.ofMillis(PolicyField.BASE_DELAY_MS.minLong());
  /** The longest delay a policy may name, 24 h: EventBridge drops events older than 24 hours. */
  public static final Duration MAX_DELAY = Duration.ofMillis(PolicyField.BASE_DELAY_MS.maxLong());

  static {
    PolicyAccess.register(RetryPolicy::fromDraft);
  }

  private final int maxRetries;
  private final BackoffStrategy backoffStrategy;
  private final long baseDelayMillis;
  private final long maxDelayMillis;
  private final Jitter jitter;
  private final DeadLetterQueue deadLetterQueue; // null when absent
  private final double destinationRateLimitRps;
  private final StorageClass storageClass;
  private final Backoff backoff;
  private final PolicyFingerprint fingerprint;

  private RetryPolicy(PolicyDraft d) {
    this.maxRetries = d.maxRetries.intValue();
    this.backoffStrategy = BackoffStrategy.fromJsonName(d.backoffStrategy).orElseThrow();
    this.baseDelayMillis = d.baseDelayMs;
    this.maxDelayMillis = d.maxDelayMs;
    this.jitter = d.jitter == null ? Jitter.DEFAULT : d.jitter.toJitter();
    this.deadLetterQueue =
        d.deadLetterQueueArn == null ? null : DeadLetterQueue.parse(d.deadLetterQueueArn);
    this.destinationRateLimitRps = d.destinationRateLimitRps;
    this.storageClass = StorageClass.fromJsonName(d.storageAvailabilityClass).orElseThrow();
    this.backoff = Backoff.of(backoffStrategy, jitter, baseDelayMillis, maxDelayMillis);
    this.fingerprint = PolicyFingerprint.of(this);
  }

  /**
   * Validates a draft and builds the policy, or throws every violation at once. Shared by the builder
   * and {@link PolicyJson}, so both apply exactly the same rules.
   */
  static RetryPolicy fromDraft(PolicyDraft draft, List<Violation> earlier) {
    List<Violation> all = new ArrayList<>(earlier);
    all.addAll(PolicyRules.validate(draft, earlier));
    if (!all.isEmpty()) {
      throw new PolicyValidationException(PolicyRules.sorted(all));
    }
    return new RetryPolicy(draft);
  }

  /**
   * Returns a new, empty builder.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this policy's values, to derive a changed copy. Each value may be
   * replaced once.
   *
   * @return a builder; not thread-safe
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.d.maxRetries = (long) maxRetries;
    b.d.backoffStrategy = backoffStrategy.jsonName();
    b.d.baseDelayMs = baseDelayMillis;
    b.d.maxDelayMs = maxDelayMillis;
    b.d.jitter = PolicyDraft.JitterDraft.of(jitter);
    b.d.deadLetterQueueArn = deadLetterQueue == null ? null : deadLetterQueue.arn();
    b.d.destinationRateLimitRps = destinationRateLimitRps;
    b.d.storageAvailabilityClass = storageClass.jsonName();
    return b;
  }

  /**
   * Returns the number of retries after the first attempt.
   *
   * @return 1..10
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * Returns how the nominal delay grows.
   *
   * @return the strategy
   */
  public BackoffStrategy backoffStrategy() {
    return backoffStrategy;
  }

  /**
   * Returns the delay before the first retry, before jitter.
   *
   * @return 100 ms..24 h, whole milliseconds
   */
  public Duration baseDelay() {
    return Duration.ofMillis(baseDelayMillis);
  }

  /**
   * Returns {@link #baseDelay()} in milliseconds, without allocating.
   *
   * @return the base delay in milliseconds
   */
  public long baseDelayMillis() {
    return baseDelayMillis;
  }

  /**
   * Returns the cap on every delay, jitter included.
   *
   * @return at least {@link #baseDelay()}, at most 24 h
   */
  public Duration maxDelay() {
    return Duration.ofMillis(maxDelayMillis);
  }

  /**
   * Returns {@link #maxDelay()} in milliseconds, without allocating.
   *
   * @return the cap in milliseconds
   */
  public long maxDelayMillis() {
    return maxDelayMillis;
  }

  /**
   * Returns the jitter; {@link Jitter#DEFAULT} when the policy named none.
   *
   * @return the jitter
   */
  public Jitter jitter() {
    return jitter;
  }

  /**
   * Returns the dead-letter queue that receives events whose retries run out.
   *
   * @return the queue, or empty when exhausted events are dropped
   */
  public Optional<DeadLetterQueue> deadLetterQueue() {
    return Optional.ofNullable(deadLetterQueue);
  }

  /**
   * Returns the most requests per second the destination accepts.
   *
   * @return a finite number greater than 0
   */
  public double destinationRateLimitRps() {
    return destinationRateLimitRps;
  }

  /**
   * Returns the storage availability class.
   *
   * @return the class
   */
  public StorageClass storageClass() {
    return storageClass;
  }

  /**
   * Returns the stable fingerprint of this policy, computed once.
   *
   * @return the fingerprint
   */
  public PolicyFingerprint fingerprint() {
    return fingerprint;
  }

  /**
   * Returns the delay formulas of this policy.
   *
   * @return the back-off, computed once
   */
  public Backoff backoff() {
    return backoff;
  }

  /**
   * Returns the nominal delay before retry {@code retry} (0 is the first retry), before jitter:
   * {@link Backoff#nominalMillis(int)}.
   *
   * @param retry the retry index, 0 or more
   * @return the delay in milliseconds, between {@link #baseDelayMillis()} and {@link #maxDelayMillis()}
   * @throws IllegalArgumentException if {@code retry} is negative
   */
  public long nominalDelayMillis(int retry) {
    return backoff.nominalMillis(retry);
  }

  /**
   * Returns the largest delay any jitter draw can give retry {@code retry}:
   * {@link Backoff#ceilingMillis(int)}. Never above {@link #maxDelayMillis()}.
   *
   * @param retry the retry index, 0 or more
   * @return the ceiling in milliseconds
   * @throws IllegalArgumentException if {@code retry} is negative
   */
  public long delayCeilingMillis(int retry) {
    return backoff.ceilingMillis(retry);
  }

  /**
   * Returns the longest time an event can spend waiting between its first attempt and its last retry:
   * the sum of {@link #delayCeilingMillis(int)} over every retry.
   *
   * @return the worst-case retry window
   */
  public Duration worstCaseRetryWindow() {
    long sum = 0;
    for (int n = 0; n < maxRetries; n++) {
      sum += delayCeilingMillis(n); // at most 10 * 24 h: no overflow
    }
    return Duration.ofMillis(sum);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy p = (RetryPolicy) o;
    return maxRetries == p.maxRetries
        && backoffStrategy == p.backoffStrategy
        && baseDelayMillis == p.baseDelayMillis
        && maxDelayMillis == p.maxDelayMillis
        && jitter.equals(p.jitter)
        && Objects.equals(deadLetterQueue, p.deadLetterQueue)
        && Double.compare(destinationRateLimitRps, p.destinationRateLimitRps) == 0
        && storageClass == p.storageClass;
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  /**
   * Returns the policy in its compact JSON form.
   *
   * @return the JSON text
   */
  @Override
  public String toString() {
    return "RetryPolicy" + PolicyTrees.toJsonNode(this);
  }

  /**
   * Builds a {@link RetryPolicy}. Not thread-safe. A setting may be set once; setting it again throws
   * {@link IllegalStateException} naming the value it already has (a builder from
   * {@link RetryPolicy#toBuilder()} lets each value be replaced once). {@link #build()} checks every
   * rule and reports every violation at once.
   */
  public static final class Builder {
    private final PolicyDraft d = new PolicyDraft();
    private final List<PolicyField> set = new ArrayList<>();

    private Builder() {}

    private void once(PolicyField field, Object current) {
      if (set.contains(field)) {
        throw new IllegalStateException(field.jsonName() + " was already set to " + describe(current));
      }
      set.add(field);
    }

    private static String describe(Object value) {
      if (value == null) {
        return "none";
      }
      if (value instanceof PolicyDraft.JitterDraft j) {
        return PolicyTrees.jitterNode(j.toJitter()).toString();
      }
      if (value instanceof String text) {
        return "\"" + text + "\"";
      }
      return value.toString();
    }

    /**
     * Sets the number of retries after the first attempt.
     *
     * @param maxRetries 1..10 (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder maxRetries(int maxRetries) {
      once(PolicyField.MAX_RETRIES, d.maxRetries);
      d.maxRetries = (long) maxRetries;
      return this;
    }

    /**
     * Sets how the nominal delay grows.
     *
     * @param strategy the strategy
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder backoffStrategy(BackoffStrategy strategy) {
      Objects.requireNonNull(strategy, "strategy");
      once(PolicyField.BACKOFF_STRATEGY, d.backoffStrategy);
      d.backoffStrategy = strategy.jsonName();
      return this;
    }

    /**
     * Sets the delay before the first retry.
     *
     * @param baseDelay 100 ms..24 h, whole milliseconds (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder baseDelay(Duration baseDelay) {
      Objects.requireNonNull(baseDelay, "baseDelay");
      once(PolicyField.BASE_DELAY_MS, d.baseDelayExact != null ? d.baseDelayExact : d.baseDelayMs);
      d.baseDelayMs = PolicyRules.wholeMillis(baseDelay);
      d.baseDelayExact = PolicyRules.isWholeMillis(baseDelay) ? null : baseDelay.toString();
      return this;
    }

    /**
     * Sets the cap on every delay.
     *
     * @param maxDelay at least the base delay, at most 24 h, whole milliseconds
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder maxDelay(Duration maxDelay) {
      Objects.requireNonNull(maxDelay, "maxDelay");
      once(PolicyField.MAX_DELAY_MS, d.maxDelayExact != null ? d.maxDelayExact : d.maxDelayMs);
      d.maxDelayMs = PolicyRules.wholeMillis(maxDelay);
      d.maxDelayExact = PolicyRules.isWholeMillis(maxDelay) ? null : maxDelay.toString();
      return this;
    }

    /**
     * Sets the jitter; {@link Jitter#DEFAULT} when never set.
     *
     * @param jitter the jitter
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder jitter(Jitter jitter) {
      Objects.requireNonNull(jitter, "jitter");
      once(PolicyField.JITTER, d.jitter);
      d.jitter = PolicyDraft.JitterDraft.of(jitter);
      return this;
    }

    /**
     * Sets the dead-letter queue by its ARN.
     *
     * @param arn an SQS standard queue ARN (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder deadLetterQueueArn(String arn) {
      Objects.requireNonNull(arn, "arn");
      once(PolicyField.DEAD_LETTER_QUEUE_ARN, d.deadLetterQueueArn);
      d.deadLetterQueueArn = arn;
      return this;
    }

    /**
     * Sets the dead-letter queue.
     *
     * @param queue the queue
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder deadLetterQueue(DeadLetterQueue queue) {
      Objects.requireNonNull(queue, "queue");
      return deadLetterQueueArn(queue.arn());
    }

    /**
     * Removes the dead-letter queue: exhausted events are dropped.
     *
     * @return this builder
     * @throws IllegalStateException if the dead-letter queue was already set
     */
    public Builder noDeadLetterQueue() {
      once(PolicyField.DEAD_LETTER_QUEUE_ARN, d.deadLetterQueueArn);
      d.deadLetterQueueArn = null;
      return this;
    }

    /**
     * Sets the most requests per second the destination accepts.
     *
     * @param rps finite and greater than 0 (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder destinationRateLimitRps(double rps) {
      once(PolicyField.DESTINATION_RATE_LIMIT_RPS, d.destinationRateLimitRps);
      d.destinationRateLimitRps = rps;
      return this;
    }

    /**
     * Sets the storage availability class.
     *
     * @param storageClass the class
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder storageClass(StorageClass storageClass) {
      Objects.requireNonNull(storageClass, "storageClass");
      once(PolicyField.STORAGE_AVAILABILITY_CLASS, d.storageAvailabilityClass);
      d.storageAvailabilityClass = storageClass.jsonName();
      return this;
    }

    /**
     * Checks every rule and builds the policy.
     *
     * @return the policy
     * @throws PolicyValidationException listing every violation, each with its JSON path
     */
    public RetryPolicy build() {
      return fromDraft(d.copy(), List.of());
    }
  }
}
