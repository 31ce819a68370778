package io.github.eventretry.genesys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.Backoff;
import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.genesys.testing.FixedRandom;
import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class FullJitterBackoffProperties {
  @Property
  void delayIsWithinZeroAndTheNominalDelay(
      @ForAll @LongRange(min = 100, max = 60_000) long base,
      @ForAll @LongRange(min = 0, max = 600_000) long extra,
      @ForAll @IntRange(min = 0, max = 200) int retry,
      @ForAll long seed) {
    FullJitterBackoff b = new FullJitterBackoff(
        Duration.ofMillis(base), Duration.ofMillis(base + extra), new SplittableRandom(seed));
    long nominal = b.nominalMillis(retry);
    assertThat(nominal).isBetween(base, base + extra);
    assertThat(b.delay(retry).toMillis()).isGreaterThanOrEqualTo(0).isLessThan(nominal);
  }

  @Property
  void delayIsCoresFullJitterDrawRoundedDown(
      @ForAll @LongRange(min = 100, max = 60_000) long base,
      @ForAll @LongRange(min = 0, max = 86_340_000) long extra,
      @ForAll @IntRange(min = 0, max = 200) int retry,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double u) {
    FullJitterBackoff b = new FullJitterBackoff(
        Duration.ofMillis(base), Duration.ofMillis(base + extra), new SplittableRandom(1));
    long nominal = b.nominalMillis(retry);
    long d = b.delayMillis(retry, u);
    assertThat(d).isGreaterThanOrEqualTo(0).isLessThan(nominal);
    assertThat((double) d).isCloseTo(u * nominal, Offset.offset(1.0));
    double core = Backoff.of(BackoffStrategy.EXPONENTIAL, Jitter.full(), base, base + extra)
        .delayMillis(retry, base, u);
    assertThat(d).isEqualTo(Math.min(nominal - 1, (long) Math.floor(core)));
  }

  @Test
  void aDrawWithinAnUlpOfOneStaysBelowTheNominalDelay() {
    FullJitterBackoff b = new FullJitterBackoff(
        Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(1));
    assertThat(b.delayMillis(0, Math.nextDown(1.0))).isEqualTo(499);
    assertThat(b.delayMillis(1000, Math.nextDown(1.0))).isEqualTo(29_999);
  }

  @Test
  void pinnedDrawsGiveTheTextbookSchedule() {
    FullJitterBackoff b = new FullJitterBackoff(
        Duration.ofMillis(500), Duration.ofSeconds(30), new FixedRandom(0.5));
    assertThat(b.delay(0)).isEqualTo(Duration.ofMillis(250));
    assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(b.delay(2)).isEqualTo(Duration.ofMillis(1000));
    assertThat(b.delay(6)).isEqualTo(Duration.ofMillis(15_000));
    assertThat(b.delay(7)).isEqualTo(Duration.ofMillis(15_000));
    assertThat(b.delay(1000)).isEqualTo(Duration.ofMillis(15_000));
  }

  @Test
  void rejectsOutOfRangeSettings() {
    assertThatThrownBy(() -> FullJitterBackoff.check(Duration.ofMillis(99), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backoff base must be whole milliseconds between 100 ms");
    assertThatThrownBy(() -> FullJitterBackoff.check(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backoff cap");
    FullJitterBackoff b = new FullJitterBackoff(
        Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(1));
    assertThatThrownBy(() -> b.delayMillis(0, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("u must be in [0, 1)");
    assertThatThrownBy(() -> b.delay(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retry must be 0 or more");
  }
}
