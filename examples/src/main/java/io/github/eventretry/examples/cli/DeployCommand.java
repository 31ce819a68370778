package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.spi.TelemetryBatch;
import io.github.eventretry.core.spi.TelemetryResult;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.genesys.HttpTelemetrySink;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.StateException;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutResult;
import io.github.eventretry.state.spi.StateStore;
import io.github.eventretry.state.rollout.RolloutStage;
import java.io.PrintWriter;
import java.nio.file.Files;
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
      "With --target eventbridge the policy goes where retries really happen: the RetryPolicy and"
          + " DeadLetterConfig of the targets of the rules on the integration's partner event bus, a"
          + " stage being a share of those targets; CloudWatch's AWS/Events metrics of those rules judge"
          + " each stage. --target both does that and records the block in Genesys Cloud too, as one"
          + " rollout with one rollback. AWS credentials and region come from AWS's default chain"
          + " (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_PROFILE and the profile files).",
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
  @Mixin AwsOptions aws;

  @Option(names = "--target", paramLabel = "TARGET",
      description = "Where the policy goes: genesys (the block in the integration's configuration,"
          + " judged by the tutorial's metrics query; the default), eventbridge (the RetryPolicy and"
          + " DeadLetterConfig of the rule targets on the partner event bus, judged by CloudWatch's"
          + " AWS/Events metrics), or both (EventBridge, then the block in Genesys Cloud: one rollout,"
          + " one rollback, judged by CloudWatch). Default: what the state records, else genesys.")
  String target;

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
    Optional<TargetKind> asked = Optional.ofNullable(target).map(t -> TargetKind.ofOption("deploy", t));
    // The state, if any, says where this integration's deployments go: its baseline was read there.
    // Read only when the folder exists: nothing is written before the inputs are known to be good.
    Optional<String> given = genesys.integrationIdIfGiven(cli.env())
        .or(() -> genesys.emulator == null ? Optional.empty()
            : Optional.of(genesys.integrationId(cli.env())));
    boolean stateExists = state.database("deploy").isPresent() || Files.isDirectory(state.folder());
    Optional<String> only = given.isEmpty() && stateExists
        ? onlyIntegration(state.store("deploy")) : Optional.empty();
    Optional<String> known = given.or(() -> only);
    Optional<DeploymentState> existing = known.isPresent() && stateExists
        ? load(state.store("deploy"), known.get()) : Optional.empty();
    Optional<TargetKind> recorded = existing.flatMap(TargetKind::recordedIn);
    TargetKind kind = asked.or(() -> recorded).orElse(TargetKind.GENESYS);
    if (recorded.isPresent() && recorded.get() != kind) {
      throw CliException.usage("eventretry deploy: the state of " + existing.get().integrationId()
          + " in " + state.shownFolder() + " records deployments to " + recorded.get().shown()
          + " (--target " + recorded.get().option() + "; its baseline v0 was read there), so a rollback"
          + " could not restore " + kind.shown() + ". Deploy with --target " + recorded.get().option()
          + ", or keep --target " + kind.option() + " deployments in another --state folder");
    }
    String integrationId = kind.genesys() ? genesys.integrationId(cli.env()) : known.orElseThrow(
        () -> CliException.usage("eventretry deploy: --target eventbridge records the deployment under"
            + " a Genesys Cloud integration: pass --integration ID or set GENESYS_INTEGRATION_ID (a"
            + " state folder that holds one integration names it)"));
    String who = cli.actor(actor);
    PrintWriter err = spec.commandLine().getErr();
    Clock clock = Clock.systemUTC();
    try (DeploymentTargets targets = DeploymentTargets.open(kind, "deploy", genesys, aws, cli.env(),
        existing)) {
      StateStore store = state.store("deploy");
      if (aws.choosesTargets()) {
        targets.checkSameTargetsAs("deploy", existing, state.shownFolder());
      }
      err.println("deploying " + policy.fingerprint() + " to " + integrationId
          + (kind == TargetKind.GENESYS ? "" : " (" + kind.shown() + ")") + " by "
          + rolloutPlan.describe() + ", bake " + Deployments.describe(rolloutPlan.stages().get(0).bakeTime())
          + (rolloutPlan.stages().get(0).unchecked() ? " (unchecked)" : ""));
      err.flush();
      // Closed last: a signal's hook lets the JVM exit once this is closed.
      try (StopOnSignal signals = StopOnSignal.install();
          OpenAuditLog audit = state.audit("deploy", cli.env());
          BakeProgress bakes = BakeProgress.forTerminal(err)) {
        RolloutResult r;
        try {
          r = Deployments.engine(targets.target(), targets.metrics(), store, audit, clock,
              Sleeper.system(), err, signals.signal(), bakes).deploy(integrationId, policy, rolloutPlan,
              who, reason);
        } catch (IllegalArgumentException e) {
          throw CliException.usage("eventretry deploy: " + Deployments.shown(e.getMessage()));
        } catch (EventRetryException e) {
          throw targets.failure("deploy", e);
        }
        if (r.outcome() == RolloutResult.Outcome.INTERRUPTED) {
          err.println(Deployments.interrupted("deploy", r));
          err.flush();
          return ExitCodes.FAILED; // the JVM exits 130 or 143: the signal's
        }
        spec.commandLine().getOut().println(Deployments.describeOutcome(r));
        spec.commandLine().getOut().flush();
        if (r.outcome() == RolloutResult.Outcome.COMPLETED && telemetry.isPresent()) {
          exportTelemetry(targets.metrics(), telemetry.get(), integrationId, clock, err);
        }
        return Deployments.exitCode(r, RolloutResult.Outcome.COMPLETED);
      }
    }
  }

  /** The one integration a state folder holds, if it holds exactly one. */
  private static Optional<String> onlyIntegration(StateStore store) {
    try {
      List<String> ids = StateOptions.integrations(store);
      return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
    } catch (StateException e) {
      throw Deployments.failure("deploy", e);
    }
  }

  private static Optional<DeploymentState> load(StateStore store, String integrationId) {
    try {
      return store.load(integrationId);
    } catch (StateException e) {
      throw Deployments.failure("deploy", e);
    }
  }

  /** The tutorial's last steps: the past hour's delivery metrics, exported to the dashboard. */
  private static void exportTelemetry(DeliveryMetricsSource source, HttpTelemetrySink sink, String id,
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
