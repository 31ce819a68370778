package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.RolloutProgress;
import io.github.eventretry.state.StateException;
import io.github.eventretry.state.rollout.RolloutResult;
import io.github.eventretry.state.spi.StateStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code eventretry resume}. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Finishes what an interrupted rollout left: continues its stage where it stopped (the bake"
          + " window still starts where it did), or completes its rollback. Before that it repairs an"
          + " audit log whose last line a crash cut short, and writes the audit record of a step whose"
          + " append failed, from the state.",
      "After a deployer was killed, run 'eventretry unlock' first.",
      "Exit 0 when the rollout completed (or there was nothing to resume), 1 when it was rolled back"
          + " or failed, 2 on bad input, 130 or 143 when stopped by Ctrl-C or SIGTERM."
    })
public final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;
  @Mixin GenesysOptions genesys;
  @Mixin StateOptions state;
  @Mixin AwsOptions aws;

  @Option(names = "--actor", paramLabel = "NAME", description = "Who resumes (default: $USER).")
  String actor;

  @Override
  public Integer call() {
    StateStore store = state.existingStore("resume");
    String integrationId = StateOptions.pick(store, genesys.integrationIdIfGiven(cli.env())
        .or(() -> genesys.emulator == null ? Optional.empty()
            : Optional.of(genesys.integrationId(cli.env()))), "resume");
    PrintWriter err = spec.commandLine().getErr();
    Optional<DeploymentState> recorded;
    try {
      recorded = store.load(integrationId);
    } catch (StateException e) {
      throw Deployments.failure("resume", e);
    }
    boolean finishingRollback = recorded.flatMap(DeploymentState::rollout)
        .map(p -> p.phase() == RolloutProgress.Phase.ROLLING_BACK).orElse(false);
    try (DeploymentTargets targets = DeploymentTargets.ofState("resume", genesys, aws, cli.env(),
            recorded);
        StopOnSignal signals = StopOnSignal.install();
        OpenAuditLog audit = state.audit("resume", cli.env());
        BakeProgress bakes = BakeProgress.forTerminal(err)) {
      RolloutResult r;
      try {
        long torn = audit.repairTornTail();
        if (torn > 0) {
          err.println("  removed the torn last line of " + audit.shown() + " (" + torn
              + " bytes, an append a crash cut short)");
        }
        r = Deployments.engine(targets.target(), targets.metrics(), store, audit, Clock.systemUTC(),
            Sleeper.system(), err, signals.signal(), bakes).resume(integrationId, cli.actor(actor));
      } catch (EventRetryException e) {
        throw targets.failure("resume", e);
      }
      if (r.outcome() == RolloutResult.Outcome.INTERRUPTED) {
        err.println(Deployments.interrupted("resume", r));
        err.flush();
        return ExitCodes.FAILED; // the JVM exits 130 or 143: the signal's
      }
      spec.commandLine().getOut().println(Deployments.describeOutcome(r));
      return switch (r.outcome()) {
        case COMPLETED, NOTHING_TO_RESUME -> ExitCodes.OK;
        case ROLLED_BACK -> finishingRollback ? ExitCodes.OK : ExitCodes.FAILED;
        default -> ExitCodes.FAILED;
      };
    }
  }
}
