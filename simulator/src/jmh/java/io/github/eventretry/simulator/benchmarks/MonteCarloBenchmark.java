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
 * Monte Carlo with {@code max_retries} 10 through a one-hour outage, so every event makes all 11
 * attempts: attempts = 11 x events. In a JVM limited to 256 MB of heap.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@State(Scope.Benchmark)
public class MonteCarloBenchmark {
  @Param({"1000000", "10000000"})
  public long events;

  @Param({"1", "2"})
  public int threads;

  private RetryPolicy policy;
  private StormScenario scenario;

  @Setup
  public void setUp() {
    policy = BenchmarkPolicies.tenRetries();
    scenario = StormScenario.of(events, Duration.ofHours(1));
  }

  @Benchmark
  public StormResult monteCarlo() {
    StormResult r = RetryStorm.monteCarlo(policy, scenario, 42L, threads);
    if (r.attempts() != 11.0 * events) {
      throw new AssertionError("expected 11 attempts per event, got " + r.attempts());
    }
    return r;
  }
}
