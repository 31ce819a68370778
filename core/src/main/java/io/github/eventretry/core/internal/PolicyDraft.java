package io.github.eventretry.core.internal;

import io.github.eventretry.core.Jitter;

/**
 * A policy as read, before validation: every field of the JSON form, nullable. The builder and the JSON
 * reader both fill one of these, and {@link PolicyRules#validate} checks it with the constraints it
 * derives from {@link PolicyField}, so the two paths cannot drift apart. Not thread-safe.
 */
public final class PolicyDraft {
  /** {@code max_retries}. */
  public Long maxRetries;
  /** {@code backoff_strategy}. */
  public String backoffStrategy;
  /** {@code base_delay_ms}. */
  public Long baseDelayMs;

  /** The builder's Duration when it was not whole milliseconds. */
  public String baseDelayExact;
  /** {@code max_delay_ms}. */
  public Long maxDelayMs;

  /** The builder's Duration when it was not whole milliseconds. */
  public String maxDelayExact;

  /** {@code jitter}. */
  public JitterDraft jitter;
  /** {@code dead_letter_queue_arn}. */
  public String deadLetterQueueArn;
  /** {@code destination_rate_limit_rps}. */
  public Double destinationRateLimitRps;
  /** {@code storage_availability_class}. */
  public String storageAvailabilityClass;

  /**
   * Returns a copy, so a builder can go on being used after {@code build()}.
   *
   * @return the copy
   */
  public PolicyDraft copy() {
    PolicyDraft c = new PolicyDraft();
    c.maxRetries = maxRetries;
    c.backoffStrategy = backoffStrategy;
    c.baseDelayMs = baseDelayMs;
    c.baseDelayExact = baseDelayExact;
    c.maxDelayMs = maxDelayMs;
    c.maxDelayExact = maxDelayExact;
    c.jitter = jitter == null ? null : jitter.copy();
    c.deadLetterQueueArn = deadLetterQueueArn;
    c.destinationRateLimitRps = destinationRateLimitRps;
    c.storageAvailabilityClass = storageAvailabilityClass;
    return c;
  }

  /** The jitter object as read. */
  public static final class JitterDraft {
    /** {@code jitter.mode}. */
    public String mode;
    /** {@code jitter.factor}. */
    public Double factor;

    /**
     * Returns the draft of a jitter value.
     *
     * @param jitter the value
     * @return its draft
     */
    public static JitterDraft of(Jitter jitter) {
      JitterDraft d = new JitterDraft();
      d.mode = jitter.mode();
      d.factor = jitter instanceof Jitter.Proportional p ? p.factor() : null;
      return d;
    }

    JitterDraft copy() {
      JitterDraft c = new JitterDraft();
      c.mode = mode;
      c.factor = factor;
      return c;
    }

    /**
     * Returns the jitter of a valid draft; proportional without a factor takes the default 0.1.
     *
     * @return the jitter
     */
    public Jitter toJitter() {
      switch (mode) {
        case "none":
          return Jitter.none();
        case "proportional":
          return factor == null ? Jitter.DEFAULT : Jitter.proportional(factor);
        case "full":
          return Jitter.full();
        case "equal":
          return Jitter.equal();
        case "decorrelated":
          return Jitter.decorrelated();
        default:
          throw new IllegalStateException("unvalidated jitter mode " + mode);
      }
    }
  }
}
