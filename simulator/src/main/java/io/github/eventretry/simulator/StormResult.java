package io.github.eventretry.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What a retry storm did. Counts are whole numbers from the seeded engines and expected values from
 * the analytic engine; either way {@code delivered + deadLettered + dropped == events} (up to floating
 * point rounding for the analytic engine). Immutable and thread-safe.
 *
 * @param engine the engine that produced it
 * @param scenario the scenario simulated
 * @param rateLimitRps the policy's {@code destination_rate_limit_rps}
 * @param events the number of events
 * @param attempts every attempt, first attempts and retries, throttled ones included
 * @param delivered events delivered
 * @param deadLettered events whose retries ran out, sent to the dead-letter queue
 * @param dropped events whose retries ran out with no dead-letter queue: lost
 * @param throttled attempts the destination refused for its rate limit (closed loop only; else 0)
 * @param attemptsPerSecond attempts in each second from t = 0
 * @param deliveriesPerSecond deliveries in each second from t = 0
 * @param peakAttemptsPerSecond the largest value of {@code attemptsPerSecond}
 * @param secondsOverRateLimit seconds whose attempts exceed {@code rateLimitRps}
 * @param drainSeconds from the end of the outage to the last delivery (0 when none is later)
 * @param peakBandwidthKbps {@code peakAttemptsPerSecond * payloadSizeKb}, in KB/s
 * @param findings what the simulation found, most severe first
 */
public record StormResult(
    Engine engine,
    StormScenario scenario,
    double rateLimitRps,
    double events,
    double attempts,
    double delivered,
    double deadLettered,
    double dropped,
    double throttled,
    RateSeries attemptsPerSecond,
    RateSeries deliveriesPerSecond,
    double peakAttemptsPerSecond,
    int secondsOverRateLimit,
    double drainSeconds,
    double peakBandwidthKbps,
    List<Finding> findings) {

  /**
   * Checks the values and copies the findings.
   *
   * @throws NullPointerException if a reference is null
   */
  public StormResult {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(attemptsPerSecond, "attemptsPerSecond");
    Objects.requireNonNull(deliveriesPerSecond, "deliveriesPerSecond");
    findings = List.copyOf(findings);
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
   * Returns the result as JSON: {@code engine, events, attempts, delivered, dead_lettered, dropped,
   * throttled, peak_attempts_per_second, seconds_over_rate_limit, drain_seconds, peak_bandwidth_kbps,
   * rate_limit_rps, outage_seconds, findings: [{severity, code, message}]}. Counts are rounded to whole
   * events.
   *
   * @return a new JSON object
   */
  public ObjectNode toJsonNode() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("engine", engine.cliName());
    o.put("events", Math.round(events));
    o.put("attempts", Math.round(attempts));
    o.put("delivered", Math.round(delivered));
    o.put("dead_lettered", Math.round(deadLettered));
    o.put("dropped", Math.round(dropped));
    o.put("throttled", Math.round(throttled));
    o.put("peak_attempts_per_second", round3(peakAttemptsPerSecond));
    o.put("seconds_over_rate_limit", secondsOverRateLimit);
    o.put("drain_seconds", round3(drainSeconds));
    o.put("peak_bandwidth_kbps", round3(peakBandwidthKbps));
    o.put("rate_limit_rps", rateLimitRps);
    o.put("outage_seconds", scenario.outageMillis() / 1000.0);
    ArrayNode list = o.putArray("findings");
    for (Finding x : findings) {
      list.addObject()
          .put("severity", x.severity().jsonName())
          .put("code", x.code().name())
          .put("message", x.message());
    }
    return o;
  }

  private static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
