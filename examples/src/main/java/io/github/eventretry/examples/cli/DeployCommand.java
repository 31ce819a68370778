package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.state.FileAuditLog;
import io.github.eventretry.state.RolloutPlan;
import io.github.eventretry.state.RolloutResult;
import io.github.eventretry.state.RolloutStage;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.TelemetryBatch;
import io.github.eventretry.core.spi.TelemetryResult;
import io.github.eventretry.genesys.HttpTelemetrySink;
import io.github.eventretry.genesys.TutorialMetricsSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code eventretry deploy FILE}. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Rolls a policy out to a Genesys Cloud integration in traffic-split stages: apply, bake,",
      "read delivery metrics, then advance or roll back to the last known good version.",
      "Every step is saved in the state folder and recorded in its audit log. With",
      "DASHBOARD_URL and DASHBOARD_API_KEY set, a completed rollout then exports the past hour's",
      "delivery metrics there, as the tutorial does.",
      "Exit 0 when the rollout completed, 1 when it was rolled back or aborted, 2 on bad input."
    })
public final class DeployCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;
  @Mixin GenesysOptions genesys;
  @Mixin StateOptions state;

  @Parameters(paramLabel = "FILE", description = "the policy JSON file")
  Path file;

  @Option(names = "--plan", paramLabel = "PLAN", defaultValue = "canary",
      description = "all-at-once, canary (10,50,100), linear (25,50,75,100) or percents such as"
          + " 10,50,100 (default: ${DEFAULT-VALUE})")
  String plan;

  @Option(names = "--bake", paramLabel = "DURATION", defaultValue = "5m",
      description = "how long each stage runs before its check: " + Durations.FORMS
          + " (default: ${DEFAULT-VALUE})")
  String bake;

  @Option(names = "--threshold", paramLabel = "RATE",
      defaultValue = "" + RolloutStage.DEFAULT_SUCCESS_THRESHOLD,
      description = "lowest success rate a stage may show, 0..1 (the tutorial's rollback_threshold;"
          + " default: ${DEFAULT-VALUE})")
  double threshold;

  @Option(names = "--min-sample", paramLabel = "N",
      defaultValue = "" + RolloutStage.DEFAULT_MINIMUM_SAMPLE,
      description = "fewest deliveries a check accepts; fewer is a failed check"
          + " (default: ${DEFAULT-VALUE})")
  long minimumSample;

  @Option(names = "--actor", paramLabel = "NAME", description = "who deploys (default: $USER)")
  String actor;

  @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "",
      description = "why, recorded with the version")
  String reason;

  /**
   * Returns the telemetry sink named by {@code DASHBOARD_URL} and {@code DASHBOARD_API_KEY}, if both
   * are set.
   *
   * @throws CliException exit 2 when only one is set or the URL is not an http(s) URL
   */
  static Optional<HttpTelemetrySink> telemetry(Map<String, String> env) {
    String url = env.get("DASHBOARD_URL");
    String key = env.get("DASHBOARD_API_KEY");
    if (url == null && key == null) {
      return Optional.empty();
    }
    if (url == null || key == null) {
      throw CliException.usage("eventretry deploy: " + (url == null ? "DASHBOARD_URL" : "DASHBOARD_API_KEY")
          + " is not set (telemetry needs both DASHBOARD_URL and DASHBOARD_API_KEY)");
    }
    try {
      return Optional.of(HttpTelemetrySink.builder(url, key).build());
    } catch (IllegalArgumentException e) {
      throw CliException.usage("eventretry deploy: DASHBOARD_URL: " + e.getMessage());
    }
  }

  @Override
  public Integer call() {
    RetryPolicy policy = PolicyFiles.load(file);
    Optional<HttpTelemetrySink> telemetry = telemetry(cli.env());
    RolloutPlan rolloutPlan = Deployments.plan(plan, Durations.parse("--bake", bake), threshold,
        minimumSample);
    String integrationId = genesys.integrationId(cli.env());
    HttpGenesysClient client = genesys.client(cli.env());
    var err = spec.commandLine().getErr();
    err.println("deploying " + policy.fingerprint() + " to " + integrationId + " in "
        + rolloutPlan.stages().size() + " stage(s)");
    try (FileAuditLog audit = state.audit()) {
      Clock clock = Clock.systemUTC();
      TutorialMetricsSource metricsSource = TutorialMetricsSource.of(client);
      RolloutResult r = Deployments.engine(client, metricsSource, state.store(), audit, clock,
          Sleeper.system(), err).deploy(integrationId, policy, rolloutPlan, cli.actor(actor), reason);
      spec.commandLine().getOut().println(Deployments.describeOutcome(r));
      if (r.outcome() == RolloutResult.Outcome.COMPLETED && telemetry.isPresent()) {
        // The tutorial's last steps: the past hour's delivery metrics, exported to the dashboard.
        Instant now = clock.instant();
        DeliveryMetrics metrics =
            metricsSource.fetch(integrationId, now.minus(Duration.ofHours(1)), now);
        TelemetryResult exported = telemetry.get().export(
            new TelemetryBatch(TelemetryBatch.DEFAULT_SOURCE, now, List.of(metrics)));
        err.println("telemetry: " + (exported.delivered() ? "exported" : "NOT exported") + ", "
            + exported.detail());
      }
      return Deployments.exitCode(r, RolloutResult.Outcome.COMPLETED);
    } catch (EventRetryException e) {
      throw CliException.failed("eventretry deploy: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
