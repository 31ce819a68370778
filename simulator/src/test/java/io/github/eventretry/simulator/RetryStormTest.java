package io.github.eventretry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetryStormTest {

  /**
   * The analytic expectation agrees with Monte Carlo at large N: totals within 1 %, peak within 3 %,
   * drain within 1 s, 15 % for decorrelated jitter (stated in docs/simulator.md). With 400,000 events Monte Carlo's own relative
   * noise on these totals is far below 0.1 %.
   */
  @ParameterizedTest
  @ValueSource(strings = {"none", "proportional", "full", "equal", "decorrelated"})
  void analyticMatchesMonteCarloAtLargeN(String mode) {
    Jitter jitter = switch (mode) {
      case "none" -> Jitter.none();
      case "proportional" -> Jitter.proportional(0.1);
      case "full" -> Jitter.full();
      case "equal" -> Jitter.equal();
      default -> Jitter.decorrelated();
    };
    RetryPolicy p = Policies.seed(jitter);
    StormScenario s = StormScenario.builder().events(400_000).outage(Duration.ofSeconds(12))
        .arrivalRatePerSecond(40_000).build();
    StormResult mc = RetryStorm.monteCarlo(p, s, 11L, 2);
    StormResult an = RetryStorm.analytic(p, s);
    assertThat(an.attempts()).isCloseTo(mc.attempts(), within(0.01 * mc.attempts()));
    assertThat(an.delivered()).isCloseTo(mc.delivered(), within(0.01 * s.events()));
    assertThat(an.deadLettered()).isCloseTo(mc.deadLettered(), within(0.01 * s.events()));
    assertThat(an.peakAttemptsPerSecond())
        .isCloseTo(mc.peakAttemptsPerSecond(), within(0.03 * mc.peakAttemptsPerSecond()));
    // Drain is the extreme of the tail; decorrelated's binned previous delay blurs that tail more.
    double drainTolerance = jitter instanceof Jitter.Decorrelated ? 0.15 * mc.drainSeconds() : 1.0;
    assertThat(an.drainSeconds()).isCloseTo(mc.drainSeconds(), within(drainTolerance));
  }

  /**
   * The same at the other end of the range: delays up to 24 h (a coarse grid) and a 5-second outage
   * (the mass that matters sits in the first seconds): totals within 1 %, peak within 3 %.
   */
  @ParameterizedTest
  @ValueSource(strings = {"none", "proportional", "full", "equal", "decorrelated"})
  void analyticMatchesMonteCarloForLongDelays(String mode) {
    Jitter jitter = switch (mode) {
      case "none" -> Jitter.none();
      case "proportional" -> Jitter.proportional(0.1);
      case "full" -> Jitter.full();
      case "equal" -> Jitter.equal();
      default -> Jitter.decorrelated();
    };
    RetryPolicy p = Policies.seed(jitter).toBuilder().maxRetries(10).baseDelay(Duration.ofSeconds(1))
        .maxDelay(Duration.ofHours(24)).build();
    StormScenario s = StormScenario.of(200_000, Duration.ofSeconds(5));
    StormResult mc = RetryStorm.monteCarlo(p, s, 11L, 2);
    StormResult an = RetryStorm.analytic(p, s);
    assertThat(an.attempts()).isCloseTo(mc.attempts(), within(0.01 * mc.attempts()));
    assertThat(an.delivered()).isCloseTo(mc.delivered(), within(0.01 * s.events()));
    assertThat(an.peakAttemptsPerSecond())
        .isCloseTo(mc.peakAttemptsPerSecond(), within(0.03 * mc.peakAttemptsPerSecond()));
  }

  @Test
  void seedPolicyAfterATenMinuteOutageSendsEveryEventToTheDlq() {
    StormResult r = RetryStorm.monteCarlo(Policies.seed(),
        StormScenario.of(2_000_000, Duration.ofMinutes(10)), 42L, 2);
    assertThat(r.attempts()).isEqualTo(2_000_000.0 * 6);
    assertThat(r.deadLettered()).isEqualTo(2_000_000.0);
    assertThat(r.delivered()).isZero();
    // Second 0 holds every first attempt and every first retry (500..550 ms later).
    assertThat(r.peakAttemptsPerSecond()).isEqualTo(4_000_000.0);
    assertThat(r.peakBandwidthKbps()).isEqualTo(10_000_000.0);
    assertThat(r.findings()).extracting(Finding::code).containsExactly(
        FindingCode.RATE_LIMIT_EXCEEDED, FindingCode.BANDWIDTH_EXCEEDED,
        FindingCode.RETRY_WINDOW_SHORTER_THAN_OUTAGE, FindingCode.INITIAL_BURST,
        FindingCode.EVENTS_DEAD_LETTERED);
    assertThat(r.hasErrors()).isTrue();
  }

  @Test
  void droppedEventsWithoutADlqAreAnError() {
    RetryPolicy p = Policies.seed().toBuilder().noDeadLetterQueue().build();
    StormResult r = RetryStorm.analytic(p, StormScenario.of(100, Duration.ofMinutes(5)));
    assertThat(r.dropped()).isCloseTo(100.0, within(1e-6));
    assertThat(r.findings()).anySatisfy(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.EVENTS_DROPPED_NO_DLQ);
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.message()).contains("100 of 100").contains("dead_letter_queue_arn");
    });
  }

  @Test
  void aShortOutageACalmPolicyHasNoFindings() {
    StormResult r = RetryStorm.monteCarlo(Policies.seed(), StormScenario.of(60, Duration.ofSeconds(3)), 1L);
    assertThat(r.findings()).isEmpty();
    assertThat(r.delivered()).isEqualTo(60.0);
    assertThat(r.drainSeconds()).isBetween(0.0, 10.0);
  }

  @Test
  void retryWindowsBeyondTwentyFourHoursAreFlagged() {
    RetryPolicy p = Policies.seed().toBuilder().maxRetries(10).baseDelay(Duration.ofHours(1))
        .maxDelay(Duration.ofHours(6)).build(); // 1 + 2 + 4 + 7 * 6 = 49 h
    StormResult r = RetryStorm.analytic(p, StormScenario.of(10, Duration.ofSeconds(1)));
    assertThat(r.findings()).anySatisfy(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.EVENT_AGE_BEYOND_EVENTBRIDGE_LIMIT);
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
    });
  }

  @Test
  void bandwidthLimitIsConfigurableAndJudgesTheRetries() {
    StormScenario s = StormScenario.builder().events(100).outage(Duration.ofSeconds(5))
        .payloadSizeKb(10).bandwidthLimitKbps(500).build();
    StormResult r = RetryStorm.monteCarlo(Policies.seed(), s, 3L);
    // Second 0 holds the 100 first attempts and the 100 first retries (500..550 ms later).
    assertThat(r.peakBandwidthKbps()).isEqualTo(2000.0);
    assertThat(r.findings()).anySatisfy(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.BANDWIDTH_EXCEEDED);
      assertThat(f.message()).startsWith("the policy's retries peak at 1,000 KB/s (100 retries/s x 10 KB)");
    });
  }

  @Test
  void theFirstAttemptsAloneAboveTheBandwidthAreTheInitialBurstNotThePolicys() {
    StormScenario s = StormScenario.builder().events(100).outage(Duration.ZERO)
        .payloadSizeKb(10).bandwidthLimitKbps(500).build();
    StormResult r = RetryStorm.monteCarlo(Policies.seed(), s, 3L);
    assertThat(r.peakBandwidthKbps()).isEqualTo(1000.0);
    assertThat(r.findings()).extracting(Finding::code).containsExactly(FindingCode.INITIAL_BURST);
    assertThat(r.findings().get(0).message()).contains("peak at 1,000 KB/s, above the bandwidth limit of 500 KB/s");
  }

  @Test
  void closedLoopThrottlesAtTheRateLimitAndJitterDrainsFaster() {
    StormScenario s = StormScenario.of(3000, Duration.ofSeconds(5));
    RetryPolicy none = Policies.seed(Jitter.none());
    RetryPolicy full = Policies.seed(Jitter.full());
    StormResult lockstep = RetryStorm.closedLoop(none, s, 5L);
    StormResult spread = RetryStorm.closedLoop(full, s, 5L);
    assertThat(lockstep.throttled()).isPositive();
    for (int i = 0; i < spread.deliveriesPerSecond().seconds(); i++) {
      assertThat(spread.deliveriesPerSecond().get(i)).isLessThanOrEqualTo(150.0);
      assertThat(lockstep.deliveriesPerSecond().get(i)).isLessThanOrEqualTo(150.0);
    }
    // In lockstep every retry lands in the same second and 150 of 3000 get through: full jitter
    // spreads the same retries over whole seconds and delivers more.
    assertThat(spread.delivered()).isGreaterThan(lockstep.delivered());
  }

  @Test
  void sameSeedSameResultAndAnalyticCostDoesNotDependOnEvents() {
    StormScenario s = StormScenario.of(10_000, Duration.ofSeconds(20));
    assertThat(RetryStorm.closedLoop(Policies.seed(), s, 8L))
        .isEqualTo(RetryStorm.closedLoop(Policies.seed(), s, 8L));
    StormResult small = RetryStorm.analytic(Policies.seed(), StormScenario.of(1000, Duration.ofSeconds(20)));
    StormResult huge = RetryStorm.analytic(Policies.seed(),
        StormScenario.of(1_000_000_000, Duration.ofSeconds(20)));
    assertThat(huge.attempts() / 1e9).isCloseTo(small.attempts() / 1e3, within(1e-9));
  }

  @Test
  void rejectsBadScenarios() {
    assertThatThrownBy(() -> StormScenario.of(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejected: 0");
    assertThatThrownBy(() -> StormScenario.of(1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outage");
    assertThatThrownBy(() -> StormScenario.builder().events(1).outage(Duration.ZERO)
        .arrivalRatePerSecond(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> RetryStorm.monteCarlo(Policies.seed(), StormScenario.of(1, Duration.ZERO), 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
  }

  @Test
  void payloadSizeIsCappedAtEventBridgesEventSizeLimit() {
    assertThat(StormScenario.MAX_PAYLOAD_KB).isEqualTo(256.0);
    StormScenario atLimit = StormScenario.builder().events(10).outage(Duration.ZERO)
        .payloadSizeKb(256).build();
    assertThat(RetryStorm.monteCarlo(Policies.seed(), atLimit, 1L).peakBandwidthKbps())
        .isEqualTo(2560.0);
    for (double kb : new double[] {256.001, 1e308}) {
      assertThatThrownBy(() -> StormScenario.builder().events(10).outage(Duration.ZERO)
          .payloadSizeKb(kb).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rejected: " + kb)
          .hasMessageContaining("256");
    }
  }

  @Test
  void closedLoopTakesAMillionMillionEventsAndRejectsMore() {
    assertThat(RetryStorm.MAX_CLOSED_LOOP_EVENTS).isEqualTo(1_000_000_000_000L);
    assertThat(Engine.CLOSED_LOOP.maxEvents()).isEqualTo(RetryStorm.MAX_CLOSED_LOOP_EVENTS);
    assertThat(Engine.MONTE_CARLO.maxEvents()).isEqualTo(RetryStorm.MAX_MONTE_CARLO_EVENTS);
    assertThat(Engine.ANALYTIC.maxEvents()).isEqualTo(Long.MAX_VALUE);
    StormScenario tooMany = StormScenario.of(RetryStorm.MAX_CLOSED_LOOP_EVENTS + 1, Duration.ofMinutes(10));
    assertThatThrownBy(() -> RetryStorm.run(Engine.CLOSED_LOOP, Policies.seed(), tooMany, 1L, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rejected: 1000000000001")
        .hasMessageContaining("at most 1000000000000");
    // At the bound: 10^12 events through a 10-minute outage, every one dead-lettered after six attempts.
    StormResult r = RetryStorm.closedLoop(Policies.seed(),
        StormScenario.of(RetryStorm.MAX_CLOSED_LOOP_EVENTS, Duration.ofMinutes(10)), 1L);
    assertThat(r.deadLettered()).isEqualTo(1e12);
    assertThat(r.attempts()).isEqualTo(6e12);
    assertThat(r.attemptsPerSecond().total()).isEqualTo(6e12);
    assertThat(r.peakAttemptsPerSecond()).isEqualTo(2e12); // first attempts and first retries at t < 1 s
    // Only the bucket's tokens are admitted: 150 at t = 0 and 150 more each second after.
    assertThat(r.attempts() - r.throttled()).isLessThanOrEqualTo(150.0 * r.attemptsPerSecond().seconds());
  }

  @Test
  void closedLoopSimulatesEveryEventUpToItsBoundAndAggregatesAbove() {
    RetryPolicy p = Policies.seed(Jitter.full());
    StormScenario small = StormScenario.builder().events(RetryStorm.CLOSED_LOOP_PER_EVENT_MAX_EVENTS)
        .outage(Duration.ofSeconds(5)).arrivalRatePerSecond(20_000).build();
    io.github.eventretry.simulator.internal.Tally exact =
        io.github.eventretry.simulator.internal.ClosedLoopEngine.run(p, small, 4L);
    StormResult r = RetryStorm.closedLoop(p, small, 4L);
    assertThat(r.attempts()).isEqualTo(exact.attempts);
    assertThat(r.delivered()).isEqualTo(exact.delivered);
    StormScenario large = StormScenario.builder().events(RetryStorm.CLOSED_LOOP_PER_EVENT_MAX_EVENTS + 1)
        .outage(Duration.ofSeconds(5)).arrivalRatePerSecond(20_000).build();
    io.github.eventretry.simulator.internal.Tally aggregate =
        io.github.eventretry.simulator.internal.AggregateClosedLoopEngine.run(p, large, 4L,
            io.github.eventretry.simulator.internal.Progress.none());
    StormResult above = RetryStorm.closedLoop(p, large, 4L);
    assertThat(above.attempts()).isEqualTo(aggregate.attempts);
    assertThat(above.delivered()).isEqualTo(aggregate.delivered);
    assertThat(above).isEqualTo(RetryStorm.closedLoop(p, large, 4L));
  }

  @Test
  void monteCarloRejectsMoreEventsThanItsDocumentedBoundInsteadOfSimulatingFewer() {
    assertThat(RetryStorm.MAX_MONTE_CARLO_EVENTS).isEqualTo(100_000_000_000_000L);
    // The bound leaves the engine's int chunk counter far from overflow.
    assertThat(RetryStorm.MAX_MONTE_CARLO_EVENTS / 65_536).isLessThan(Integer.MAX_VALUE - 1024);
    for (long events : new long[] {RetryStorm.MAX_MONTE_CARLO_EVENTS + 1, 1L << 47, Long.MAX_VALUE}) {
      StormScenario tooMany = StormScenario.of(events, Duration.ofMinutes(10));
      assertThatThrownBy(() -> RetryStorm.monteCarlo(Policies.seed(), tooMany, 1L, 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rejected: " + events)
          .hasMessageContaining("at most 100000000000000");
    }
  }

  /**
   * Admitted attempts (attempts minus throttled ones) per second, in the outage and after it, never
   * exceed max(1, floor(L)); for L below 1 the bucket still holds one token and refills L per second.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.5, 0.999, 1.0, 2.5, 150.0})
  void closedLoopAdmitsAtMostTheRateLimitEverySecondDuringAndAfterTheOutage(double limit) {
    RetryPolicy p = Policies.seed(Jitter.full()).toBuilder().destinationRateLimitRps(limit).build();
    StormScenario s = StormScenario.builder().events(2000).outage(Duration.ofSeconds(8))
        .arrivalRatePerSecond(400).build();
    io.github.eventretry.simulator.internal.Tally t =
        io.github.eventretry.simulator.internal.ClosedLoopEngine.run(p, s, 3L);
    double cap = Math.max(1.0, Math.floor(limit));
    double admittedInOutage = 0;
    double admitted = 0;
    for (int sec = 0; sec < t.attemptsPerSecond.length; sec++) {
      double a = t.attemptsPerSecond[sec] - t.throttledPerSecond[sec];
      assertThat(a).as("admitted attempts in second %d", sec).isLessThanOrEqualTo(cap);
      if (sec < 8) {
        admittedInOutage += a;
      }
      admitted += a;
    }
    // The bucket really admits during the outage (those attempts fail), and the series add up.
    assertThat(admittedInOutage).isGreaterThan(0);
    assertThat(admitted).isEqualTo(t.attempts - t.throttled);
    // Over the whole run a bucket of capacity max(1, L) refilled L per second admits at most
    // max(1, L) + L * (seconds - 1).
    assertThat(admitted).isLessThanOrEqualTo(
        Math.max(1.0, limit) + limit * (t.attemptsPerSecond.length - 1) + 1e-9);
    StormResult r = RetryStorm.closedLoop(p, s, 3L);
    assertThat(r.attempts()).isEqualTo(t.attempts);
    assertThat(r.throttled()).isEqualTo(t.throttled);
  }
}
