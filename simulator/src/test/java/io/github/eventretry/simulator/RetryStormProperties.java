package io.github.eventretry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.internal.AggregateClosedLoopEngine;
import io.github.eventretry.simulator.internal.Progress;
import io.github.eventretry.simulator.internal.Tally;
import io.github.eventretry.simulator.testing.PolicyArbitraries;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The cross-checks of issue 3 that hold for every policy and scenario. */
class RetryStormProperties {

  @Provide
  Arbitrary<RetryPolicy> policies() {
    // Delays up to 10 min keep each run's horizon (and so its memory) small.
    return PolicyArbitraries.validPolicies().filter(p -> p.maxDelayMillis() <= 600_000);
  }

  @Provide
  Arbitrary<StormScenario> scenarios() {
    return Combinators.combine(
            Arbitraries.longs().between(1, 3000),
            Arbitraries.longs().between(0, 1200).map(Duration::ofSeconds),
            Arbitraries.doubles().between(0.5, 5000).optional(0.3))
        .as((events, outage, rate) -> {
          StormScenario.Builder b = StormScenario.builder().events(events).outage(outage);
          rate.ifPresent(b::arrivalRatePerSecond);
          return b.build();
        });
  }

  private static void conserves(StormResult r, RetryPolicy p) {
    assertThat(r.delivered() + r.deadLettered() + r.dropped())
        .isCloseTo(r.events(), within(1e-6 * r.events()));
    assertThat(r.attempts()).isLessThanOrEqualTo(r.events() * (p.maxRetries() + 1) * (1 + 1e-9));
    assertThat(r.attempts()).isGreaterThanOrEqualTo(r.events() * (1 - 1e-9));
    assertThat(r.attemptsPerSecond().total()).isCloseTo(r.attempts(), within(1e-6 * r.attempts()));
    if (p.deadLetterQueue().isPresent()) {
      assertThat(r.dropped()).isZero();
    } else {
      assertThat(r.deadLettered()).isZero();
    }
  }

  @Property(tries = 60)
  void monteCarloConservesEventsAndBoundsAttempts(
      @ForAll("policies") RetryPolicy p, @ForAll("scenarios") StormScenario s, @ForAll long seed) {
    StormResult r = RetryStorm.monteCarlo(p, s, seed);
    conserves(r, p);
    assertThat(r.attempts()).isEqualTo(Math.rint(r.attempts()));
  }

  @Property(tries = 60)
  void analyticConservesEventsAndBoundsAttempts(
      @ForAll("policies") RetryPolicy p, @ForAll("scenarios") StormScenario s) {
    conserves(RetryStorm.analytic(p, s), p);
  }

  @Property(tries = 60)
  void closedLoopConservesEventsAndNoSecondAdmitsMoreThanTheRateLimit(
      @ForAll("policies") RetryPolicy any, @ForAll("scenarios") StormScenario s, @ForAll long seed,
      @ForAll("limits") double limit) {
    RetryPolicy p = any.toBuilder().destinationRateLimitRps(limit).build();
    StormResult r = RetryStorm.closedLoop(p, s, seed);
    assertThat(r.delivered() + r.deadLettered() + r.dropped()).isEqualTo(r.events());
    assertThat(r.attempts()).isLessThanOrEqualTo(r.events() * (p.maxRetries() + 1));
    for (int sec = 0; sec < r.deliveriesPerSecond().seconds(); sec++) {
      assertThat(r.deliveriesPerSecond().get(sec)).isLessThanOrEqualTo(Math.max(1.0, Math.floor(limit)));
    }
    assertThat(r.throttled()).isLessThanOrEqualTo(r.attempts());
  }

  @Provide
  Arbitrary<Double> limits() {
    // Below 1 too: the bucket then holds one token and admits max(1, floor(L)) = 1 per second at most.
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(0.01, 500.0),
        Arbitraries.of(0.01, 0.5, 0.999, 1.0, 2.5, 150.0));
  }

  @Property(tries = 30)
  void monteCarloGivesTheSameResultWhateverTheThreadCount(
      @ForAll("policies") RetryPolicy p, @ForAll long seed) {
    // More than two chunks, so that two threads really share the work.
    StormScenario s = StormScenario.of(3L * 65_536 + 17, Duration.ofSeconds(30));
    assertThat(RetryStorm.monteCarlo(p, s, seed, 2)).isEqualTo(RetryStorm.monteCarlo(p, s, seed, 1));
  }

  /**
   * The aggregate closed loop (which {@code RetryStorm} uses above 100,000 events) keeps the same
   * invariants at any size: events conserved, at most max(1, floor(L)) attempts admitted (and so
   * delivered) in any second, the same result for the same seed.
   */
  @Property(tries = 60)
  void aggregateClosedLoopConservesEventsAndNoSecondAdmitsMoreThanTheRateLimit(
      @ForAll("policies") RetryPolicy any, @ForAll("scenarios") StormScenario s, @ForAll long seed,
      @ForAll("limits") double limit) {
    RetryPolicy p = any.toBuilder().destinationRateLimitRps(limit).build();
    Tally t = AggregateClosedLoopEngine.run(p, s, seed, Progress.none());
    assertThat(t.delivered + t.exhausted).isEqualTo((double) s.events());
    assertThat(t.attempts).isBetween((double) s.events(), (double) s.events() * (p.maxRetries() + 1));
    double cap = Math.max(1.0, Math.floor(limit));
    double sum = 0;
    for (int sec = 0; sec < t.attemptsPerSecond.length; sec++) {
      assertThat(t.attemptsPerSecond[sec] - t.throttledPerSecond[sec]).isLessThanOrEqualTo(cap);
      assertThat(t.deliveriesPerSecond[sec]).isLessThanOrEqualTo(cap);
      sum += t.attemptsPerSecond[sec];
    }
    assertThat(sum).isEqualTo(t.attempts);
    Tally again = AggregateClosedLoopEngine.run(p, s, seed, Progress.none());
    assertThat(again.attempts).isEqualTo(t.attempts);
    assertThat(again.delivered).isEqualTo(t.delivered);
    assertThat(again.attemptsPerSecond).containsExactly(t.attemptsPerSecond);
  }
}
