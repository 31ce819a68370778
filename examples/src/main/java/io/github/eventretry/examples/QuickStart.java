package io.github.eventretry.examples;

import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.TelemetryBatch;
import io.github.eventretry.core.spi.TelemetryResult;
import io.github.eventretry.genesys.ClientCredentials;
import io.github.eventretry.genesys.GenesysRegion;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.HttpTelemetrySink;
import io.github.eventretry.genesys.TutorialMetricsSource;
import io.github.eventretry.simulator.Finding;
import io.github.eventretry.simulator.RetryStorm;
import io.github.eventretry.simulator.StormResult;
import io.github.eventretry.simulator.StormScenario;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.rollout.RolloutEngine;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutResult;
import io.github.eventretry.state.rollout.RolloutStage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The tutorial's "Complete Working Example", step by step, in Java, with the same environment
 * variables: {@code GENESYS_CLIENT_ID}, {@code GENESYS_CLIENT_SECRET}, {@code GENESYS_INTEGRATION_ID},
 * {@code GENESYS_ENV} (a region such as {@code us-east-1}, a domain such as {@code mypurecloud.ie},
 * or the base URL of an emulator such as {@code http://127.0.0.1:18080}), {@code DASHBOARD_URL} and
 * {@code DASHBOARD_API_KEY}. {@code EVENTRETRY_STATE} names the state folder (default
 * {@code eventretry-quickstart}).
 *
 * <p>Run it against the emulator: start {@code java -jar examples/target/eventretry.jar emulator} in
 * one terminal, then set {@code GENESYS_ENV=http://127.0.0.1:18080}, the emulator's client id and
 * secret, and run this class.
 */
public final class QuickStart {
  private QuickStart() {}

  /**
   * Runs the example with the process environment and real time.
   *
   * @param args none
   */
  public static void main(String[] args) {
    System.exit(run(System.getenv(), System.out, Clock.systemUTC(), Sleeper.system()));
  }

  /**
   * Runs the example.
   *
   * @param env the environment variables
   * @param out where it prints
   * @param clock the clock (the bake waits on {@code sleeper})
   * @param sleeper the sleeper
   * @return 0 when deployed, 1 when rolled back or failed, 2 when a variable is missing
   */
  public static int run(Map<String, String> env, PrintStream out, Clock clock, Sleeper sleeper) {
    // client_id, client_secret, integration_id, env: as the tutorial reads them.
    String clientId = env.get("GENESYS_CLIENT_ID");
    String clientSecret = env.get("GENESYS_CLIENT_SECRET");
    String integrationId = env.get("GENESYS_INTEGRATION_ID");
    String genesysEnv = env.getOrDefault("GENESYS_ENV", "us-east-1");
    if (clientId == null || clientSecret == null || integrationId == null) {
      out.println("Missing required environment variables: GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET"
          + " and GENESYS_INTEGRATION_ID must be set");
      return 2;
    }

    // authenticate_genesys_client: a real region (or an emulator), OAuth client credentials.
    HttpGenesysClient.Builder builder = HttpGenesysClient.builder()
        .credentials(new ClientCredentials(clientId, clientSecret))
        .clock(clock);
    try {
      if (genesysEnv.startsWith("http://") || genesysEnv.startsWith("https://")) {
        builder.baseUri(genesysEnv);
      } else {
        builder.region(GenesysRegion.find(genesysEnv));
      }
    } catch (IllegalArgumentException e) {
      out.println("GENESYS_ENV: " + e.getMessage());
      return 2;
    }
    HttpGenesysClient client = builder.build();

    // RetryPolicyConfig(...): the same policy, validated as it is built.
    RetryPolicy policy = PolicyExample.build();

    // validate_retry_schedule: findings from a simulated retry storm of the whole fleet.
    StormResult storm = RetryStorm.closedLoop(policy,
        StormScenario.builder().events(200).arrivalRatePerSecond(20)
            .outage(Duration.ofSeconds(10)).build(), 42);
    if (!storm.findings().isEmpty()) {
      out.println("Validation warnings:");
      for (Finding f : storm.findings()) {
        out.println("  - " + f);
      }
    }

    // deploy_retry_policy(client, policy, integration_id, traffic_split=50, rollback_threshold=0.98)
    Path stateFolder = Path.of(env.getOrDefault("EVENTRETRY_STATE", "eventretry-quickstart"));
    RolloutPlan plan = RolloutPlan.of(RolloutStage.of(50).withSuccessThreshold(0.98));
    RolloutResult deployment;
    try (FileAuditLog audit = FileAuditLog.builder(stateFolder).clock(clock).open()) {
      RolloutEngine engine = RolloutEngine.builder()
          .target(client)
          .metrics(TutorialMetricsSource.of(client))
          .stateStore(FileStateStore.open(stateFolder, clock))
          .auditLog(audit)
          .clock(clock)
          .sleeper(sleeper)
          .build();
      deployment = engine.deploy(integrationId, policy, plan, "svc-account-01", "quick start");
      out.println("Deployment result: " + deployment.outcome() + " " + deployment.message());

      if (deployment.outcome() == RolloutResult.Outcome.COMPLETED) {
        // fetch_retry_metrics for the last hour, then export_telemetry.
        Instant end = clock.instant();
        DeliveryMetrics metrics = TutorialMetricsSource.of(client)
            .fetch(integrationId, end.minus(Duration.ofHours(1)), end);
        String dashboardUrl = env.get("DASHBOARD_URL");
        String dashboardKey = env.get("DASHBOARD_API_KEY");
        if (dashboardUrl != null && dashboardKey != null) {
          TelemetryResult exported = HttpTelemetrySink.builder(dashboardUrl, dashboardKey)
              .build()
              .export(new TelemetryBatch(TelemetryBatch.DEFAULT_SOURCE, end, List.of(metrics)));
          out.println("Telemetry export: " + exported.detail());
        }
        // generate_audit_log: the engine recorded every step; this is the last record.
        AuditRecord last = audit.head().orElseThrow();
        out.println("Audit log: " + last.action() + " " + last.versionId().orElse("") + " "
            + last.policyFingerprint().orElse("") + " seq " + last.seq() + " hash " + last.hash());
      }
    }
    out.println(PolicyJson.write(policy));
    return deployment.outcome() == RolloutResult.Outcome.COMPLETED ? 0 : 1;
  }
}
