package io.github.eventretry.state.reliability;

import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.StorageClass;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.state.LockHeldException;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.rollout.RolloutEngine;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutResult;
import io.github.eventretry.state.jdbc.JdbcAuditLog;
import io.github.eventretry.state.jdbc.JdbcSchema;
import io.github.eventretry.state.jdbc.JdbcStateStore;
import io.github.eventretry.state.jdbc.TestPostgres;
import io.github.eventretry.state.spi.AuditLog;
import io.github.eventretry.state.spi.StateStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.github.eventretry.state.rollout.StopSignal;

/**
 * The child process of the reliability tests: deploys to one integration through a FileStateStore and a
 * FileAuditLog, and prints one line per finished rollout ({@code committed v7}) to stdout. SIGINT and
 * SIGTERM stop the rollout in progress through a {@link StopSignal} (a shutdown hook gives it and waits
 * for the rollout to record where it stopped); the JVM then exits 130 or 143.
 *
 * <p>Arguments: folder, integration id, mode ({@code loop} or {@code once}), seed, bake in ms. A folder
 * {@code pg:PORT:DATABASE:SCHEMA} deploys through a JdbcStateStore and a JdbcAuditLog instead, on the
 * test PostgreSQL server at that port.
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
    StateStore store;
    AuditLog auditLog;
    AutoCloseable closeLog;
    if (args[0].startsWith("pg:")) {
      String[] pg = args[0].split(":");
      JdbcSchema schema = JdbcSchema.of(TestPostgres.urlDataSource(Integer.parseInt(pg[1]), pg[2],
          TestPostgres.SUPERUSER), pg[3]);
      store = JdbcStateStore.open(schema, clock);
      auditLog = JdbcAuditLog.builder(schema).clock(clock).open();
      closeLog = () -> { };
    } else {
      store = FileStateStore.open(folder, clock);
      FileAuditLog file = FileAuditLog.builder(folder).clock(clock).open();
      auditLog = file;
      closeLog = file;
    }
    StopSignal stop = StopSignal.create();
    CountDownLatch finished = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.stop("signal");
      try {
        finished.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "stop-rollout"));
    try (AutoCloseable closing = closeLog) {
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
          .stateStore(store).auditLog(auditLog).clock(clock).sleeper(Sleeper.system())
          .random(new SplittableRandom(rng.nextLong())).owner("deployer-" + mode).stopSignal(stop)
          .listener(e -> {
            synchronized (out) {
              out.println("step " + e.step().auditAction());
              out.flush();
            }
          })
          .build();
      // Warm up validation (Hibernate Validator starts slowly) so that kills land in deployment work.
      io.github.eventretry.core.PolicyJson.read(io.github.eventretry.core.PolicyJson.write(policy(1)));
      out.println("ready");
      out.flush();
      if (mode.equals("once")) {
        try {
          out.println("deploying");
          out.flush();
          RolloutResult r = engine.deploy(id, policy(1 + rng.nextInt(10)),
              RolloutPlan.allAtOnce().withBakeTime(Duration.ofMillis(bakeMs)).withMinimumSample(1)
                  .withSuccessThreshold(0.0), "racer", "race");
          out.println("result " + r.outcome() + " " + r.versionId().orElse("-") + " " + r.serial());
          out.flush();
        } catch (LockHeldException e) {
          out.println("concurrent " + e.getMessage());
          out.flush();
          finished.countDown();
          System.exit(3);
        }
        return;
      }
      RolloutResult resumed = engine.resume(id, "crash-loop");
      out.println("resumed " + resumed.outcome() + " " + resumed.versionId().orElse("-"));
      out.flush();
      RolloutPlan plan = RolloutPlan.canary().withBakeTime(Duration.ofMillis(bakeMs)).withMinimumSample(1);
      for (int n = 0; !stop.stopped(); n++) {
        RolloutResult r = engine.deploy(id, policy(1 + n % 10), plan, "crash-loop", "iteration " + n);
        if (r.outcome() == RolloutResult.Outcome.COMPLETED) {
          out.println("committed " + r.versionId().orElseThrow());
        } else {
          out.println(r.outcome().name().toLowerCase(java.util.Locale.ROOT) + " " + r.versionId().orElse("-"));
        }
        out.flush();
      }
    } finally {
      finished.countDown();
    }
  }

  static RetryPolicy policy(int retries) {
    return RetryPolicy.builder().maxRetries(retries).backoffStrategy(BackoffStrategy.EXPONENTIAL)
        .baseDelay(Duration.ofMillis(500)).maxDelay(Duration.ofMinutes(1)).destinationRateLimitRps(150.0)
        .storageClass(StorageClass.STANDARD).build();
  }
}
