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

/** The analytic engine for 10^3 and 10^9 events: its cost must not depend on the number. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AnalyticBenchmark {
  @Param({"1000", "1000000000"})
  public long events;

  private RetryPolicy policy;
  private StormScenario scenario;

  @Setup
  public void setUp() {
    policy = BenchmarkPolicies.tenRetries();
    scenario = StormScenario.builder().events(events).outage(Duration.ofMinutes(2))
        .arrivalRatePerSecond(events / 120.0).build();
  }

  @Benchmark
  public StormResult analytic() {
    return RetryStorm.analytic(policy, scenario);
  }
}
