package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.state.FileAuditLog;
import io.github.eventretry.state.RolloutPlan;
import io.github.eventretry.state.RolloutResult;
import io.github.eventretry.state.RolloutStage;
import java.nio.file.Path;
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
      "Every step is saved in the state folder and recorded in its audit log.",
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
      description = "how long each stage runs before its check, e.g. 30s, 5m, PT5M"
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

  @Override
  public Integer call() {
    RetryPolicy policy = PolicyFiles.load(file);
    RolloutPlan rolloutPlan = Deployments.plan(plan, Durations.parse("--bake", bake), threshold,
        minimumSample);
    String integrationId = genesys.integrationId(cli.env());
    HttpGenesysClient client = genesys.client(cli.env());
    var err = spec.commandLine().getErr();
    err.println("deploying " + policy.fingerprint() + " to " + integrationId + " in "
        + rolloutPlan.stages().size() + " stage(s)");
    try (FileAuditLog audit = state.audit()) {
      RolloutResult r = Deployments.engine(client, client, state.store(), audit, Clock.systemUTC(),
          Sleeper.system(), err).deploy(integrationId, policy, rolloutPlan, cli.actor(actor), reason);
      spec.commandLine().getOut().println(Deployments.describeOutcome(r));
      return Deployments.exitCode(r, RolloutResult.Outcome.COMPLETED);
    } catch (EventRetryException e) {
      throw CliException.failed("eventretry deploy: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
