package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.spi.StateStore;
import io.github.eventretry.state.LockInfo;
import io.github.eventretry.state.RolloutProgress;
import io.github.eventretry.state.rollout.RolloutEngine;
import io.github.eventretry.state.rollout.StopSignal;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code eventretry unlock}. */
@Command(
    name = "unlock",
    mixinStandardHelpOptions = true,
    description = {
      "Clears the lock a deployer left when it was killed (kill -9, a crash), and only when that"
          + " deployer is no longer running; otherwise says who holds it, on which host, with which"
          + " process id and since when. Records the clearing in the audit log.",
      "An unfinished rollout stays recorded: 'eventretry resume' finishes it, 'eventretry rollback'"
          + " undoes it, and 'eventretry deploy' replaces it.",
      "Exit 0 when the lock was cleared (or there was none), 1 when its holder still runs or this"
          + " host cannot tell, 2 on bad input."
    })
public final class UnlockCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;
  @Mixin StateOptions state;

  @Option(names = "--integration", paramLabel = "ID",
      description = "The integration (default: $GENESYS_INTEGRATION_ID, or the only one in the folder).")
  String integration;

  @Option(names = "--actor", paramLabel = "NAME", description = "Who clears it (default: $USER).")
  String actor;

  @Override
  public Integer call() {
    StateStore store = state.existingStore("unlock");
    String id = StateOptions.pick(store, Optional.ofNullable(integration)
        .or(() -> Optional.ofNullable(cli.env().get("GENESYS_INTEGRATION_ID")).filter(s -> !s.isBlank())),
        "unlock");
    PrintWriter out = spec.commandLine().getOut();
    try (OpenAuditLog audit = state.audit("unlock", cli.env())) {
      // Unlocking touches neither the target nor the metrics.
      PolicyTarget none = new NoTarget();
      RolloutEngine engine = RolloutEngine.builder().target(none).metrics((DeliveryMetricsSource) none)
          .stateStore(store).auditLog(audit).clock(Clock.systemUTC()).owner("eventretry-cli")
          .stopSignal(StopSignal.create()).build();
      List<LockInfo> cleared;
      try {
        cleared = engine.unlock(id, cli.actor(actor));
      } catch (EventRetryException e) {
        throw Deployments.failure("unlock", e);
      }
      if (cleared.isEmpty()) {
        out.println("integration " + id + " is not locked; nothing to clear");
      }
      for (LockInfo l : cleared) {
        out.println("cleared the lock of " + id + " held by " + l.describe()
            + ", which is no longer running");
      }
      Optional<RolloutProgress> unfinished = store.load(id).flatMap(DeploymentState::rollout);
      unfinished.ifPresent(p -> out.println("the rollout of " + p.versionId() + " stopped at stage "
          + (p.stageIndex() + 1) + " of " + p.plan().stages().size() + " (" + p.phase().jsonName()
          + "): continue it with 'eventretry resume', or undo it with 'eventretry rollback'"));
      return ExitCodes.OK;
    } catch (EventRetryException e) {
      throw Deployments.failure("unlock", e);
    }
  }

  /** A target and metrics source for an engine that only unlocks: never called. */
  private static final class NoTarget implements PolicyTarget, DeliveryMetricsSource {
    @Override
    public io.github.eventretry.core.spi.TargetSnapshot read(String integrationId) {
      throw new IllegalStateException("unlock reads no target");
    }

    @Override
    public io.github.eventretry.core.spi.ApplyResult apply(String integrationId,
        io.github.eventretry.core.RetryPolicy policy, io.github.eventretry.core.TrafficSplit split) {
      throw new IllegalStateException("unlock applies nothing");
    }

    @Override
    public io.github.eventretry.core.spi.RestoreResult restore(String integrationId,
        io.github.eventretry.core.spi.TargetSnapshot snapshot) {
      throw new IllegalStateException("unlock restores nothing");
    }

    @Override
    public io.github.eventretry.core.spi.DeliveryMetrics fetch(String integrationId,
        java.time.Instant from, java.time.Instant to) {
      throw new IllegalStateException("unlock reads no metrics");
    }
  }
}
