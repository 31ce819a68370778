package io.github.eventretry.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.testing.PolicyArbitraries;
import java.math.BigInteger;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The guarantees of docs/simulator.md, "Delay schedules", each a property. */
class DelayScheduleProperties {

  @Provide
  Arbitrary<RetryPolicy> policies() {
    return PolicyArbitraries.validPolicies();
  }

  @Provide
  Arbitrary<Integer> retries() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 12),
        Arbitraries.integers().between(0, Integer.MAX_VALUE));
  }

  @Provide
  Arbitrary<Double> draws() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(0.0, 1.0).filter(u -> u < 1.0),
        Arbitraries.of(0.0, 0.25, 0.5, 0.75, Math.nextDown(1.0)));
  }

  private static RetryPolicy withJitter(RetryPolicy p, Jitter j) {
    return p.toBuilder().jitter(j).build();
  }

  /** The nominal formula, computed independently with BigInteger. */
  private static long formula(RetryPolicy p, int n) {
    BigInteger base = BigInteger.valueOf(p.baseDelayMillis());
    BigInteger d = p.backoffStrategy() == BackoffStrategy.EXPONENTIAL
        ? (n > 64 ? BigInteger.ONE.shiftLeft(80) : base.shiftLeft(n))
        : base.multiply(BigInteger.valueOf(n + 1L));
    return d.min(BigInteger.valueOf(p.maxDelayMillis())).longValueExact();
  }

  @Property
  void everyDelayIsBetweenZeroAndMax(
      @ForAll("policies") RetryPolicy p, @ForAll("retries") int n, @ForAll("draws") double u,
      @ForAll @DoubleRange(min = 0, max = 86_400_000) double previous) {
    double d = DelaySchedule.of(p).delayMillis(n, previous, u);
    assertThat(d).isBetween(0.0, (double) p.maxDelayMillis());
  }

  @Property
  void withoutJitterTheScheduleIsNonDecreasingAndExactlyTheFormula(
      @ForAll("policies") RetryPolicy any, @ForAll @IntRange(min = 0, max = 200) int n,
      @ForAll("draws") double u) {
    RetryPolicy p = withJitter(any, Jitter.none());
    DelaySchedule s = DelaySchedule.of(p);
    assertThat(s.delayMillis(n, 0, u)).isEqualTo((double) formula(p, n));
    assertThat(s.delayMillis(n + 1, 0, u)).isGreaterThanOrEqualTo(s.delayMillis(n, 0, u));
    assertThat(s.nominalDelayMillis(Integer.MAX_VALUE)).isEqualTo(p.maxDelayMillis());
  }

  @Property
  void fullJitterIsWithinZeroAndTheNominalDelay(
      @ForAll("policies") RetryPolicy any, @ForAll("retries") int n, @ForAll("draws") double u) {
    RetryPolicy p = withJitter(any, Jitter.full());
    double d = DelaySchedule.of(p).delayMillis(n, 0, u);
    assertThat(d).isBetween(0.0, (double) p.nominalDelayMillis(n));
  }

  @Property
  void equalJitterIsWithinHalfAndTheWholeNominalDelay(
      @ForAll("policies") RetryPolicy any, @ForAll("retries") int n, @ForAll("draws") double u) {
    RetryPolicy p = withJitter(any, Jitter.equal());
    long nominal = p.nominalDelayMillis(n);
    double d = DelaySchedule.of(p).delayMillis(n, 0, u);
    assertThat(d).isBetween(nominal / 2.0, (double) nominal);
  }

  @Property
  void decorrelatedJitterIsWithinBaseAndThreeTimesThePrevious(
      @ForAll("policies") RetryPolicy any, @ForAll("retries") int n, @ForAll("draws") double u,
      @ForAll @DoubleRange(min = 100, max = 86_400_000) double previous) {
    RetryPolicy p = withJitter(any, Jitter.decorrelated());
    double d = DelaySchedule.of(p).delayMillis(n, previous, u);
    double upper = Math.max(p.baseDelayMillis(), Math.min(p.maxDelayMillis(), 3 * previous));
    assertThat(d).isBetween((double) p.baseDelayMillis(), upper);
  }

  @Property
  void decorrelatedSequencesStayWithinTheirBounds(
      @ForAll("policies") RetryPolicy any, @ForAll long seed) {
    RetryPolicy p = withJitter(any, Jitter.decorrelated());
    double[] s = DelaySchedule.of(p).sample(new SplittableRandom(seed));
    double prev = p.baseDelayMillis();
    for (double d : s) {
      assertThat(d).isBetween((double) p.baseDelayMillis(),
          Math.max(p.baseDelayMillis(), Math.min(p.maxDelayMillis(), 3 * prev)));
      prev = d;
    }
  }

  @Property(tries = 200)
  void proportionalJitterNeverExceedsTheCapAndDoesNotPileUpOnIt(
      @ForAll("policies") RetryPolicy any,
      @ForAll @DoubleRange(min = 0.01, max = 1.0) double factor, @ForAll long seed) {
    RetryPolicy p = withJitter(any, Jitter.proportional(factor));
    DelaySchedule s = DelaySchedule.of(p);
    // A retry far past the cap, for either strategy: the nominal delay is max itself.
    int n = Integer.MAX_VALUE;
    double max = p.maxDelayMillis();
    double c = max / (1 + factor);
    SplittableRandom r = new SplittableRandom(seed);
    int atCap = 0;
    int inTopTenth = 0;
    int draws = 2000;
    for (int i = 0; i < draws; i++) {
      double d = s.nextDelayMillis(n, 0, r);
      assertThat(d).isLessThanOrEqualTo(max).isGreaterThanOrEqualTo(c * (1 - 1e-12));
      if (d == max) {
        atCap++;
      }
      if (d >= max - (max - c) / 10) {
        inTopTenth++;
      }
    }
    // Clamping after the draw would put about factor/(1+factor) of the draws on exactly max.
    assertThat(atCap).isLessThanOrEqualTo(1);
    // Spread: the top tenth of the range gets about a tenth of the draws (binomial, 6 sigma).
    assertThat(inTopTenth).isBetween(200 - 81, 200 + 81);
  }

  @Property
  void theSameSeedGivesTheSameSequence(@ForAll("policies") RetryPolicy p, @ForAll long seed) {
    DelaySchedule s = DelaySchedule.of(p);
    assertThat(s.sample(new SplittableRandom(seed))).containsExactly(s.sample(new SplittableRandom(seed)));
  }

  /**
   * Each mode's sample mean is within 5 standard errors of its documented mean (the table in
   * {@link DelaySchedule}): a correct formula fails this about once in 1.7 million tries.
   */
  @Property(tries = 100)
  void sampleMeansMatchTheDocumentedExpectations(
      @ForAll("policies") RetryPolicy any, @ForAll("modes") Jitter jitter,
      @ForAll @IntRange(min = 0, max = 12) int n, @ForAll long seed) {
    RetryPolicy p = withJitter(any, jitter);
    DelaySchedule s = DelaySchedule.of(p);
    double d = p.nominalDelayMillis(n);
    double max = p.maxDelayMillis();
    double base = p.baseDelayMillis();
    double previous = Math.min(max, base * 2);
    double expected;
    double width;
    if (jitter instanceof Jitter.Proportional pj) {
      double c = Math.min(d, max / (1 + pj.factor()));
      expected = c * (1 + pj.factor() / 2);
      width = c * pj.factor();
    } else if (jitter instanceof Jitter.Full) {
      expected = d / 2;
      width = d;
    } else if (jitter instanceof Jitter.Equal) {
      expected = 3 * d / 4;
      width = d / 2;
    } else if (jitter instanceof Jitter.Decorrelated) {
      double hi = Math.min(max, 3 * previous);
      expected = (base + hi) / 2;
      width = hi - base;
    } else {
      expected = d;
      width = 0;
    }
    int draws = 20_000;
    SplittableRandom r = new SplittableRandom(seed);
    double sum = 0;
    for (int i = 0; i < draws; i++) {
      sum += s.nextDelayMillis(n, previous, r);
    }
    double standardError = width / Math.sqrt(12.0 * draws);
    assertThat(sum / draws).isCloseTo(expected,
        org.assertj.core.api.Assertions.within(5 * standardError + 1e-9 * Math.max(1, expected)));
    assertThat(s.expectedDelayMillis(n, previous)).isCloseTo(expected,
        org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, expected)));
  }

  @Provide
  Arbitrary<Jitter> modes() {
    return PolicyArbitraries.jitters();
  }
}
