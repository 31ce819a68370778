package io.github.eventretry.examples.demo;

import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.payload.AppliedPolicy;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.TelemetryBatch;
import io.github.eventretry.core.spi.TelemetryResult;
import io.github.eventretry.examples.cli.Deployments;
import io.github.eventretry.genesys.ClientCredentials;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.HttpTelemetrySink;
import io.github.eventretry.genesys.TutorialMetricsSource;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.simulator.Finding;
import io.github.eventretry.simulator.RetryStorm;
import io.github.eventretry.simulator.StormChart;
import io.github.eventretry.simulator.Severity;
import io.github.eventretry.simulator.StormResult;
import io.github.eventretry.simulator.StormScenario;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.LockInfo;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.rollout.RolloutEngine;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutResult;
import io.github.eventretry.state.rollout.StopSignal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The tutorial's whole flow, end to end, on the embedded Genesys Cloud emulator: validate, simulate
 * (with a chart), deploy in a 10/50/100 rollout, watch a bad policy roll itself back, do the same on
 * the EventBridge rule targets of an embedded AWS emulator judged by CloudWatch ({@link AwsSide}),
 * read delivery metrics, export telemetry to a loopback collector, print the history and verify the
 * audit trail.
 *
 * <p>Bakes run on simulated time ({@link VirtualTime}), so the five-minute stages take no real time;
 * the state and the audit log record wall-clock times, and the output marks simulated time as such.
 * The delivery metrics come from the simulator ({@link SimulatedDeliveries}). Everything it writes goes
 * to one folder: the state, the audit log ({@code audit.jsonl}), the chart and the two policies.
 * Running it again continues the same history. Not thread-safe: one run at a time per folder.
 */
public final class Demo {
  /** The dashboard key the loopback collector accepts. Not a secret: loopback only. */
  static final String DASHBOARD_KEY = "demo-dashboard-key";
  private static final int STEPS = 8;

  private final Path dir;
  private final long seed;
  private final PrintWriter out;
  private final PrintWriter progress;

  /**
   * Prepares a run.
   *
   * @param dir the folder for state, audit log and chart; created if absent
   * @param seed the seed of every simulation
   * @param out where results go (the summary)
   * @param progress where one progress line per step goes
   */
  public Demo(Path dir, long seed, PrintWriter out, PrintWriter progress) {
    this.dir = dir;
    this.seed = seed;
    this.out = out;
    this.progress = progress;
  }

  /**
   * Reads one of the bundled policies ({@code examples/policies/}).
   *
   * @param name such as {@code seed-policy.json}
   * @return the policy
   */
  public static RetryPolicy bundledPolicy(String name) {
    try (InputStream in = Demo.class.getResourceAsStream("/policies/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the examples jar lacks /policies/" + name);
      }
      return PolicyJson.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void step(int n, String what) {
    progress.printf(Locale.ROOT, "[%d/%d] %s%n", n, STEPS, what);
    progress.flush();
  }

  private void detail(String line) {
    progress.println("      " + line);
    progress.flush();
  }

  /**
   * Runs the demo.
   *
   * @return 0 when every step did what it should, 1 when one did not (the summary says which)
   * @throws IOException if the folder cannot be written or a loopback port cannot be bound
   * @throws InterruptedException if interrupted
   */
  public int run() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    long started = System.nanoTime();

    step(1, "validate the policies");
    RetryPolicy good = bundledPolicy("seed-policy.json");
    RetryPolicy bad = bundledPolicy("aggressive-policy.json");
    RetryPolicy spread = bundledPolicy("outage-spread-policy.json");
    Files.writeString(dir.resolve("seed-policy.json"), PolicyJson.write(good) + "\n");
    Files.writeString(dir.resolve("aggressive-policy.json"), PolicyJson.write(bad) + "\n");
    detail("seed-policy.json        valid " + good.fingerprint());
    detail("aggressive-policy.json  valid " + bad.fingerprint());
    detail("outage-spread-policy.json valid " + spread.fingerprint());

    step(2, "simulate retry storms (closed loop: the destination admits at most its rate limit)");
    StormScenario flap = StormScenario.builder()
        .events(SimulatedDeliveries.EVENTS_PER_SECOND * SimulatedDeliveries.OUTAGE_SECONDS)
        .arrivalRatePerSecond(SimulatedDeliveries.EVENTS_PER_SECOND)
        .outage(Duration.ofSeconds(SimulatedDeliveries.OUTAGE_SECONDS))
        .build();
    detail("a: the demo's destination drops out for 10 s while 20 events/s arrive");
    describeStorm("seed-policy", RetryStorm.closedLoop(good, flap, seed));
    describeStorm("aggressive-policy", RetryStorm.closedLoop(bad, flap, seed));
    StormScenario storm = StormScenario.of(100_000, Duration.ofMinutes(10));
    detail("b: 100,000 events fail at once and the destination stays down for 10 minutes");
    StormResult goodStorm = RetryStorm.closedLoop(good, storm, seed);
    describeStorm("seed-policy", goodStorm);
    describeStorm("aggressive-policy", RetryStorm.closedLoop(bad, storm, seed));
    StormResult spreadStorm = RetryStorm.closedLoop(spread, storm, seed);
    describeStorm("outage-spread", spreadStorm);
    detail(spreadStorm.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR)
        ? "outage-spread-policy.json does NOT ride out b"
        : "outage-spread-policy.json rides out b (no error finding): 4 retries, full jitter, starting"
            + " 20 minutes after the failure");
    Files.writeString(dir.resolve("storm.svg"), StormChart.svg(goodStorm, good, "seed-policy.json"), StandardCharsets.UTF_8);
    detail("chart of b for seed-policy: " + dir.resolve("storm.svg"));

    Clock clock = Clock.systemUTC();
    VirtualTime time = new VirtualTime();
    SimulatedDeliveries deliveries = new SimulatedDeliveries(seed);
    try (GenesysCloudEmulator emulator = GenesysCloudEmulator.builder()
            .metricsModel(deliveries)
            .start();
        TelemetryCollector collector = TelemetryCollector.start(DASHBOARD_KEY);
        FileAuditLog audit = FileAuditLog.builder(dir).clock(clock).open()) {
      String integrationId = GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;
      HttpGenesysClient client = HttpGenesysClient.builder()
          .baseUri(emulator.baseUri())
          .credentials(new ClientCredentials(GenesysCloudEmulator.DEFAULT_CLIENT_ID,
              GenesysCloudEmulator.DEFAULT_CLIENT_SECRET))
          .build();
      FileStateStore store = FileStateStore.open(dir, clock);
      TutorialMetricsSource metricsSource = TutorialMetricsSource.of(client);
      RolloutEngine engine = Deployments.engine(client, metricsSource, store, audit, clock, time, progress,
          StopSignal.create());
      for (LockInfo stale : engine.unlock(integrationId, "demo")) {
        detail("cleared a lock left by a demo that was killed: " + stale.describe());
      }
      RolloutPlan plan = RolloutPlan.canary().withBakeTime(Duration.ofMinutes(5))
          .withSuccessThreshold(0.98).withMinimumSample(100);

      step(3, "deploy seed-policy.json to the emulator: canary 10% -> 50% -> 100%, each stage baking"
          + " 5 min of simulated time, threshold 0.98");
      RolloutResult first = engine.deploy(integrationId, good, plan, "demo", "the tutorial's policy");
      detail(Deployments.describeOutcome(first));
      detail("simulated bake time so far: " + time.elapsedMinutes() + " min (it took no real"
          + " time; the history records wall-clock times)");

      step(4, "deploy aggressive-policy.json (2 retries in 300 ms, no jitter, no DLQ) and watch it"
          + " roll back");
      RolloutResult second = engine.deploy(integrationId, bad, plan, "demo",
          "shorter retries, ignoring the simulator's findings");
      detail(Deployments.describeOutcome(second));
      AppliedPolicy live = client.getConfiguration(integrationId).appliedPolicy().orElseThrow();
      detail("Genesys now holds " + live.policy().fingerprint() + " at " + live.trafficSplit()
          + (live.policy().equals(good) ? " (the seed policy, exactly)" : " (NOT the seed policy)"));

      step(5, "the AWS side, where retries really happen: the same policies on the partner event"
          + " bus's rule targets (AWS emulator), each stage baking 5 min of simulated time, judged by"
          + " CloudWatch");
      AwsSide.Result awsSide = AwsSide.run(deliveries, good, bad, integrationId, time,
          clock.instant(), progress, this::detail);

      step(6, "read delivery metrics for the last hour (the tutorial's analytics query)");
      Instant now = clock.instant();
      DeliveryMetrics metrics = metricsSource.fetch(integrationId, now.minus(Duration.ofHours(1)), now);
      detail(String.format(Locale.ROOT, "%d deliveries, success rate %.4f, %d retries, mean latency"
              + " %d ms", metrics.sampleSize(), metrics.successRate(), metrics.retryCount(),
          metrics.meanDeliveryLatency().toMillis()));

      step(7, "export telemetry to the loopback collector " + collector.ingestUri());
      TelemetryResult exported = HttpTelemetrySink.builder(collector.ingestUri(), DASHBOARD_KEY).build()
          .export(new TelemetryBatch(TelemetryBatch.DEFAULT_SOURCE, clock.instant(), List.of(metrics)));
      detail((exported.delivered() ? "delivered" : "NOT delivered") + " after " + exported.attempts()
          + " attempt(s): " + exported.detail());

      step(8, "history and audit trail");
      DeploymentState state = store.load(integrationId).orElseThrow();
      for (PolicyVersion v : state.history()) {
        detail(String.format(Locale.ROOT, "%-4s %-11s %4d%%  %s  %s%s", v.id(), v.status().jsonName(),
            v.split().percent(), v.digest().substring(0, 19), v.reason(),
            v.lastChange().map(c -> "  [" + c.status().jsonName() + ": " + c.reason() + "]").orElse("")));
      }
      AuditVerification verification = audit.verify(List.of(state.auditExpectation()));
      detail("audit log " + audit.file() + ": " + verification.recordsChecked() + " records, "
          + verification.recordsValid() + " valid, " + verification.faults().size() + " fault(s)");

      boolean ok = first.outcome() == RolloutResult.Outcome.COMPLETED
          && second.outcome() == RolloutResult.Outcome.ROLLED_BACK
          && live.policy().equals(good)
          && exported.delivered()
          && collector.received().size() == 1
          && verification.intact()
          && awsSide.ok();
      long ms = (System.nanoTime() - started) / 1_000_000;
      out.println("eventretry demo " + (ok ? "finished" : "FAILED") + " in " + ms + " ms of real time"
          + " (the bakes: " + time.elapsedMinutes() + " minutes of simulated time)");
      out.println("  seed policy:       " + first.outcome() + ", active " + first.activeVersionId()
          .orElse("-"));
      out.println("  aggressive policy: " + second.outcome() + ", active " + second.activeVersionId()
          .orElse("-"));
      out.println("  on AWS:            aggressive " + awsSide.bad().outcome() + ", targets "
          + (awsSide.restoredExactly() ? "restored exactly" : "NOT restored") + "; seed "
          + awsSide.good().outcome() + (awsSide.goodHeld() ? ", held by both targets" : ", NOT held"));
      out.println("  telemetry:         " + (exported.delivered() ? "delivered" : "not delivered"));
      out.println("  audit log:         " + (verification.intact() ? "intact" : "BROKEN") + ", "
          + verification.recordsChecked() + " records");
      out.println("  files:             " + dir.toAbsolutePath().normalize());
      out.println("next: java -jar examples/target/eventretry.jar audit verify --state " + dir);
      out.flush();
      return ok ? 0 : 1;
    }
  }

  private void describeStorm(String name, StormResult r) {
    detail(String.format(Locale.ROOT, "%-18s %,.0f attempts, %,.0f delivered, %,.0f dead-lettered,"
            + " %,.0f dropped, peak %,.0f/s, %d s over the limit", name, r.attempts(), r.delivered(),
        r.deadLettered(), r.dropped(), r.peakAttemptsPerSecond(), r.secondsOverRateLimit()));
    for (Finding f : r.findings()) {
      detail("  " + f);
    }
  }
}
