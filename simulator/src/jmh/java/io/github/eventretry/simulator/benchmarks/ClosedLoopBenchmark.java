package io.github.eventretry.simulator.benchmarks;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.RetryStorm;
import io.github.eventretry.simulator.StormResult;
import io.github.eventretry.simulator.StormScenario;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The closed loop by aggregate: 10^6 and 10^8 events failing at t = 0 through a 10-minute outage,
 * {@code max_retries} 10, 150 rps, in a JVM limited to 256 MB of heap. Every event makes all 11
 * attempts (the retry window, about 4.5 minutes, is shorter than the outage): the benchmark checks
 * {@code attempts == 11 * events}. Its time must not grow with the events.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@State(Scope.Benchmark)
public class ClosedLoopBenchmark {
  @Param({"1000000", "100000000"})
  public long events;

  private RetryPolicy policy;
  private StormScenario scenario;

  @Setup
  public void setUp() {
    policy = BenchmarkPolicies.tenRetries();
    scenario = StormScenario.of(events, Duration.ofMinutes(10));
  }

  @Benchmark
  public StormResult closedLoop() {
    StormResult r = RetryStorm.closedLoop(policy, scenario, 42L);
    if (r.attempts() != 11.0 * events || r.deadLettered() != events) {
      throw new AssertionError("expected 11 attempts and a dead letter per event, got " + r);
    }
    return r;
  }
}
