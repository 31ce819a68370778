package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.payload.AppliedPolicy;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.eventbridge.Drift;
import io.github.eventretry.eventbridge.EventBridgeTargets;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.StateException;
import io.github.eventretry.state.spi.StateStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code eventretry drift}. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {
      "Compares what the targets hold now with the active version of the state, target by target: for"
          + " teams whose EventBridge targets are also managed by Terraform or CloudFormation, or whose"
          + " Genesys Cloud configuration is edited by hand.",
      "EventBridge: each rule target's RetryPolicy (MaximumRetryAttempts, MaximumEventAgeInSeconds) and"
          + " DeadLetterConfig against what the active version's policy sets (or, when the baseline v0"
          + " is active, against what the baseline recorded). Genesys Cloud: the policy and traffic"
          + " split recorded in the integration's configuration.",
      "Prints one line per difference. Exit 0 when nothing differs, 1 when something does (or a target"
          + " could not be read), 2 on bad input (no state, no active version)."
    })
public final class DriftCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;
  @Mixin GenesysOptions genesys;
  @Mixin StateOptions state;
  @Mixin AwsOptions aws;

  @Override
  public Integer call() {
    StateStore store = state.existingStore("drift");
    String integrationId = StateOptions.pick(store, genesys.integrationIdIfGiven(cli.env())
        .or(() -> genesys.emulator == null ? Optional.empty()
            : Optional.of(genesys.integrationId(cli.env()))), "drift");
    DeploymentState s;
    try {
      s = store.load(integrationId).orElseThrow(() -> CliException.usage("eventretry drift: no"
          + " deployment state for " + integrationId + " in " + state.shownFolder()));
    } catch (StateException e) {
      throw Deployments.failure("drift", e);
    }
    PolicyVersion active = s.active().orElseThrow(() -> CliException.usage("eventretry drift: "
        + integrationId + " has no active version to compare with"
        + s.rollout().map(p -> " (the rollout of " + p.versionId() + " is unfinished: 'eventretry"
            + " resume' finishes it)").orElse("")));
    PrintWriter out = spec.commandLine().getOut();
    List<String> differences = new ArrayList<>();
    try (DeploymentTargets targets = DeploymentTargets.ofState("drift", genesys, aws, cli.env(),
        Optional.of(s))) {
      out.println("comparing " + integrationId + ", deployed to " + RecordedTargets.describe(s)
          + ", with " + describe(active));
      s.rollout().ifPresent(p -> out.println("note: the rollout of " + p.versionId() + " is unfinished;"
          + " the targets may hold it ('eventretry resume' finishes it, 'eventretry rollback' undoes"
          + " it)"));
      try {
        if (targets.eventBridge().isPresent()) {
          differences.addAll(eventBridge(targets.eventBridge().get(), s, active, out));
        }
        if (targets.genesys().isPresent()) {
          differences.addAll(genesys(targets.genesys().get(), s, integrationId, active, out));
        }
      } catch (EventRetryException e) {
        throw targets.failure("drift", e);
      }
    }
    differences.forEach(out::println);
    out.println(differences.isEmpty() ? "no drift" : differences.size()
        + (differences.size() == 1 ? " difference" : " differences"));
    return differences.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static String describe(PolicyVersion v) {
    return v.isBaseline() ? "the baseline v0, which is active (" + v.digest() + ")"
        : "the active version " + v.id() + " (" + v.digest() + ") at " + v.split();
  }

  private List<String> eventBridge(EventBridgeTargets eb, DeploymentState s, PolicyVersion active,
      PrintWriter out) {
    Drift d;
    if (active.isBaseline()) {
      TargetSnapshot recorded = DeploymentTargets.recordedEventBridge(Optional.of(s)).orElseThrow(
          () -> CliException.failed("eventretry drift: the baseline v0 of " + s.integrationId()
              + " records no EventBridge targets"));
      d = eb.drift(recorded);
    } else {
      d = eb.drift(active.policy().orElseThrow(), active.split());
    }
    if (!d.hasDrift()) {
      out.println("eventbridge: " + d.targets().size() + (d.targets().size() == 1 ? " target holds"
          : " targets hold") + " what " + (active.isBaseline() ? "the baseline v0 recorded"
          : active.id() + " sets"));
      return List.of();
    }
    return d.describe().lines().map(l -> "eventbridge: " + l).toList();
  }

  private List<String> genesys(HttpGenesysClient client, DeploymentState s, String integrationId,
      PolicyVersion active, PrintWriter out) {
    if (active.isBaseline()) {
      TargetSnapshot recorded = DeploymentTargets.recordedGenesys(Optional.of(s)).orElseThrow(
          () -> CliException.failed("eventretry drift: the baseline v0 of " + integrationId
              + " records no Genesys Cloud configuration"));
      TargetSnapshot now = client.read(integrationId);
      if (now.digest().equals(recorded.digest())) {
        out.println("genesys: integration " + integrationId + " holds what the baseline v0 recorded");
        return List.of();
      }
      return List.of("genesys: integration " + integrationId + ": advanced: expected what the baseline"
          + " v0 recorded (" + recorded.digest() + "), found " + now.digest());
    }
    Optional<AppliedPolicy> applied = client.getConfiguration(integrationId).appliedPolicy();
    String want = active.fingerprint().orElseThrow() + " at " + active.split();
    if (applied.isEmpty()) {
      return List.of("genesys: integration " + integrationId + ": expected " + want
          + ", found no eventretry policy");
    }
    String have = applied.get().policy().fingerprint() + " at " + applied.get().trafficSplit();
    if (!have.equals(want)) {
      return List.of("genesys: integration " + integrationId + ": expected " + want + ", found " + have);
    }
    out.println("genesys: integration " + integrationId + " holds " + active.id() + " at "
        + active.split());
    return List.of();
  }
}
