package io.github.eventretry.simulator.benchmarks;

import io.github.eventretry.simulator.DelaySchedule;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One delay at attempt 10 (the tenth retry): eventretry's {@link DelaySchedule} against resilience4j's
 * {@code IntervalFunction.ofExponentialRandomBackoff} with the same base (500 ms), multiplier (2),
 * randomisation (0.1) and cap (60 s), in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DelayBenchmark {
  private DelaySchedule schedule;
  private SplittableRandom random;
  private IntervalFunction resilience4j;
  private double previous;

  @Setup
  public void setUp() {
    schedule = DelaySchedule.of(BenchmarkPolicies.tenRetries());
    random = new SplittableRandom(42);
    previous = schedule.initialPreviousMillis();
    resilience4j = IntervalFunction.ofExponentialRandomBackoff(
        Duration.ofMillis(500), 2.0, 0.1, Duration.ofSeconds(60));
  }

  /** eventretry: retry index 9 is the tenth retry, the eleventh attempt's wait. */
  @Benchmark
  public double eventretryDelayAtAttempt10() {
    return schedule.nextDelayMillis(9, previous, random);
  }

  /** resilience4j counts attempts from 1: attempt 10 is its tenth wait. */
  @Benchmark
  public long resilience4jDelayAtAttempt10() {
    return resilience4j.apply(10);
  }
}
