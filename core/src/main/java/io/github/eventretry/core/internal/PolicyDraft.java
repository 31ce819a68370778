package io.github.eventretry.core.internal;

import io.github.eventretry.core.Jitter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;

/**
 * A policy as read, before validation: every field of the JSON form, nullable, with its rules as Bean
 * Validation constraints. The builder and the JSON reader both fill one of these, and
 * {@link PolicyRules#validate} checks it, so the two paths cannot drift apart. Not thread-safe.
 */
@Constraints.DelayOrder
public final class PolicyDraft {
  @NotNull(message = "is required")
  @Min(value = 1, message = "must be between 1 and 10")
  @Max(value = 10, message = "must be between 1 and 10")
  public Long maxRetries;

  @NotNull(message = "is required")
  @Pattern(regexp = "exponential|linear", message = "must be one of: exponential, linear")
  public String backoffStrategy;

  @NotNull(message = "is required")
  @Min(value = PolicyRules.MIN_DELAY_MS, message = "must be at least 100 ms")
  @Max(value = PolicyRules.MAX_DELAY_MS, message = "must be at most 86400000 ms (24 h)")
  public Long baseDelayMs;

  /** The builder's Duration when it was not whole milliseconds. */
  @Null(message = "must be a whole number of milliseconds")
  public String baseDelayExact;

  @NotNull(message = "is required")
  @Min(value = PolicyRules.MIN_DELAY_MS, message = "must be at least 100 ms")
  @Max(value = PolicyRules.MAX_DELAY_MS, message = "must be at most 86400000 ms (24 h)")
  public Long maxDelayMs;

  /** The builder's Duration when it was not whole milliseconds. */
  @Null(message = "must be a whole number of milliseconds")
  public String maxDelayExact;

  @Valid public JitterDraft jitter;

  @Constraints.SqsStandardQueue public String deadLetterQueueArn;

  @NotNull(message = "is required")
  @Constraints.PositiveFinite
  public Double destinationRateLimitRps;

  @NotNull(message = "is required")
  @Pattern(
      regexp = "standard|infrequent|glacier",
      message = "must be one of: standard, infrequent, glacier")
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
  @Constraints.FactorOnlyForProportional
  public static final class JitterDraft {
    @NotNull(message = "is required")
    @Pattern(
        regexp = "none|proportional|full|equal|decorrelated",
        message = "must be one of: none, proportional, full, equal, decorrelated")
    public String mode;

    @DecimalMin(value = "0", message = "must be between 0 and 1")
    @DecimalMax(value = "1", message = "must be between 0 and 1")
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
