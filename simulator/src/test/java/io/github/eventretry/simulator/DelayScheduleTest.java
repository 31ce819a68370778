package io.github.eventretry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.eventretry.core.Backoff;
import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DelayScheduleTest {
  private static final double EPS = 1e-9;

  /** Base 500 ms, cap 60 s, exponential: retry 3 is d = 4000, retry 7 is d = max = 60000. */
  private static Backoff backoff(Jitter jitter) {
    return Backoff.of(BackoffStrategy.EXPONENTIAL, jitter, 500, 60_000);
  }

  @Test
  void pinnedDrawsFollowEachFormula() {
    // d = 4000 for retry 3 of the seed policy (500 * 2^3), max 60000, base 500.
    assertThat(backoff(Jitter.none()).delayMillis(3, 500, 0.75)).isEqualTo(4000.0);
    assertThat(backoff(Jitter.full()).delayMillis(3, 500, 0.25)).isEqualTo(1000.0);
    assertThat(backoff(Jitter.equal()).delayMillis(3, 500, 0.5)).isEqualTo(3000.0);
    assertThat(backoff(Jitter.proportional(0.1)).delayMillis(3, 500, 0.5))
        .isCloseTo(4200.0, within(EPS));
    // Decorrelated: base + (min(max, 3 * prev) - base) * u = 500 + (3000 - 500) * 0.5.
    assertThat(backoff(Jitter.decorrelated()).delayMillis(3, 1000, 0.5))
        .isEqualTo(1750.0);
    assertThat(backoff(Jitter.decorrelated()).delayMillis(3, 50000, 0.5))
        .isEqualTo(30250.0);
  }

  @Test
  void proportionalJitterAtTheCapLowersThePreJitterValueInsteadOfClamping() {
    // d = max = 60000, f = 0.2: c = 60000 / 1.2 = 50000, delay = 50000 * (1 + 0.2 u).
    assertThat(backoff(Jitter.proportional(0.2)).delayMillis(7, 500, 0.0))
        .isCloseTo(50000.0, within(EPS));
    assertThat(backoff(Jitter.proportional(0.2)).delayMillis(7, 500, 0.5))
        .isCloseTo(55000.0, within(EPS));
    assertThat(backoff(Jitter.proportional(0.2)).delayMillis(7, 500,
        Math.nextDown(1.0))).isLessThanOrEqualTo(60000.0).isGreaterThan(59999.99);
  }

  @Test
  void seedPolicyScheduleIsTheTutorialsExponentialBackoff() {
    DelaySchedule s = DelaySchedule.of(Policies.seed(Jitter.none()));
    assertThat(s.sample(new SplittableRandom(1))).containsExactly(500, 1000, 2000, 4000, 8000);
    assertThat(s.nominalDelayMillis(7)).isEqualTo(60000);
    assertThat(s.nominalDelayMillis(Integer.MAX_VALUE)).isEqualTo(60000);
    assertThat(s.delayMillis(Integer.MAX_VALUE, 500, 0.5)).isEqualTo(60000);
  }

  @Test
  void samplerWalksTheScheduleAndResets() {
    RetryPolicy p = Policies.seed(Jitter.decorrelated());
    DelaySchedule s = DelaySchedule.of(p);
    DelaySampler sampler = s.sampler(new SplittableRandom(9));
    double[] expected = s.sample(new SplittableRandom(9));
    int i = 0;
    while (sampler.hasNext()) {
      assertThat(sampler.nextDelayMillis()).isEqualTo(expected[i++]);
    }
    assertThat(i).isEqualTo(5);
    assertThat(sampler.retry()).isEqualTo(5);
    sampler.reset();
    assertThat(sampler.retry()).isZero();
    assertThat(sampler.nextDelay().toNanos()).isPositive();
  }

  @Test
  void rejectsBadArgumentsSayingWhatIsAllowed() {
    assertThatThrownBy(() -> backoff(Jitter.full()).delayMillis(0, 500, 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1)")
        .hasMessageContaining("1.0");
    assertThatThrownBy(() -> Backoff.of(BackoffStrategy.EXPONENTIAL, Jitter.full(), 200, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base 200 ms, max 100 ms");
    assertThatThrownBy(() -> DelaySchedule.of(Policies.seed()).delayMillis(-1, 500, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> DelaySchedule.of(null))
        .isInstanceOf(NullPointerException.class).hasMessage("policy");
  }

  @Test
  void negativeRetriesAreRejectedByEveryAccessorNotJustTheDraw() {
    for (Jitter j : new Jitter[] {Jitter.none(), Jitter.proportional(0.1), Jitter.full(),
        Jitter.equal(), Jitter.decorrelated()}) {
      DelaySchedule s = DelaySchedule.of(Policies.seed(j));
      assertThatThrownBy(() -> s.lowMillis(-1, 500))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejected: -1");
      assertThatThrownBy(() -> s.highMillis(-1, 500))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejected: -1");
      assertThatThrownBy(() -> s.expectedDelayMillis(-1, 500))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejected: -1");
      assertThatThrownBy(() -> s.nextDelayMillis(-1, 500, new SplittableRandom(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejected: -1");
    }
  }

  @Test
  void aPreviousDelayOutsideItsRangeIsRejectedWhereverItIsRead() {
    for (Jitter j : new Jitter[] {Jitter.none(), Jitter.proportional(0.1), Jitter.full(),
        Jitter.equal(), Jitter.decorrelated()}) {
      DelaySchedule s = DelaySchedule.of(Policies.seed(j));
      for (double bad : new double[] {Double.NaN, -1.0, Double.POSITIVE_INFINITY}) {
        // retry 0 is on the precomputed fast path, retry 7 (beyond max_retries 5) on the slow one.
        for (int retry : new int[] {0, 7}) {
          if (retry == 0 && !(j instanceof Jitter.Decorrelated)) {
            // The hot path of the modes that never read previousMillis does not check it.
            assertThat(s.nextDelayMillis(retry, bad, new SplittableRandom(1)))
                .isBetween(0.0, (double) Policies.seed(j).maxDelayMillis());
          } else {
            assertThatThrownBy(() -> s.nextDelayMillis(retry, bad, new SplittableRandom(1)))
                .as("%s, retry %d, previous %s", j, retry, bad)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("previousMillis").hasMessageContaining(String.valueOf(bad));
          }
          assertThatThrownBy(() -> s.delayMillis(retry, bad, 0.5))
              .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previousMillis");
          assertThatThrownBy(() -> s.lowMillis(retry, bad))
              .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previousMillis");
          assertThatThrownBy(() -> s.highMillis(retry, bad))
              .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previousMillis");
        }
      }
    }
  }
}
