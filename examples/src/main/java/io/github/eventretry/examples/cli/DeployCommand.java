package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.TelemetryBatch;
import io.github.eventretry.core.spi.TelemetryResult;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.HttpTelemetrySink;
import io.github.eventretry.genesys.TutorialMetricsSource;
import io.github.eventretry.state.spi.StateStore;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutResult;
import io.github.eventretry.state.rollout.RolloutStage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      "Rolls a policy out to a Genesys Cloud integration in traffic-split stages: apply, bake, read"
          + " delivery metrics, then advance, or roll back to the last version that completed its"
          + " rollout (on the first deploy: to exactly what the integration held before).",
      "Before any version is recorded it checks the credentials, that the integration's configuration"
          + " can be read, and that the plan can pass its checks. Every step is saved in the state"
          + " folder and recorded in its audit log. Ctrl-C stops the rollout where it is and tells"
          + " how to continue it or undo it.",
      "With DASHBOARD_URL and DASHBOARD_API_KEY set, a completed rollout then exports the past hour's"
          + " delivery metrics there, as the tutorial does.",
      "Exit 0 when the rollout completed, 1 when it was rolled back or failed, 2 on bad input, 130 or"
          + " 143 when stopped by Ctrl-C or SIGTERM."
    })
public final class DeployCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;
  @Mixin GenesysOptions genesys;
  @Mixin StateOptions state;

  @Parameters(paramLabel = "FILE", description = "The policy JSON file.")
  Path file;

  @Option(names = "--plan", paramLabel = "PLAN", defaultValue = "canary",
      description = "all-at-once, canary (10,50,100), linear (25,50,75,100) or percents such as"
          + " 10,50,100 (default: ${DEFAULT-VALUE}).")
  String plan;

  @Option(names = "--bake", paramLabel = "DURATION", defaultValue = "5m",
      description = "How long each stage runs before its check, at most 24h: " + Durations.FORMS
          + " (default: ${DEFAULT-VALUE}). 0s with --min-sample 0 deploys unchecked.")
  String bake;

  @Option(names = "--threshold", paramLabel = "RATE",
      defaultValue = "" + RolloutStage.DEFAULT_SUCCESS_THRESHOLD,
      description = "The lowest success rate a stage may show, 0..1 (the tutorial's"
          + " rollback_threshold; default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--min-sample", paramLabel = "N",
      defaultValue = "" + RolloutStage.DEFAULT_MINIMUM_SAMPLE,
      description = "The fewest deliveries a check accepts; fewer is a failed check"
          + " (default: ${DEFAULT-VALUE}).")
  long minimumSample;

  @Option(names = "--actor", paramLabel = "NAME", description = "Who deploys (default: $USER).")
  String actor;

  @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "",
      description = "Why, recorded with the version.")
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
      throw CliException.usage("eventretry deploy: DASHBOARD_URL: " + SafeText.quote(e.getMessage(), 200));
    }
  }

  @Override
  public Integer call() {
    RetryPolicy policy = PolicyFiles.load(file);
    Optional<HttpTelemetrySink> telemetry = telemetry(cli.env());
    RolloutPlan rolloutPlan = Deployments.plan(plan, Durations.parse("--bake", bake), threshold,
        minimumSample);
    String integrationId = genesys.integrationId(cli.env());
    String who = cli.actor(actor);
    HttpGenesysClient client = genesys.client(cli.env());
    TutorialMetricsSource metrics = TutorialMetricsSource.of(client);
    PrintWriter err = spec.commandLine().getErr();
    StateStore store = state.store("deploy");
    err.println("deploying " + policy.fingerprint() + " to " + integrationId + " by "
        + rolloutPlan.describe() + ", bake " + Deployments.describe(rolloutPlan.stages().get(0).bakeTime())
        + (rolloutPlan.stages().get(0).unchecked() ? " (unchecked)" : ""));
    err.flush();
    Clock clock = Clock.systemUTC();
    // Closed last: a signal's hook lets the JVM exit once this is closed.
    try (StopOnSignal signals = StopOnSignal.install();
        OpenAuditLog audit = state.audit("deploy", cli.env());
        BakeProgress bakes = BakeProgress.forTerminal(err)) {
      RolloutResult r;
      try {
        r = Deployments.engine(client, metrics, store, audit, clock, Sleeper.system(), err,
            signals.signal(), bakes).deploy(integrationId, policy, rolloutPlan, who, reason);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("eventretry deploy: " + Deployments.shown(e.getMessage()));
      } catch (EventRetryException e) {
        throw Deployments.failure("deploy", e);
      }
      if (r.outcome() == RolloutResult.Outcome.INTERRUPTED) {
        err.println(Deployments.interrupted("deploy", r));
        err.flush();
        return ExitCodes.FAILED; // the JVM exits 130 or 143: the signal's
      }
      spec.commandLine().getOut().println(Deployments.describeOutcome(r));
      spec.commandLine().getOut().flush();
      if (r.outcome() == RolloutResult.Outcome.COMPLETED && telemetry.isPresent()) {
        exportTelemetry(metrics, telemetry.get(), integrationId, clock, err);
      }
      return Deployments.exitCode(r, RolloutResult.Outcome.COMPLETED);
    }
  }

  /** The tutorial's last steps: the past hour's delivery metrics, exported to the dashboard. */
  private static void exportTelemetry(TutorialMetricsSource source, HttpTelemetrySink sink, String id,
      Clock clock, PrintWriter err) {
    try {
      Instant now = clock.instant();
      DeliveryMetrics metrics = source.fetch(id, now.minus(Duration.ofHours(1)), now);
      TelemetryResult exported = sink.export(
          new TelemetryBatch(TelemetryBatch.DEFAULT_SOURCE, now, List.of(metrics)));
      err.println("telemetry: " + (exported.delivered() ? "exported" : "NOT exported") + ", "
          + Deployments.shown(exported.detail()));
    } catch (EventRetryException e) {
      err.println("telemetry: NOT exported, " + Deployments.shown(String.valueOf(e.getMessage())));
    }
  }
}
