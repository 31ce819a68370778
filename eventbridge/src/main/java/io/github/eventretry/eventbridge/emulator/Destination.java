package io.github.eventretry.eventbridge.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The destination behind every rule target in {@link DeliveryModel#destination(Destination)}: how many
 * events reach each target, how often an attempt succeeds, an outage at the start of every minute, an
 * optional rate limit, and the latency of a successful first attempt. Immutable and thread-safe.
 */
public final class Destination {
  private final double eventsPerMinute;
  private final double successRate;
  private final Duration outagePerMinute;
  private final OptionalDouble rateLimitPerSecond;
  private final Duration latency;

  private Destination(Builder b) {
    this.eventsPerMinute = b.eventsPerMinute;
    this.successRate = b.successRate;
    this.outagePerMinute = b.outagePerMinute;
    this.rateLimitPerSecond = b.rateLimitPerSecond;
    this.latency = b.latency;
  }

  /**
   * Returns a destination that accepts every attempt: 60 events a minute, success rate 1, no outage,
   * no rate limit, 120 ms latency.
   *
   * @return the destination
   */
  public static Destination healthy() {
    return builder().build();
  }

  /**
   * Returns a builder with {@link #healthy()}'s values.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the events each target receives per minute.
   *
   * @return more than 0
   */
  public double eventsPerMinute() {
    return eventsPerMinute;
  }

  /**
   * Returns the share of attempts that succeed outside an outage and under the rate limit.
   *
   * @return in [0, 1]
   */
  public double successRate() {
    return successRate;
  }

  /**
   * Returns how long the destination is down at the start of every minute.
   *
   * @return zero to 60 s
   */
  public Duration outagePerMinute() {
    return outagePerMinute;
  }

  /**
   * Returns the destination's own rate limit, if any. An API destination's
   * {@code InvocationRateLimitPerSecond} applies too.
   *
   * @return attempts per second above which attempts are throttled and fail
   */
  public OptionalDouble rateLimitPerSecond() {
    return rateLimitPerSecond;
  }

  /**
   * Returns the time from ingestion to a successful first attempt.
   *
   * @return zero or positive
   */
  public Duration latency() {
    return latency;
  }

  @Override
  public String toString() {
    return "Destination[eventsPerMinute=" + eventsPerMinute + ", successRate=" + successRate
        + ", outagePerMinute=" + outagePerMinute + ", rateLimitPerSecond=" + rateLimitPerSecond
        + ", latency=" + latency + "]";
  }

  /** Builds a {@link Destination}. Not thread-safe. */
  public static final class Builder {
    private double eventsPerMinute = 60;
    private double successRate = 1.0;
    private Duration outagePerMinute = Duration.ZERO;
    private OptionalDouble rateLimitPerSecond = OptionalDouble.empty();
    private Duration latency = Duration.ofMillis(120);

    private Builder() {}

    /**
     * Sets the events each target receives per minute. Default 60.
     *
     * @param events more than 0 and at most 10^9
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder eventsPerMinute(double events) {
      if (!(events > 0 && events <= 1e9)) {
        throw new IllegalArgumentException(
            "eventsPerMinute must be more than 0 and at most 10^9 (rejected: " + events + ")");
      }
      this.eventsPerMinute = events;
      return this;
    }

    /**
     * Sets the share of attempts that succeed. Default 1.
     *
     * @param rate in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder successRate(double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("successRate must be between 0 and 1 (rejected: " + rate + ")");
      }
      this.successRate = rate;
      return this;
    }

    /**
     * Sets how long the destination is down at the start of every minute. Default zero.
     *
     * @param outage zero to 60 s
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder outagePerMinute(Duration outage) {
      Objects.requireNonNull(outage, "outage");
      if (outage.isNegative() || outage.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            "outagePerMinute must be between 0 and 60 s (rejected: " + outage + ")");
      }
      this.outagePerMinute = outage;
      return this;
    }

    /**
     * Sets the destination's rate limit. Default none.
     *
     * @param perSecond more than 0 and finite
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder rateLimitPerSecond(double perSecond) {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException(
            "rateLimitPerSecond must be more than 0 and finite (rejected: " + perSecond + ")");
      }
      this.rateLimitPerSecond = OptionalDouble.of(perSecond);
      return this;
    }

    /**
     * Sets the latency of a successful first attempt. Default 120 ms.
     *
     * @param latency zero to one hour
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder latency(Duration latency) {
      Objects.requireNonNull(latency, "latency");
      if (latency.isNegative() || latency.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "latency must be between 0 and 1 hour (rejected: " + latency + ")");
      }
      this.latency = latency;
      return this;
    }

    /**
     * Builds the destination.
     *
     * @return the destination
     */
    public Destination build() {
      return new Destination(this);
    }
  }
}
