package io.github.eventretry.state.reliability;

import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.StorageClass;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.state.ConcurrentRolloutException;
import io.github.eventretry.state.FileAuditLog;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.RolloutEngine;
import io.github.eventretry.state.RolloutPlan;
import io.github.eventretry.state.RolloutResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of the reliability tests: deploys to one integration through a FileStateStore and a
 * FileAuditLog, and prints one line per finished rollout ({@code committed v7}) to stdout.
 *
 * <p>Arguments: folder, integration id, mode ({@code loop} or {@code once}), seed, bake in ms.
 */
public final class DeployerMain {
  private DeployerMain() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    String id = args[1];
    String mode = args[2];
    SplittableRandom rng = new SplittableRandom(Long.parseLong(args[3]));
    long bakeMs = Long.parseLong(args[4]);
    PrintStream out = System.out;
    AtomicLong config = new AtomicLong();
    Clock clock = Clock.systemUTC();
    FileStateStore store = FileStateStore.open(folder, clock);
    try (FileAuditLog audit = FileAuditLog.builder(folder).clock(clock).open()) {
      RolloutEngine engine = RolloutEngine.builder()
          .target(new io.github.eventretry.core.spi.PolicyTarget() {
            private volatile io.github.eventretry.core.spi.TargetSnapshot held =
                io.github.eventretry.core.spi.TargetSnapshot.of("crash-loop", "{}");

            @Override
            public io.github.eventretry.core.spi.TargetSnapshot read(String i) {
              return held;
            }

            @Override
            public ApplyResult apply(String i, io.github.eventretry.core.RetryPolicy p,
                io.github.eventretry.core.TrafficSplit s) {
              return new ApplyResult(i, p.fingerprint(), s, config.incrementAndGet());
            }

            @Override
            public io.github.eventretry.core.spi.RestoreResult restore(String i,
                io.github.eventretry.core.spi.TargetSnapshot snapshot) {
              held = snapshot;
              return new io.github.eventretry.core.spi.RestoreResult(i, snapshot, config.incrementAndGet());
            }
          })
          .metrics((i, from, to) -> new DeliveryMetrics(i, from, to, 1000,
              rng.nextInt(10) == 0 ? 0.5 : 0.99, 3, Duration.ofMillis(15)))
          .stateStore(store).auditLog(audit).clock(clock).sleeper(Sleeper.system())
          .random(new SplittableRandom(rng.nextLong())).owner("deployer-" + mode)
          .build();
      // Warm up validation (Hibernate Validator starts slowly) so that kills land in deployment work.
      io.github.eventretry.core.json.PolicyTrees.read(io.github.eventretry.core.json.PolicyTrees.toJsonNode(policy(1)));
      out.println("ready");
      out.flush();
      if (mode.equals("once")) {
        try {
          RolloutResult r = engine.deploy(id, policy(1 + rng.nextInt(10)),
              RolloutPlan.allAtOnce().withBakeTime(Duration.ofMillis(bakeMs)).withMinimumSample(1)
                  .withSuccessThreshold(0.0), "racer", "race");
          out.println("result " + r.outcome() + " " + r.versionId().orElse("-") + " " + r.serial());
          out.flush();
        } catch (ConcurrentRolloutException e) {
          out.println("concurrent " + e.getMessage());
          out.flush();
          System.exit(3);
        }
        return;
      }
      RolloutResult resumed = engine.resume(id, "crash-loop");
      out.println("resumed " + resumed.outcome() + " " + resumed.versionId().orElse("-"));
      out.flush();
      RolloutPlan plan = RolloutPlan.canary().withBakeTime(Duration.ofMillis(bakeMs)).withMinimumSample(1);
      for (int n = 0; ; n++) {
        RolloutResult r = engine.deploy(id, policy(1 + n % 10), plan, "crash-loop", "iteration " + n);
        if (r.outcome() == RolloutResult.Outcome.COMPLETED) {
          out.println("committed " + r.versionId().orElseThrow());
        } else {
          out.println(r.outcome().name().toLowerCase(java.util.Locale.ROOT) + " " + r.versionId().orElse("-"));
        }
        out.flush();
      }
    }
  }

  static RetryPolicy policy(int retries) {
    return RetryPolicy.builder().maxRetries(retries).backoffStrategy(BackoffStrategy.EXPONENTIAL)
        .baseDelay(Duration.ofMillis(500)).maxDelay(Duration.ofMinutes(1)).destinationRateLimitRps(150.0)
        .storageClass(StorageClass.STANDARD).build();
  }
}
