package io.github.eventretry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The progress seam: reports from the calling thread, never decreasing, 1.0 at the end; false stops. */
class StormProgressTest {
  private static final StormScenario LONG = StormScenario.builder().events(300_000)
      .outage(Duration.ofSeconds(30)).arrivalRatePerSecond(5_000).build();

  @ParameterizedTest
  @EnumSource(Engine.class)
  void everyEngineReportsAGrowingFractionOnTheCallingThreadAndOneAtTheEnd(Engine engine) {
    List<Double> seen = new ArrayList<>();
    Thread caller = Thread.currentThread();
    StormResult r = RetryStorm.run(engine, Policies.seed(), LONG, 3L, 2, f -> {
      assertThat(Thread.currentThread()).isSameAs(caller);
      seen.add(f);
      return true;
    });
    // LONG is 5 Monte Carlo chunks; with 2 threads the other one may draw 4 of them before the calling
    // thread ends its first, which leaves a single report (1.0): all the engine promises is one.
    assertThat(seen).isNotEmpty().isSorted().allSatisfy(f -> assertThat(f).isBetween(0.0, 1.0));
    assertThat(seen.get(seen.size() - 1)).isEqualTo(1.0);
    // Watching changes nothing.
    assertThat(r).isEqualTo(RetryStorm.run(engine, Policies.seed(), LONG, 3L, 2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"MONTE_CARLO", "ANALYTIC", "CLOSED_LOOP"})
  void falseStopsTheRunWithNoResult(String name) {
    Engine engine = Engine.valueOf(name);
    AtomicInteger calls = new AtomicInteger();
    // One thread: with two, the other may draw every chunk after the calling thread's first, so that
    // the calling thread is asked only once and the run ends before the second answer could stop it.
    SimulationCancelledException e = catchThrowableOfType(SimulationCancelledException.class,
        () -> RetryStorm.run(engine, Policies.seed(), LONG, 3L, 1, f -> calls.incrementAndGet() < 2));
    assertThat(e).isNotNull();
    assertThat(calls).hasValue(2);
    assertThat(e.fractionDone()).isBetween(0.0, 1.0);
    assertThat(e.getMessage()).startsWith("simulation stopped at ").endsWith("% on request");
  }

  @Test
  void aStoppedMonteCarloLeavesNoThreadRunning() throws InterruptedException {
    StormScenario huge = StormScenario.of(1_000_000_000_000L, Duration.ofMinutes(10));
    catchThrowableOfType(SimulationCancelledException.class,
        () -> RetryStorm.run(Engine.MONTE_CARLO, Policies.seed(), huge, 1L, 2, f -> false));
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("eventretry-monte-carlo-") && t.isAlive());
  }

  @Test
  void theAggregateClosedLoopStopsToo() {
    StormScenario huge = StormScenario.of(RetryStorm.MAX_CLOSED_LOOP_EVENTS, Duration.ofMinutes(10));
    AtomicInteger calls = new AtomicInteger();
    assertThat(catchThrowableOfType(SimulationCancelledException.class,
        () -> RetryStorm.run(Engine.CLOSED_LOOP, Policies.seed(), huge, 1L, 1,
            f -> calls.incrementAndGet() < 3))).isNotNull();
    assertThat(calls).hasValue(3);
  }

  @Test
  void noneNeverStops() {
    assertThat(StormProgress.none().proceed(0.0)).isTrue();
    assertThat(StormProgress.none().proceed(1.0)).isTrue();
  }
}
