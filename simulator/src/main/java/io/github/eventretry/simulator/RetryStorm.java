package io.github.eventretry.simulator;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.internal.AnalyticEngine;
import io.github.eventretry.simulator.internal.ClosedLoopEngine;
import io.github.eventretry.simulator.internal.FindingRules;
import io.github.eventretry.simulator.internal.MonteCarloEngine;
import io.github.eventretry.simulator.internal.Tally;
import java.util.List;
import java.util.Objects;

/**
 * Simulates what a policy does to its destination when {@code events} events fail during an outage.
 * Each event makes its first attempt and up to {@code max_retries} retries by the policy's
 * {@link DelaySchedule}; it is delivered on its first attempt the destination accepts, otherwise
 * dead-lettered (the policy has a DLQ) or dropped when its retries run out.
 *
 * <ul>
 *   <li>{@link #monteCarlo Monte Carlo}: open loop (every attempt after the outage succeeds), every
 *       event drawn from a seed; memory grows with the storm's seconds, not its events; may use
 *       several threads and gives the same result for a seed whatever their number; at most
 *       {@link #MAX_MONTE_CARLO_EVENTS} (10^14) events.
 *   <li>{@link #analytic Analytic}: the expected values of the open loop, by numerical convolution of
 *       the delay distributions; cost independent of the number of events.
 *   <li>{@link #closedLoop Closed loop}: the destination admits at most
 *       {@code destination_rate_limit_rps} attempts per second (a token bucket refilled each second);
 *       refused attempts fail and retry. Keeps one entry per waiting event; at most
 *       {@link #MAX_CLOSED_LOOP_EVENTS} (50,000,000) events.
 * </ul>
 *
 * <pre>{@code
 * StormResult r = RetryStorm.monteCarlo(policy, StormScenario.of(2_000_000, Duration.ofMinutes(10)), 42L, 2);
 * r.findings().forEach(System.out::println);
 * }</pre>
 *
 * <p>Thread-safe: every method is a pure function of its arguments.
 */
public final class RetryStorm {
  /**
   * The most events {@link #closedLoop} simulates: 50,000,000. The closed loop keeps one entry (20
   * bytes: time, retry, previous delay) per event waiting for a retry, and with every event failing at
   * t = 0 all of them wait at once: a run at the bound needs a heap of about 2 GB ({@code -Xmx2g}; it
   * ran out of memory with 1.4 GB). The bound is fixed, not derived from the machine's memory, so that
   * a scenario is accepted or rejected everywhere alike.
   */
  public static final long MAX_CLOSED_LOOP_EVENTS = 50_000_000L;

  /**
   * The most events {@link #monteCarlo} simulates: 10^14. Monte Carlo keeps nothing per event, but it
   * numbers its chunks of 65,536 events with an {@code int}; the bound keeps that count well below
   * {@link Integer#MAX_VALUE}.
   */
  public static final long MAX_MONTE_CARLO_EVENTS = 100_000_000_000_000L;

  private RetryStorm() {}

  /**
   * Runs any engine; {@code seed} is ignored by the analytic engine.
   *
   * @param engine the engine
   * @param policy the policy
   * @param scenario the scenario
   * @param seed the seed of the seeded engines
   * @param threads threads for Monte Carlo, 1 or more (the others use the calling thread)
   * @return the result
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code threads} is below 1, the scenario has more events than
   *     the engine takes ({@link #MAX_MONTE_CARLO_EVENTS}, {@link #MAX_CLOSED_LOOP_EVENTS}), or the
   *     storm is too long to simulate
   */
  public static StormResult run(
      Engine engine, RetryPolicy policy, StormScenario scenario, long seed, int threads) {
    Objects.requireNonNull(engine, "engine");
    switch (engine) {
      case MONTE_CARLO:
        return monteCarlo(policy, scenario, seed, threads);
      case ANALYTIC:
        return analytic(policy, scenario);
      default:
        return closedLoop(policy, scenario, seed);
    }
  }

  /**
   * Monte Carlo on the calling thread.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @param seed the seed
   * @return the result
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the scenario has more than {@link #MAX_MONTE_CARLO_EVENTS}
   *     events
   */
  public static StormResult monteCarlo(RetryPolicy policy, StormScenario scenario, long seed) {
    return monteCarlo(policy, scenario, seed, 1);
  }

  /**
   * Monte Carlo on {@code threads} threads (the calling thread and {@code threads - 1} started for the
   * run and finished before it returns). The result does not depend on {@code threads}.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @param seed the seed
   * @param threads 1 or more
   * @return the result
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code threads} is below 1, or the scenario has more than
   *     {@link #MAX_MONTE_CARLO_EVENTS} events
   */
  public static StormResult monteCarlo(
      RetryPolicy policy, StormScenario scenario, long seed, int threads) {
    check(policy, scenario);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be 1 or more (rejected: " + threads + ")");
    }
    checkEvents(scenario, MAX_MONTE_CARLO_EVENTS,
        "Monte Carlo numbers its chunks of 65,536 events with an int");
    return result(Engine.MONTE_CARLO, policy, scenario,
        MonteCarloEngine.run(policy, scenario, seed, threads));
  }

  /**
   * The expected values of the open-loop storm.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @return the result, counts as expected values
   * @throws NullPointerException if an argument is null
   */
  public static StormResult analytic(RetryPolicy policy, StormScenario scenario) {
    check(policy, scenario);
    return result(Engine.ANALYTIC, policy, scenario, AnalyticEngine.run(policy, scenario));
  }

  /**
   * The closed loop against a rate-limited destination, for at most {@link #MAX_CLOSED_LOOP_EVENTS}
   * (50,000,000) events. It keeps one entry of 20 bytes per event waiting for a retry, in arrays that
   * grow by doubling: give the JVM about 40 bytes of heap per event (2 GB at the bound).
   *
   * @param policy the policy
   * @param scenario the scenario
   * @param seed the seed
   * @return the result
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the scenario has more than {@link #MAX_CLOSED_LOOP_EVENTS}
   *     events
   */
  public static StormResult closedLoop(RetryPolicy policy, StormScenario scenario, long seed) {
    check(policy, scenario);
    checkEvents(scenario, MAX_CLOSED_LOOP_EVENTS,
        "the closed loop keeps every waiting event in memory");
    return result(Engine.CLOSED_LOOP, policy, scenario, ClosedLoopEngine.run(policy, scenario, seed));
  }

  private static void check(RetryPolicy policy, StormScenario scenario) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(scenario, "scenario");
  }

  private static void checkEvents(StormScenario scenario, long bound, String why) {
    if (scenario.events() > bound) {
      throw new IllegalArgumentException(why + ": at most " + bound + " events (rejected: "
          + scenario.events() + ")");
    }
  }

  /**
   * Returns the first attempts in each second: every event at t = 0 without an arrival rate; with one,
   * event {@code i} at {@code i / rate} seconds.
   */
  static double[] firstAttemptsPerSecond(StormScenario scenario, int seconds) {
    double[] first = new double[Math.max(seconds, 1)];
    long events = scenario.events();
    if (scenario.arrivalRatePerSecond().isEmpty()) {
      first[0] = events;
      return first;
    }
    double rate = scenario.arrivalRatePerSecond().getAsDouble();
    long before = 0;
    for (int s = 0; s < first.length && before < events; s++) {
      long upTo = (long) Math.min(events, Math.ceil((s + 1) * rate)); // events with i < (s + 1) * rate
      first[s] = upTo - before;
      before = upTo;
    }
    if (before < events) {
      first[first.length - 1] += events - before;
    }
    return first;
  }

  private static StormResult result(
      Engine engine, RetryPolicy policy, StormScenario scenario, Tally t) {
    RateSeries attempts = RateSeries.wrap(t.attemptsPerSecond);
    RateSeries deliveries = RateSeries.wrap(t.deliveriesPerSecond);
    double limit = policy.destinationRateLimitRps();
    double peak = attempts.peak();
    int over = attempts.secondsAbove(limit);
    double peakKbps = peak * scenario.payloadSizeKb();
    double events = scenario.events();
    double exhausted = engine == Engine.ANALYTIC ? Math.max(0.0, events - t.delivered) : t.exhausted;
    boolean dlq = policy.deadLetterQueue().isPresent();
    double drain = t.lastDeliveryMillis < 0
        ? 0.0
        : Math.max(0.0, (t.lastDeliveryMillis - scenario.outageMillis()) / 1000.0);
    double[] first = firstAttemptsPerSecond(scenario, attempts.seconds());
    double[] retries = new double[first.length];
    for (int s = 0; s < retries.length; s++) {
      // Rounding of arrival times can put a first attempt one second off: never below 0.
      retries[s] = Math.max(0.0, attempts.get(s) - first[s]);
    }
    RateSeries retrySeries = RateSeries.wrap(retries);
    RateSeries firstSeries = RateSeries.wrap(first);
    List<Finding> findings = FindingRules.evaluate(policy, scenario, engine,
        new FindingRules.Load(retrySeries.peak(), retrySeries.secondsAbove(limit), firstSeries.peak(),
            firstSeries.secondsAbove(limit)),
        t.throttled, peakKbps, exhausted);
    return new StormResult(engine, scenario, limit, events, t.attempts, t.delivered,
        dlq ? exhausted : 0.0, dlq ? 0.0 : exhausted, t.throttled, attempts, deliveries, peak, over,
        drain, peakKbps, findings);
  }
}
