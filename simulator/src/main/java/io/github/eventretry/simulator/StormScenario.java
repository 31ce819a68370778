package io.github.eventretry.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a retry storm simulates: {@code events} events whose first attempt fails because the destination
 * is down for {@code outage}. Without an arrival rate every event makes its first attempt at t = 0;
 * with one, event {@code i} arrives (and makes its first attempt) at {@code i / arrivalRate} seconds.
 *
 * <pre>{@code
 * StormScenario scenario = StormScenario.builder()
 *     .events(2_000_000)
 *     .outage(Duration.ofMinutes(10))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param events the number of events, 1 or more
 * @param outage how long the destination is down from t = 0; zero means it never is
 * @param arrivalRatePerSecond empty: all events at t = 0; otherwise events per second, finite, above 0
 * @param payloadSizeKb the size of one event in KB, 0 to {@link #MAX_PAYLOAD_KB} (256, EventBridge's
 *     largest event); the tutorial's {@code event_payload_size_kb} is 2.5
 * @param bandwidthLimitKbps the bandwidth above which a finding is raised, in KB/s (50 MB/s: 50,000)
 */
public record StormScenario(
    long events,
    Duration outage,
    OptionalDouble arrivalRatePerSecond,
    double payloadSizeKb,
    double bandwidthLimitKbps) {

  /** The tutorial's payload size, in KB. */
  public static final double DEFAULT_PAYLOAD_KB = 2.5;
  /** The tutorial's bandwidth limit: 50 MB/s, in KB/s. */
  public static final double DEFAULT_BANDWIDTH_LIMIT_KBPS = 50_000.0;
  /**
   * The largest payload size: 256 KB, the most an Amazon EventBridge event (a PutEvents entry) may
   * carry.
   */
  public static final double MAX_PAYLOAD_KB = 256.0;
  /** The longest outage a scenario may have: 30 days. */
  public static final Duration MAX_OUTAGE = Duration.ofDays(30);

  /**
   * Checks every value.
   *
   * @throws NullPointerException if {@code outage} or {@code arrivalRatePerSecond} is null
   * @throws IllegalArgumentException if a value is out of its range
   */
  public StormScenario {
    Objects.requireNonNull(outage, "outage");
    Objects.requireNonNull(arrivalRatePerSecond, "arrivalRatePerSecond");
    if (events < 1) {
      throw new IllegalArgumentException("events must be 1 or more (rejected: " + events + ")");
    }
    if (outage.isNegative() || outage.compareTo(MAX_OUTAGE) > 0) {
      throw new IllegalArgumentException(
          "outage must be between 0 and 30 days (rejected: " + outage + ")");
    }
    if (arrivalRatePerSecond.isPresent()) {
      double r = arrivalRatePerSecond.getAsDouble();
      if (!(r > 0.0) || Double.isInfinite(r)) {
        throw new IllegalArgumentException(
            "arrival rate must be finite and above 0 per second (rejected: " + r + ")");
      }
      if (events / r > MAX_OUTAGE.toSeconds()) {
        throw new IllegalArgumentException("events / arrival rate must be at most 30 days (rejected: "
            + events + " events at " + r + " per second)");
      }
    }
    if (!(payloadSizeKb >= 0.0 && payloadSizeKb <= MAX_PAYLOAD_KB)) {
      throw new IllegalArgumentException("payload size must be between 0 and 256 KB, EventBridge's"
          + " largest event (rejected: " + payloadSizeKb + ")");
    }
    if (!(bandwidthLimitKbps > 0.0) || Double.isInfinite(bandwidthLimitKbps)) {
      throw new IllegalArgumentException(
          "bandwidth limit must be finite and above 0 KB/s (rejected: " + bandwidthLimitKbps + ")");
    }
  }

  /**
   * Returns a scenario with the tutorial's payload size and bandwidth limit, all events at t = 0.
   *
   * @param events the number of events, 1 or more
   * @param outage how long the destination is down
   * @return the scenario
   * @throws IllegalArgumentException if a value is out of its range
   */
  public static StormScenario of(long events, Duration outage) {
    return builder().events(events).outage(outage).build();
  }

  /**
   * Returns a new builder.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the outage in milliseconds.
   *
   * @return the outage in milliseconds
   */
  public long outageMillis() {
    return outage.toMillis();
  }

  /**
   * Returns how long arrivals last: 0 without an arrival rate, otherwise {@code events / rate}.
   *
   * @return milliseconds
   */
  public double arrivalSpanMillis() {
    return arrivalRatePerSecond.isPresent()
        ? events * 1000.0 / arrivalRatePerSecond.getAsDouble()
        : 0.0;
  }

  /**
   * Builds a {@link StormScenario}; {@code events} and {@code outage} are required. Not thread-safe.
   */
  public static final class Builder {
    private Long events;
    private Duration outage;
    private OptionalDouble arrivalRate = OptionalDouble.empty();
    private double payloadSizeKb = DEFAULT_PAYLOAD_KB;
    private double bandwidthLimitKbps = DEFAULT_BANDWIDTH_LIMIT_KBPS;

    private Builder() {}

    /**
     * Sets the number of events.
     *
     * @param events 1 or more
     * @return this builder
     */
    public Builder events(long events) {
      this.events = events;
      return this;
    }

    /**
     * Sets the outage.
     *
     * @param outage 0 to 30 days
     * @return this builder
     * @throws NullPointerException if {@code outage} is null
     */
    public Builder outage(Duration outage) {
      this.outage = Objects.requireNonNull(outage, "outage");
      return this;
    }

    /**
     * Makes events arrive at a steady rate instead of all at t = 0.
     *
     * @param perSecond events per second, finite and above 0
     * @return this builder
     */
    public Builder arrivalRatePerSecond(double perSecond) {
      this.arrivalRate = OptionalDouble.of(perSecond);
      return this;
    }

    /**
     * Sets the payload size of one event.
     *
     * @param kb KB, 0 to {@link StormScenario#MAX_PAYLOAD_KB} (256; default 2.5)
     * @return this builder
     */
    public Builder payloadSizeKb(double kb) {
      this.payloadSizeKb = kb;
      return this;
    }

    /**
     * Sets the bandwidth above which {@link FindingCode#BANDWIDTH_EXCEEDED} is raised.
     *
     * @param kbps KB/s, above 0 (default 50,000: 50 MB/s)
     * @return this builder
     */
    public Builder bandwidthLimitKbps(double kbps) {
      this.bandwidthLimitKbps = kbps;
      return this;
    }

    /**
     * Builds the scenario.
     *
     * @return the scenario
     * @throws IllegalStateException if {@code events} or {@code outage} was not set
     * @throws IllegalArgumentException if a value is out of its range
     */
    public StormScenario build() {
      if (events == null || outage == null) {
        throw new IllegalStateException("events and outage are required (events: " + events
            + ", outage: " + outage + ")");
      }
      return new StormScenario(events, outage, arrivalRate, payloadSizeKb, bandwidthLimitKbps);
    }
  }
}
