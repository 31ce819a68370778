package io.github.eventretry.simulator;

import io.github.eventretry.simulator.internal.ResultJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a retry storm did. Counts are whole numbers from the seeded engines and expected values from
 * the analytic engine; either way {@code delivered + deadLettered + dropped == events} (up to floating
 * point rounding for the analytic engine).
 *
 * <p>The engines of {@link RetryStorm} build results; {@link #builder()} and {@link #toBuilder()} are
 * there for tests and tools that make or alter one (a chart of a result read back, a finding rule's
 * test). Immutable and thread-safe.
 */
public final class StormResult {
  private final Engine engine;
  private final StormScenario scenario;
  private final double rateLimitRps;
  private final double events;
  private final double attempts;
  private final double delivered;
  private final double deadLettered;
  private final double dropped;
  private final double throttled;
  private final RateSeries attemptsPerSecond;
  private final RateSeries deliveriesPerSecond;
  private final double peakAttemptsPerSecond;
  private final int secondsOverRateLimit;
  private final double drainSeconds;
  private final double peakBandwidthKbps;
  private final List<Finding> findings;

  private StormResult(Builder b) {
    this.engine = b.engine;
    this.scenario = b.scenario;
    this.rateLimitRps = b.rateLimitRps;
    this.events = b.events;
    this.attempts = b.attempts;
    this.delivered = b.delivered;
    this.deadLettered = b.deadLettered;
    this.dropped = b.dropped;
    this.throttled = b.throttled;
    this.attemptsPerSecond = b.attemptsPerSecond;
    this.deliveriesPerSecond = b.deliveriesPerSecond;
    this.peakAttemptsPerSecond = b.peakAttemptsPerSecond;
    this.secondsOverRateLimit = b.secondsOverRateLimit;
    this.drainSeconds = b.drainSeconds;
    this.peakBandwidthKbps = b.peakBandwidthKbps;
    this.findings = List.copyOf(b.findings);
  }

  /**
   * Returns a new builder with nothing set.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this result's values, each of which may be replaced once.
   *
   * @return a new builder; not thread-safe
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.engine = engine;
    b.scenario = scenario;
    b.rateLimitRps = rateLimitRps;
    b.events = events;
    b.attempts = attempts;
    b.delivered = delivered;
    b.deadLettered = deadLettered;
    b.dropped = dropped;
    b.throttled = throttled;
    b.attemptsPerSecond = attemptsPerSecond;
    b.deliveriesPerSecond = deliveriesPerSecond;
    b.peakAttemptsPerSecond = peakAttemptsPerSecond;
    b.secondsOverRateLimit = secondsOverRateLimit;
    b.drainSeconds = drainSeconds;
    b.peakBandwidthKbps = peakBandwidthKbps;
    b.findings = findings;
    return b;
  }

  /**
   * Returns the engine that produced this result.
   *
   * @return the engine
   */
  public Engine engine() {
    return engine;
  }

  /**
   * Returns the scenario simulated.
   *
   * @return the scenario
   */
  public StormScenario scenario() {
    return scenario;
  }

  /**
   * Returns the policy's {@code destination_rate_limit_rps}.
   *
   * @return the rate limit, above 0
   */
  public double rateLimitRps() {
    return rateLimitRps;
  }

  /**
   * Returns the number of events.
   *
   * @return the events of the scenario
   */
  public double events() {
    return events;
  }

  /**
   * Returns every attempt, first attempts and retries, throttled ones included.
   *
   * @return attempts, 0 or more
   */
  public double attempts() {
    return attempts;
  }

  /**
   * Returns the events delivered.
   *
   * @return delivered events, 0 or more
   */
  public double delivered() {
    return delivered;
  }

  /**
   * Returns the events whose retries ran out and went to the dead-letter queue.
   *
   * @return dead-lettered events, 0 when the policy has no dead-letter queue
   */
  public double deadLettered() {
    return deadLettered;
  }

  /**
   * Returns the events whose retries ran out with no dead-letter queue: lost.
   *
   * @return dropped events, 0 when the policy has a dead-letter queue
   */
  public double dropped() {
    return dropped;
  }

  /**
   * Returns the attempts the destination refused for its rate limit.
   *
   * @return throttled attempts; 0 from the open-loop engines
   */
  public double throttled() {
    return throttled;
  }

  /**
   * Returns the attempts in each second from t = 0.
   *
   * @return the series
   */
  public RateSeries attemptsPerSecond() {
    return attemptsPerSecond;
  }

  /**
   * Returns the deliveries in each second from t = 0.
   *
   * @return the series
   */
  public RateSeries deliveriesPerSecond() {
    return deliveriesPerSecond;
  }

  /**
   * Returns the largest value of {@link #attemptsPerSecond()}.
   *
   * @return the peak, 0 or more
   */
  public double peakAttemptsPerSecond() {
    return peakAttemptsPerSecond;
  }

  /**
   * Returns the number of seconds whose attempts exceed {@link #rateLimitRps()}.
   *
   * @return seconds, 0 or more
   */
  public int secondsOverRateLimit() {
    return secondsOverRateLimit;
  }

  /**
   * Returns the time from the end of the outage to the last delivery.
   *
   * @return seconds, 0 when no delivery is later than the end of the outage
   */
  public double drainSeconds() {
    return drainSeconds;
  }

  /**
   * Returns {@code peakAttemptsPerSecond * payloadSizeKb}.
   *
   * @return KB/s, 0 or more
   */
  public double peakBandwidthKbps() {
    return peakBandwidthKbps;
  }

  /**
   * Returns what the simulation found, most severe first.
   *
   * @return an immutable list
   */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * Returns whether any finding is an {@link Severity#ERROR}.
   *
   * @return true if the command line would exit 1
   */
  public boolean hasErrors() {
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  /**
   * Returns the result as pretty JSON (two-space indent, {@code \n} line ends, no newline at the end):
   * {@code engine, events, attempts, delivered, dead_lettered, dropped, throttled,
   * peak_attempts_per_second, seconds_over_rate_limit, drain_seconds, peak_bandwidth_kbps,
   * rate_limit_rps, outage_seconds, findings: [{severity, code, message}]}. Counts are rounded to whole
   * events, rates and times to three decimals.
   *
   * @return the JSON text
   */
  public String toJson() {
    return ResultJson.write(this);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof StormResult r)) {
      return false;
    }
    return engine == r.engine
        && scenario.equals(r.scenario)
        && same(rateLimitRps, r.rateLimitRps)
        && same(events, r.events)
        && same(attempts, r.attempts)
        && same(delivered, r.delivered)
        && same(deadLettered, r.deadLettered)
        && same(dropped, r.dropped)
        && same(throttled, r.throttled)
        && attemptsPerSecond.equals(r.attemptsPerSecond)
        && deliveriesPerSecond.equals(r.deliveriesPerSecond)
        && same(peakAttemptsPerSecond, r.peakAttemptsPerSecond)
        && secondsOverRateLimit == r.secondsOverRateLimit
        && same(drainSeconds, r.drainSeconds)
        && same(peakBandwidthKbps, r.peakBandwidthKbps)
        && findings.equals(r.findings);
  }

  private static boolean same(double a, double b) {
    return Double.compare(a, b) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(engine, scenario, rateLimitRps, events, attempts, delivered, deadLettered,
        dropped, throttled, attemptsPerSecond, deliveriesPerSecond, peakAttemptsPerSecond,
        secondsOverRateLimit, drainSeconds, peakBandwidthKbps, findings);
  }

  @Override
  public String toString() {
    return "StormResult[engine=" + engine.cliName() + ", events=" + events + ", attempts=" + attempts
        + ", delivered=" + delivered + ", deadLettered=" + deadLettered + ", dropped=" + dropped
        + ", throttled=" + throttled + ", peakAttemptsPerSecond=" + peakAttemptsPerSecond
        + ", secondsOverRateLimit=" + secondsOverRateLimit + ", drainSeconds=" + drainSeconds
        + ", peakBandwidthKbps=" + peakBandwidthKbps + ", findings=" + findings.size() + "]";
  }

  /**
   * Builds a {@link StormResult}. {@code engine}, {@code scenario}, {@code attemptsPerSecond} and
   * {@code deliveriesPerSecond} are required; the numbers default to 0 ({@code events} to the
   * scenario's) and the findings to none. Each value can be set once; a second set throws
   * {@link IllegalStateException} naming the value already there. Not thread-safe.
   */
  public static final class Builder {
    private final List<String> set = new ArrayList<>();
    private Engine engine;
    private StormScenario scenario;
    private double rateLimitRps = Double.NaN;
    private double events = Double.NaN;
    private double attempts;
    private double delivered;
    private double deadLettered;
    private double dropped;
    private double throttled;
    private RateSeries attemptsPerSecond;
    private RateSeries deliveriesPerSecond;
    private double peakAttemptsPerSecond;
    private int secondsOverRateLimit;
    private double drainSeconds;
    private double peakBandwidthKbps;
    private List<Finding> findings = List.of();

    private Builder() {}

    private void once(String field, Object current) {
      if (set.contains(field)) {
        throw new IllegalStateException(field + " was already set to " + current);
      }
      set.add(field);
    }

    /**
     * Sets the engine.
     *
     * @param engine the engine
     * @return this builder
     * @throws NullPointerException if {@code engine} is null
     * @throws IllegalStateException if already set
     */
    public Builder engine(Engine engine) {
      Objects.requireNonNull(engine, "engine");
      once("engine", this.engine);
      this.engine = engine;
      return this;
    }

    /**
     * Sets the scenario.
     *
     * @param scenario the scenario
     * @return this builder
     * @throws NullPointerException if {@code scenario} is null
     * @throws IllegalStateException if already set
     */
    public Builder scenario(StormScenario scenario) {
      Objects.requireNonNull(scenario, "scenario");
      once("scenario", this.scenario);
      this.scenario = scenario;
      return this;
    }

    /**
     * Sets the policy's rate limit.
     *
     * @param rps above 0 and finite (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder rateLimitRps(double rps) {
      once("rateLimitRps", rateLimitRps);
      this.rateLimitRps = rps;
      return this;
    }

    /**
     * Sets the number of events; the scenario's when never set.
     *
     * @param events 0 or more, finite (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder events(double events) {
      once("events", this.events);
      this.events = events;
      return this;
    }

    /**
     * Sets the attempts.
     *
     * @param attempts 0 or more, finite (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder attempts(double attempts) {
      once("attempts", this.attempts);
      this.attempts = attempts;
      return this;
    }

    /**
     * Sets the events delivered.
     *
     * @param delivered 0 or more, finite (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder delivered(double delivered) {
      once("delivered", this.delivered);
      this.delivered = delivered;
      return this;
    }

    /**
     * Sets the events dead-lettered.
     *
     * @param deadLettered 0 or more, finite (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder deadLettered(double deadLettered) {
      once("deadLettered", this.deadLettered);
      this.deadLettered = deadLettered;
      return this;
    }

    /**
     * Sets the events dropped.
     *
     * @param dropped 0 or more, finite (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder dropped(double dropped) {
      once("dropped", this.dropped);
      this.dropped = dropped;
      return this;
    }

    /**
     * Sets the throttled attempts.
     *
     * @param throttled 0 or more, finite (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder throttled(double throttled) {
      once("throttled", this.throttled);
      this.throttled = throttled;
      return this;
    }

    /**
     * Sets the attempts per second.
     *
     * @param series the series
     * @return this builder
     * @throws NullPointerException if {@code series} is null
     * @throws IllegalStateException if already set
     */
    public Builder attemptsPerSecond(RateSeries series) {
      Objects.requireNonNull(series, "series");
      once("attemptsPerSecond", attemptsPerSecond);
      this.attemptsPerSecond = series;
      return this;
    }

    /**
     * Sets the deliveries per second.
     *
     * @param series the series
     * @return this builder
     * @throws NullPointerException if {@code series} is null
     * @throws IllegalStateException if already set
     */
    public Builder deliveriesPerSecond(RateSeries series) {
      Objects.requireNonNull(series, "series");
      once("deliveriesPerSecond", deliveriesPerSecond);
      this.deliveriesPerSecond = series;
      return this;
    }

    /**
     * Sets the peak attempts per second.
     *
     * @param peak 0 or more, finite (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder peakAttemptsPerSecond(double peak) {
      once("peakAttemptsPerSecond", peakAttemptsPerSecond);
      this.peakAttemptsPerSecond = peak;
      return this;
    }

    /**
     * Sets the seconds over the rate limit.
     *
     * @param seconds 0 or more (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder secondsOverRateLimit(int seconds) {
      once("secondsOverRateLimit", secondsOverRateLimit);
      this.secondsOverRateLimit = seconds;
      return this;
    }

    /**
     * Sets the drain time.
     *
     * @param seconds 0 or more, finite (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder drainSeconds(double seconds) {
      once("drainSeconds", drainSeconds);
      this.drainSeconds = seconds;
      return this;
    }

    /**
     * Sets the peak bandwidth.
     *
     * @param kbps KB/s, 0 or more, finite (checked by {@link #build()})
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder peakBandwidthKbps(double kbps) {
      once("peakBandwidthKbps", peakBandwidthKbps);
      this.peakBandwidthKbps = kbps;
      return this;
    }

    /**
     * Sets the findings, most severe first; copied.
     *
     * @param findings the findings
     * @return this builder
     * @throws NullPointerException if {@code findings} or one of them is null
     * @throws IllegalStateException if already set
     */
    public Builder findings(List<Finding> findings) {
      List<Finding> copy = List.copyOf(findings);
      once("findings", this.findings);
      this.findings = copy;
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the result
     * @throws IllegalStateException if {@code engine}, {@code scenario}, {@code rateLimitRps},
     *     {@code attemptsPerSecond} or {@code deliveriesPerSecond} was not set
     * @throws IllegalArgumentException if a number is negative or not finite
     */
    public StormResult build() {
      if (engine == null || scenario == null || Double.isNaN(rateLimitRps)
          || attemptsPerSecond == null || deliveriesPerSecond == null) {
        throw new IllegalStateException("engine, scenario, rateLimitRps, attemptsPerSecond and"
            + " deliveriesPerSecond are required (engine: " + engine + ", scenario: "
            + (scenario == null ? "none" : "set") + ", rateLimitRps: " + rateLimitRps
            + ", attemptsPerSecond: " + attemptsPerSecond + ", deliveriesPerSecond: "
            + deliveriesPerSecond + ")");
      }
      if (Double.isNaN(events)) {
        events = scenario.events();
      }
      if (!(rateLimitRps > 0.0) || Double.isInfinite(rateLimitRps)) {
        throw new IllegalArgumentException(
            "rateLimitRps must be finite and above 0 (rejected: " + rateLimitRps + ")");
      }
      count("events", events);
      count("attempts", attempts);
      count("delivered", delivered);
      count("deadLettered", deadLettered);
      count("dropped", dropped);
      count("throttled", throttled);
      count("peakAttemptsPerSecond", peakAttemptsPerSecond);
      count("drainSeconds", drainSeconds);
      count("peakBandwidthKbps", peakBandwidthKbps);
      if (secondsOverRateLimit < 0) {
        throw new IllegalArgumentException(
            "secondsOverRateLimit must be 0 or more (rejected: " + secondsOverRateLimit + ")");
      }
      return new StormResult(this);
    }

    private static void count(String name, double v) {
      if (!(v >= 0.0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(name + " must be finite and 0 or more (rejected: " + v + ")");
      }
    }
  }
}
