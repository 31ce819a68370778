package io.github.eventretry.simulator;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.internal.AggregateClosedLoopEngine;
import io.github.eventretry.simulator.internal.AnalyticEngine;
import io.github.eventretry.simulator.internal.ClosedLoopEngine;
import io.github.eventretry.simulator.internal.FindingRules;
import io.github.eventretry.simulator.internal.MonteCarloEngine;
import io.github.eventretry.simulator.internal.Progress;
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
 *       refused attempts fail and retry. Up to {@link #CLOSED_LOOP_PER_EVENT_MAX_EVENTS} (100,000)
 *       events every event is simulated; above that, by aggregate: counts of waiting events per
 *       millisecond and retry, moved by binomial splits, so memory and time do not grow with events;
 *       at most {@link #MAX_CLOSED_LOOP_EVENTS} (10^12) events.
 * </ul>
 *
 * <pre>{@code
 * StormResult r = RetryStorm.monteCarlo(policy, StormScenario.of(2_000_000, Duration.ofMinutes(10)), 42L, 2);
 * r.findings().forEach(System.out::println);
 * }</pre>
 *
 * <p>{@link #run(Engine, RetryPolicy, StormScenario, long, int, StormProgress)} takes a
 * {@link StormProgress} that hears how far a run has got and can stop it.
 *
 * <p>Thread-safe: every method is a pure function of its arguments.
 */
public final class RetryStorm {
  /**
   * The most events {@link #closedLoop} simulates: 10^12. Above {@link
   * #CLOSED_LOOP_PER_EVENT_MAX_EVENTS} the closed loop keeps counts, not events, so its memory does not
   * depend on the number; the bound keeps every count and total well inside a {@code long} and exact
   * in a {@code double}.
   */
  public static final long MAX_CLOSED_LOOP_EVENTS = 1_000_000_000_000L;

  /**
   * Up to this many events (100,000) {@link #closedLoop} simulates every event, exactly in time order;
   * above it, by aggregate (see {@code docs/simulator.md}, "The aggregate closed loop", for what that
   * approximates and its tolerance).
   */
  public static final long CLOSED_LOOP_PER_EVENT_MAX_EVENTS = 100_000L;

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
   *     the engine takes ({@link Engine#maxEvents()}), or the storm is too long to simulate
   */
  public static StormResult run(
      Engine engine, RetryPolicy policy, StormScenario scenario, long seed, int threads) {
    return run(engine, policy, scenario, seed, threads, StormProgress.none());
  }

  /**
   * Runs any engine, telling {@code progress} how far it has got from time to time; when
   * {@code progress} returns false the run stops and throws. The result does not depend on
   * {@code progress} (it only watches).
   *
   * @param engine the engine
   * @param policy the policy
   * @param scenario the scenario
   * @param seed the seed of the seeded engines (ignored by the analytic engine)
   * @param threads threads for Monte Carlo, 1 or more (the others use the calling thread)
   * @param progress called on the calling thread only; {@link StormProgress#none()} to ignore
   * @return the result
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code threads} is below 1, the scenario has more events than
   *     the engine takes ({@link Engine#maxEvents()}), or the storm is too long to simulate
   * @throws SimulationCancelledException if {@code progress} returned false
   */
  public static StormResult run(Engine engine, RetryPolicy policy, StormScenario scenario, long seed,
      int threads, StormProgress progress) {
    Objects.requireNonNull(engine, "engine");
    check(policy, scenario);
    Objects.requireNonNull(progress, "progress");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be 1 or more (rejected: " + threads + ")");
    }
    checkEvents(engine, scenario);
    Progress p = new Progress(progress);
    Tally t;
    switch (engine) {
      case MONTE_CARLO:
        t = MonteCarloEngine.run(policy, scenario, seed, threads, p);
        break;
      case ANALYTIC:
        t = AnalyticEngine.run(policy, scenario, p);
        break;
      default:
        t = scenario.events() <= CLOSED_LOOP_PER_EVENT_MAX_EVENTS
            ? ClosedLoopEngine.run(policy, scenario, seed, p)
            : AggregateClosedLoopEngine.run(policy, scenario, seed, p);
        break;
    }
    p.report(1.0);
    return result(engine, policy, scenario, t);
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
    return run(Engine.MONTE_CARLO, policy, scenario, seed, threads);
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
    return run(Engine.ANALYTIC, policy, scenario, 0L, 1);
  }

  /**
   * The closed loop against a rate-limited destination, on the calling thread, for at most
   * {@link #MAX_CLOSED_LOOP_EVENTS} (10^12) events: per event up to
   * {@link #CLOSED_LOOP_PER_EVENT_MAX_EVENTS}, by aggregate above (memory of a few megabytes whatever
   * the number of events).
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
    return run(Engine.CLOSED_LOOP, policy, scenario, seed, 1);
  }

  private static void check(RetryPolicy policy, StormScenario scenario) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(scenario, "scenario");
  }

  private static void checkEvents(Engine engine, StormScenario scenario) {
    long bound = engine.maxEvents();
    if (scenario.events() > bound) {
      String why = engine == Engine.MONTE_CARLO
          ? "Monte Carlo numbers its chunks of 65,536 events with an int"
          : "the " + engine.cliName() + " engine keeps its counts exact";
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
        t.throttled, exhausted);
    return StormResult.builder()
        .engine(engine)
        .scenario(scenario)
        .rateLimitRps(limit)
        .events(events)
        .attempts(t.attempts)
        .delivered(t.delivered)
        .deadLettered(dlq ? exhausted : 0.0)
        .dropped(dlq ? 0.0 : exhausted)
        .throttled(t.throttled)
        .attemptsPerSecond(attempts)
        .deliveriesPerSecond(deliveries)
        .peakAttemptsPerSecond(peak)
        .secondsOverRateLimit(over)
        .drainSeconds(drain)
        .peakBandwidthKbps(peakKbps)
        .findings(findings)
        .build();
  }
}
