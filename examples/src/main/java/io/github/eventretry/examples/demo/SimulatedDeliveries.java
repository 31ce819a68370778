package io.github.eventretry.examples.demo;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.payload.AppliedPolicy;
import io.github.eventretry.genesys.emulator.MetricsModel;
import io.github.eventretry.simulator.RetryStorm;
import io.github.eventretry.simulator.StormResult;
import io.github.eventretry.simulator.StormScenario;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's delivery metrics for the demo, computed by the simulator rather than made up: the
 * destination receives {@value #EVENTS_PER_SECOND} events a second and drops out for the first
 * {@value #OUTAGE_SECONDS} seconds of every minute. Events that arrive during a drop-out are retried
 * by the applied policy against the destination's rate limit (the closed-loop engine); the reported
 * success rate is that of the share of traffic the policy applies to, as a canary analysis would read
 * it. A policy whose retries outlast the drop-out delivers everything; one whose retry window is
 * shorter loses the events that arrive early in it.
 *
 * <p>Deterministic (fixed seed) and thread-safe; results are cached per policy and traffic split.
 */
public final class SimulatedDeliveries implements MetricsModel {
  /** Events per second sent to the destination. */
  public static final int EVENTS_PER_SECOND = 20;
  /** Seconds the destination is down at the start of every minute. */
  public static final int OUTAGE_SECONDS = 10;
  private static final double LATENCY_MILLIS = 120.0;

  private final long seed;
  private final Map<String, StormResult> outages = new ConcurrentHashMap<>();

  /**
   * Creates the model.
   *
   * @param seed the simulator's seed
   */
  public SimulatedDeliveries(long seed) {
    this.seed = seed;
  }

  @Override
  public Sample sample(Query q) {
    double minutes = Duration.between(q.from(), q.to()).toMillis() / 60_000.0;
    if (q.applied().isEmpty()) {
      long n = Math.round(minutes * 60 * EVENTS_PER_SECOND);
      return new Sample(n, 0.995, n / 100, LATENCY_MILLIS);
    }
    AppliedPolicy applied = q.applied().get();
    double share = applied.trafficSplit().fraction();
    long perOutage = Math.max(1, Math.round(EVENTS_PER_SECOND * share * OUTAGE_SECONDS));
    StormResult outage = outages.computeIfAbsent(
        applied.policy().fingerprint() + "@" + applied.trafficSplit(),
        key -> simulateOutage(applied.policy(), perOutage, EVENTS_PER_SECOND * share));
    long total = Math.round(minutes * 60 * EVENTS_PER_SECOND * share);
    double outageFraction = OUTAGE_SECONDS / 60.0;
    double failedShare = outageFraction * (1.0 - outage.delivered() / outage.events());
    double retriesPerOutageEvent = (outage.attempts() - outage.events()) / outage.events();
    long retries = Math.round(total * outageFraction * retriesPerOutageEvent);
    return new Sample(total, Math.max(0.0, Math.min(1.0, 1.0 - failedShare)), retries,
        LATENCY_MILLIS);
  }

  private StormResult simulateOutage(RetryPolicy policy, long events, double perSecond) {
    StormScenario scenario = StormScenario.builder()
        .events(events)
        .outage(Duration.ofSeconds(OUTAGE_SECONDS))
        .arrivalRatePerSecond(perSecond)
        .build();
    return RetryStorm.closedLoop(policy, scenario, seed);
  }
}
