package io.github.eventretry.examples.demo;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.payload.AppliedPolicy;
import io.github.eventretry.core.payload.EventBridgeTarget;
import io.github.eventretry.eventbridge.emulator.DeliveryModel;
import io.github.eventretry.genesys.emulator.MetricsModel;
import io.github.eventretry.simulator.RetryStorm;
import io.github.eventretry.simulator.StormResult;
import io.github.eventretry.simulator.StormScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulators' delivery metrics for the demo, computed by the simulator rather than made up: the
 * destination receives {@value #EVENTS_PER_SECOND} events a second and drops out for the first
 * {@value #OUTAGE_SECONDS} seconds of every minute. Events that arrive during a drop-out are retried
 * by the applied policy against the destination's rate limit (the closed-loop engine); the reported
 * success rate is that of the share of traffic the policy applies to, as a canary analysis would read
 * it. A policy whose retries outlast the drop-out delivers everything; one whose retry window is
 * shorter loses the events that arrive early in it.
 *
 * <p>The same destination serves both emulators: as the Genesys Cloud emulator's {@link MetricsModel}
 * (this class), and as the AWS emulator's {@link DeliveryModel} ({@link #eventBridge}), where each rule
 * target receives every event of its rule and fares by the policy it holds.
 *
 * <p>Deterministic (fixed seed) and thread-safe; results are cached per policy and traffic split.
 */
public final class SimulatedDeliveries implements MetricsModel {
  /** Events per second sent to the destination. */
  public static final int EVENTS_PER_SECOND = 20;
  /** Seconds the destination is down at the start of every minute. */
  public static final int OUTAGE_SECONDS = 10;
  private static final double LATENCY_MILLIS = 120.0;
  /** The success rate with no policy of eventretry's applied: the destination's steady state. */
  private static final double STEADY_SUCCESS_RATE = 0.995;

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

  /** How a share of the traffic fares under a policy over a window. */
  private record Window(long events, double successRate, long retries) {}

  private Window window(Optional<RetryPolicy> policy, double share, Duration length) {
    double minutes = length.toMillis() / 60_000.0;
    long total = Math.round(minutes * 60 * EVENTS_PER_SECOND * share);
    if (policy.isEmpty()) {
      return new Window(total, STEADY_SUCCESS_RATE, total / 100);
    }
    long perOutage = Math.max(1, Math.round(EVENTS_PER_SECOND * share * OUTAGE_SECONDS));
    StormResult outage = outages.computeIfAbsent(policy.get().fingerprint() + "@" + share,
        key -> simulateOutage(policy.get(), perOutage, EVENTS_PER_SECOND * share));
    double outageFraction = OUTAGE_SECONDS / 60.0;
    double failedShare = outageFraction * (1.0 - outage.delivered() / outage.events());
    double retriesPerOutageEvent = (outage.attempts() - outage.events()) / outage.events();
    long retries = Math.round(total * outageFraction * retriesPerOutageEvent);
    return new Window(total, Math.max(0.0, Math.min(1.0, 1.0 - failedShare)), retries);
  }

  @Override
  public Sample sample(Query q) {
    Optional<AppliedPolicy> applied = q.applied();
    Window w = window(applied.map(AppliedPolicy::policy),
        applied.map(a -> a.trafficSplit().fraction()).orElse(1.0), Duration.between(q.from(), q.to()));
    return new Sample(w.events(), w.successRate(), w.retries(), LATENCY_MILLIS);
  }

  /**
   * Returns the same destination as the AWS emulator's delivery model: each rule target receives
   * every event of its rule. EventBridge's own schedule between retries is not configurable (a target
   * holds only how many attempts and for how long), so the model recognises which of the given
   * policies a target holds, by the {@code RetryPolicy} and {@code DeadLetterConfig} that policy
   * becomes, and runs the simulator on it; a target that holds none of them (AWS's defaults: 185
   * attempts over 24 h) delivers at the destination's steady rate. Failed events go to the target's
   * dead-letter queue when it has one.
   *
   * @param policies the policies the demo may apply
   * @return the model; deterministic and thread-safe
   */
  public DeliveryModel eventBridge(List<RetryPolicy> policies) {
    List<RetryPolicy> known = List.copyOf(policies);
    return (DeliveryModel.Target t, Instant from, Instant to) -> {
      Optional<RetryPolicy> held = known.stream().filter(p -> holds(t, EventBridgeTarget.from(p)))
          .findFirst();
      Window w = window(held, 1.0, Duration.between(from, to));
      long failed = Math.min(w.events(), Math.round(w.events() * (1.0 - w.successRate())));
      return new DeliveryModel.Deliveries(w.events(), failed, w.retries(),
          t.deadLetterArn().isPresent() ? failed : 0, LATENCY_MILLIS);
    };
  }

  private static boolean holds(DeliveryModel.Target t, EventBridgeTarget settings) {
    return t.maximumRetryAttempts().equals(OptionalInt.of(settings.maximumRetryAttempts()))
        && t.maximumEventAgeSeconds().equals(OptionalInt.of(settings.maximumEventAgeSeconds()))
        && t.deadLetterArn().equals(settings.deadLetterArn());
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
