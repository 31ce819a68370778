package io.github.eventretry.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.json.PolicyTrees;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.StateException;
import io.github.eventretry.state.audit.AuditExpectation;
import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.spi.StateStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code eventretry audit verify}. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Works with the hash-chained audit log of a state folder.",
    subcommands = {AuditCommand.Verify.class, CommandLine.HelpCommand.class})
public final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (verify)");
  }

  /** {@code eventretry audit verify [--state DIR] [--json]}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Walks the whole audit log, recomputing every record's hash and link, and reports records"
            + " checked, records valid and every fault: broken link, hash mismatch, gap, unparsable"
            + " line, torn tail.",
        "It also checks the log against the deployment state of every integration in the folder,"
            + " with no key: a log shorter than a state recorded, an empty or missing log beside a"
            + " state with versions, or another record where a state expects one is 'truncated'; a"
            + " state change without its record is 'unrecorded change' ('eventretry resume' writes"
            + " it).",
        "With EVENTRETRY_AUDIT_KEY set (at least 16 bytes), the signed head is checked too.",
        "Exit 0 when the log is intact, 1 when it is not, 2 on bad input."
      })
  public static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AuditCommand audit;
    @picocli.CommandLine.Mixin StateOptions state;

    @Option(names = "--json", description = "Print one JSON object instead of lines.")
    boolean json;

    @Override
    public Integer call() {
      boolean database = state.database("audit verify").isPresent();
      Path file = database ? null : state.auditFile();
      boolean hasLog = database || Files.isRegularFile(file);
      List<DeploymentState> states = new ArrayList<>();
      if (database || Files.isDirectory(state.folder())) {
        StateStore store = state.existingStore("audit verify");
        try {
          for (String id : StateOptions.integrations(store)) {
            store.load(id).ifPresent(states::add);
          }
        } catch (StateException e) {
          throw Deployments.failure("audit verify", e);
        }
      }
      if (!hasLog && states.isEmpty()) {
        throw CliException.usage("eventretry audit verify: no audit log " + SafeText.quote(file.toString(),
            200) + " (pass --state DIR or --state postgresql://HOST[:PORT]/DB)");
      }
      List<AuditExpectation> expected = states.stream().map(DeploymentState::auditExpectation).toList();
      AuditVerification v;
      String shownFile;
      if (hasLog) {
        try (OpenAuditLog log = state.audit("audit verify", audit.cli.env())) {
          v = log.verify(expected);
          shownFile = log.shown();
        } catch (EventRetryException e) {
          throw Deployments.failure("audit verify", e);
        }
      } else {
        v = missingLog(states, file);
        shownFile = SafeText.quote(file.toString(), 200);
      }
      boolean anchored = v.anchored();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("file", database ? state.shownFolder() : file.toString());
        o.put("intact", v.intact());
        o.put("records_checked", v.recordsChecked());
        o.put("records_valid", v.recordsValid());
        o.put("anchored", anchored);
        ArrayNode checked = o.putArray("checked_against_states");
        states.forEach(s -> checked.add(s.integrationId()));
        ArrayNode faults = o.putArray("faults");
        for (AuditFault f : v.faults()) {
          ObjectNode n = faults.addObject();
          n.put("seq", f.seq());
          n.put("line", f.line());
          n.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
          n.put("detail", f.detail());
        }
        out.println(PolicyTrees.writePretty(o));
      } else {
        out.println((v.intact() ? "intact: " : "BROKEN: ") + v.recordsChecked() + " records checked, "
            + v.recordsValid() + " valid, " + v.faults().size() + " fault(s) in " + shownFile
            + " (checked against the state of " + states.size() + " integration(s)"
            + (anchored ? "; signed head checked" : database ? "; head row checked"
                : "; no key: set EVENTRETRY_AUDIT_KEY to check the signed head") + ")");
        for (AuditFault f : v.faults()) {
          String where = f.line() > 0 ? "seq " + f.seq() + " (line " + f.line() + ")" : "log";
          out.println("  " + where + ": " + f.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + ": " + Deployments.shown(f.detail().replace("resuming writes it",
                  "'eventretry resume' writes it").replace("repairing the log's torn tail removes it",
                  "'eventretry resume' removes it")));
        }
      }
      return v.intact() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** A log that does not exist beside states with versions: every such state finds it truncated. */
    private static AuditVerification missingLog(List<DeploymentState> states, Path file) {
      List<AuditFault> faults = new ArrayList<>();
      for (DeploymentState s : states) {
        if (!s.versions().isEmpty()) {
          faults.add(new AuditFault(0, 0, AuditFault.Kind.TRUNCATED, "the audit log "
              + SafeText.quote(file.toString(), 200) + " does not exist, but the state of "
              + s.integrationId() + " (serial " + s.serial() + ") holds " + s.versions().size()
              + " version(s): the log was deleted or moved"));
        }
      }
      return new AuditVerification(0, 0, faults, false);
    }
  }
}
