package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.jdbc.JdbcAuditLog;
import io.github.eventretry.state.jdbc.JdbcImport;
import io.github.eventretry.state.jdbc.JdbcSchema;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code eventretry state init} and {@code eventretry state import}. */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    description = "Prepares a PostgreSQL database for deployment state and the audit log, and moves a"
        + " state folder into one.",
    subcommands = {StateCommand.Init.class, StateCommand.Import.class, CommandLine.HelpCommand.class})
public final class StateCommand implements Runnable {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required (init or import)");
  }

  private static PrintWriter out(CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  /** Creates or migrates the schema; the message says what was done. */
  private static JdbcSchema migrate(String command, StateOptions state, DatabaseLocation db,
      PrintWriter out) {
    JdbcSchema schema = state.schema(command, db);
    JdbcSchema.Migration m;
    try {
      m = schema.migrate();
    } catch (EventRetryException e) {
      throw Deployments.failure(command, e);
    }
    out.println(m.fromVersion() == 0
        ? "created schema " + schema.name() + " (version " + m.toVersion() + ") in " + db.shown()
        : m.applied() ? "migrated schema " + schema.name() + " of " + db.shown() + " from version "
            + m.fromVersion() + " to " + m.toVersion()
        : "schema " + schema.name() + " of " + db.shown() + " is at version " + m.toVersion()
            + "; nothing to do");
    return schema;
  }

  /** {@code eventretry state init --state URL}. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Creates the tables of deployment state, the rollout lease and the audit log in a PostgreSQL"
            + " database (schema 'eventretry'), or migrates them to this version's schema. A schema newer"
            + " than this version knows is refused and left as it is. Run it once, as a role that may"
            + " create tables; the deployers' role needs only the grants in docs/state-and-audit.md.",
        "Exit 0 when the schema is ready, 1 when the database cannot be reached or changed, 2 on bad"
            + " input."
      })
  public static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateOptions state;

    @Override
    public Integer call() {
      DatabaseLocation db = state.database("state init").orElseThrow(() -> CliException.usage(
          "eventretry state init: --state must name a PostgreSQL database (postgresql://HOST[:PORT]/DB);"
              + " a state folder needs no init (it is created by the first deploy)"));
      migrate("state init", state, db, out(spec));
      return ExitCodes.OK;
    }
  }

  /** {@code eventretry state import --from DIR --to URL}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Copies a state folder's deployment states and audit log into a PostgreSQL database whose"
            + " tables are empty, as they are: the same serials, the same records and hashes, so that the"
            + " chain verifies in the database as it did in the folder. It first verifies the folder's"
            + " log against its states (with EVENTRETRY_AUDIT_KEY, its signed head too) and copies"
            + " nothing from a log that does not verify; everything is copied in one transaction. The"
            + " schema is created first when missing. The folder is left as it is.",
        "Exit 0 when everything was copied and verifies, 1 when the folder's log does not verify or"
            + " the database cannot be written, 2 on bad input."
      })
  public static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand StateCommand parent;

    @Option(names = "--from", paramLabel = "DIR", required = true, description = "The state folder.")
    Path from;

    @Option(names = "--to", paramLabel = "URL", required = true,
        description = "The database, postgresql://HOST[:PORT]/DB (user and password from"
            + " EVENTRETRY_DB_USER and EVENTRETRY_DB_PASSWORD, or PGUSER and PGPASSWORD).")
    String to;

    @Mixin StateOptions target;

    @Override
    public Integer call() {
      String command = "state import";
      if (!Files.isDirectory(from)) {
        throw CliException.usage("eventretry state import: --from " + PolicyFiles.shown(from)
            + " is not a state folder");
      }
      target.location = to;
      DatabaseLocation db = target.database(command).orElseThrow(() -> CliException.usage(
          "eventretry state import: --to " + SafeText.quote(to, 200) + " is not a database; the form is"
              + " postgresql://HOST[:PORT]/DB"));
      PrintWriter out = out(spec);
      List<DeploymentState> states = new ArrayList<>();
      List<AuditRecord> records;
      String shownFrom = PolicyFiles.shown(from);
      try {
        FileStateStore source = FileStateStore.open(from);
        for (String id : source.integrations()) {
          source.load(id).ifPresent(states::add);
        }
        FileAuditLog.Builder b = FileAuditLog.builder(from);
        StateOptions.auditKey(command, parent.cli.env()).ifPresent(b::hmacKey);
        try (FileAuditLog log = b.open()) {
          AuditVerification v = log.verify(states.stream().map(DeploymentState::auditExpectation).toList());
          if (!v.intact()) {
            throw CliException.failed("eventretry state import: the audit log of " + shownFrom + " does not"
                + " verify (" + v.faults().size() + " fault(s); see 'eventretry audit verify --state "
                + shownFrom + "'): nothing was imported");
          }
          records = log.records();
        }
      } catch (EventRetryException e) {
        throw Deployments.failure(command, e);
      }
      JdbcSchema schema = migrate(command, target, db, out);
      try {
        JdbcImport.Result r = JdbcImport.copy(schema, states, records);
        AuditVerification v = JdbcAuditLog.builder(schema).open()
            .verify(states.stream().map(DeploymentState::auditExpectation).toList());
        out.println("imported " + r.states() + " integration(s) and " + r.records() + " audit record(s)"
            + " from " + shownFrom + " into " + db.shown() + "; the audit chain "
            + (v.intact() ? "verifies (" + v.recordsChecked() + " records)" : "does NOT verify ("
                + v.faults().size() + " fault(s): run 'eventretry audit verify --state " + db.shown()
                + "')"));
        return v.intact() ? ExitCodes.OK : ExitCodes.FAILED;
      } catch (EventRetryException e) {
        throw Deployments.failure(command, e);
      }
    }
  }
}
