package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.TutorialMetricsSource;
import io.github.eventretry.state.FileAuditLog;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.RolloutEngine;
import io.github.eventretry.state.RolloutResult;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code eventretry rollback}. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Re-applies an earlier version's exact policy at 100%% and makes it active: the version",
      "active before the current one, or the one named with --to. Finishes an unfinished",
      "rollout by rolling it back. Exit 0 when rolled back, 1 when it failed, 2 on bad input."
    })
public final class RollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;
  @Mixin GenesysOptions genesys;
  @Mixin StateOptions state;

  @Option(names = "--to", paramLabel = "VERSION", description = "the version to return to, e.g. v2")
  String to;

  @Option(names = "--actor", paramLabel = "NAME", description = "who rolls back (default: $USER)")
  String actor;

  @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "manual rollback",
      description = "why, recorded (default: ${DEFAULT-VALUE})")
  String reason;

  @Override
  public Integer call() {
    FileStateStore store = state.existingStore("rollback");
    String integrationId = StateOptions.pick(store, genesys.integrationIdIfGiven(cli.env())
        .or(() -> genesys.emulator == null ? java.util.Optional.empty()
            : java.util.Optional.of(genesys.integrationId(cli.env()))), "rollback");
    HttpGenesysClient client = genesys.client(cli.env());
    try (FileAuditLog audit = state.audit()) {
      RolloutEngine engine = Deployments.engine(client, TutorialMetricsSource.of(client), store, audit, Clock.systemUTC(),
          Sleeper.system(), spec.commandLine().getErr());
      String who = cli.actor(actor);
      RolloutResult r = to == null
          ? engine.rollback(integrationId, who, reason)
          : engine.rollbackTo(integrationId, to, who, reason);
      spec.commandLine().getOut().println(Deployments.describeOutcome(r));
      return Deployments.exitCode(r, RolloutResult.Outcome.ROLLED_BACK);
    } catch (EventRetryException e) {
      throw CliException.failed("eventretry rollback: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
