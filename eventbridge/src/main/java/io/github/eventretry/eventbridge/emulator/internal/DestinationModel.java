package io.github.eventretry.eventbridge.emulator.internal;

import io.github.eventretry.eventbridge.emulator.DeliveryModel;
import io.github.eventretry.eventbridge.emulator.Destination;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link DeliveryModel#destination}: expected values, computed per second of arrival within the
 * minute, rounded to whole counts per window. Thread-safe: results are cached in a concurrent map.
 */
public final class DestinationModel implements DeliveryModel {
  /** AWS's defaults when a target has no {@code RetryPolicy}. */
  static final int DEFAULT_RETRIES = 185;
  static final int DEFAULT_AGE_SECONDS = 86_400;
  /** The assumed EventBridge schedule: first retry after 1 s, doubling, at most 180 s apart. */
  static final long MAX_GAP_SECONDS = 180;

  private final Destination d;
  private final Map<String, Outcome> cache = new ConcurrentHashMap<>();

  /**
   * Creates the model.
   *
   * @param destination the destination
   */
  public DestinationModel(Destination destination) {
    this.d = destination;
  }

  /** Per event: probability of failing for good, expected retries, mean delay to success (s). */
  record Outcome(double failure, double retries, double successDelaySeconds) {}

  @Override
  public Deliveries deliveries(Target t, Instant from, Instant to) {
    double seconds = Duration.between(from, to).toNanos() / 1e9;
    if (seconds <= 0) {
      return Deliveries.NONE;
    }
    int retries = t.maximumRetryAttempts().orElse(DEFAULT_RETRIES);
    int age = t.maximumEventAgeSeconds().orElse(DEFAULT_AGE_SECONDS);
    double arrivalsPerSecond = d.eventsPerMinute() / 60.0;
    double limit = Double.POSITIVE_INFINITY;
    if (d.rateLimitPerSecond().isPresent()) {
      limit = d.rateLimitPerSecond().getAsDouble();
    }
    if (t.apiDestinationRateLimitPerSecond().isPresent()) {
      limit = Math.min(limit, t.apiDestinationRateLimitPerSecond().getAsInt());
    }
    double admitted = Math.min(1.0, limit / arrivalsPerSecond);
    double p = d.successRate() * admitted;
    Outcome o = cache.computeIfAbsent(retries + "/" + age + "/" + p, k -> outcome(retries, age, p));
    double events = arrivalsPerSecond * seconds;
    long invocations = Math.round(events);
    long failed = Math.min(invocations, Math.round(events * o.failure()));
    long dlq = t.deadLetterArn().isPresent() ? failed : 0;
    long retryAttempts = Math.round(events * o.retries());
    double latency = d.latency().toNanos() / 1e6 + o.successDelaySeconds() * 1000.0;
    return new Deliveries(invocations, failed, retryAttempts, dlq, invocations == failed ? 0 : latency);
  }

  private Outcome outcome(int retries, int age, double p) {
    long outage = d.outagePerMinute().toSeconds();
    double failure = 0;
    double retryCount = 0;
    double delaySum = 0;
    for (int s = 0; s < 60; s++) {
      double survive = 1.0; // probability that every attempt so far failed
      long at = 0;
      long gap = 1;
      double success = 0;
      double delay = 0;
      for (int k = 0; k <= retries; k++) {
        if (k > 0) {
          at += gap;
          gap = Math.min(MAX_GAP_SECONDS, gap * 2);
          if (at > age) {
            break;
          }
          retryCount += survive / 60.0;
        }
        boolean down = Math.floorMod(s + at, 60) < outage;
        double q = down ? 0 : p;
        success += survive * q;
        delay += survive * q * at;
        survive *= 1 - q;
        if (survive < 1e-12) {
          survive = 0;
          break;
        }
      }
      failure += survive / 60.0;
      delaySum += success > 0 ? delay / 60.0 : 0;
    }
    double successShare = 1 - failure;
    return new Outcome(failure, retryCount, successShare > 0 ? delaySum / successShare : 0);
  }
}
