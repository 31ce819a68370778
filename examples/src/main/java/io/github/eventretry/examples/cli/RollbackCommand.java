package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.StateException;
import io.github.eventretry.state.rollout.RolloutEngine;
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

/** {@code eventretry rollback [--to VERSION [--force]]}. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Goes back: re-applies the most recent earlier version that completed its rollout, exactly, at"
          + " 100%%, or restores the baseline v0 (what the integration held before the first deploy)."
          + " Failed and rolled-back versions are skipped. An unfinished rollout (stopped by Ctrl-C, or"
          + " left by a killed deployer after 'eventretry unlock') is turned back.",
      "With --to, goes to the version named; a version that failed or was rolled back is refused"
          + " unless --force is given with --reason.",
      "Exit 0 when rolled back, 1 when there is nothing to roll back to or it failed, 2 on bad input"
          + " (such as a version that does not exist)."
    })
public final class RollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;
  @Mixin GenesysOptions genesys;
  @Mixin StateOptions state;
  @Mixin AwsOptions aws;

  @Option(names = "--to", paramLabel = "VERSION", description = "The version to return to, such as v2,"
      + " or v0 for the baseline.")
  String to;

  @Option(names = "--force", description = "Roll back to the version named by --to even if it failed"
      + " or was rolled back; needs --reason.")
  boolean force;

  @Option(names = "--actor", paramLabel = "NAME", description = "Who rolls back (default: $USER).")
  String actor;

  @Option(names = "--reason", paramLabel = "TEXT",
      description = "Why, recorded (default: manual rollback).")
  String reason;

  @Override
  public Integer call() {
    if (force && to == null) {
      throw CliException.usage("eventretry rollback: --force goes with --to VERSION");
    }
    if (force && (reason == null || reason.isBlank())) {
      throw CliException.usage("eventretry rollback: --force needs --reason TEXT: say why a version"
          + " that failed goes back live");
    }
    String why = reason == null ? "manual rollback" : reason;
    StateStore store = state.existingStore("rollback");
    String integrationId = StateOptions.pick(store, genesys.integrationIdIfGiven(cli.env())
        .or(() -> genesys.emulator == null ? Optional.empty()
            : Optional.of(genesys.integrationId(cli.env()))), "rollback");
    Optional<DeploymentState> recorded;
    try {
      recorded = store.load(integrationId);
    } catch (StateException e) {
      throw Deployments.failure("rollback", e);
    }
    PrintWriter err = spec.commandLine().getErr();
    try (DeploymentTargets targets = DeploymentTargets.ofState("rollback", genesys, aws, cli.env(),
            recorded);
        StopOnSignal signals = StopOnSignal.install();
        OpenAuditLog audit = state.audit("rollback", cli.env())) {
      RolloutEngine engine = Deployments.engine(targets.target(), targets.metrics(), store, audit,
          Clock.systemUTC(), Sleeper.system(), err, signals.signal());
      String who = cli.actor(actor);
      RolloutResult r;
      try {
        r = to == null ? engine.rollback(integrationId, who, why)
            : force ? engine.forceRollbackTo(integrationId, to, who, why)
            : engine.rollbackTo(integrationId, to, who, why);
      } catch (EventRetryException e) {
        throw targets.failure("rollback", e);
      }
      spec.commandLine().getOut().println(Deployments.describeOutcome(r));
      return Deployments.exitCode(r, RolloutResult.Outcome.ROLLED_BACK);
    }
  }
}
