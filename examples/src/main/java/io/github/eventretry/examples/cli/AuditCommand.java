package io.github.eventretry.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.json.PolicyTrees;
import io.github.eventretry.state.AuditFault;
import io.github.eventretry.state.AuditVerification;
import io.github.eventretry.state.FileAuditLog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eventretry audit verify}. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Works with the hash-chained audit log of a state folder.",
    subcommands = {AuditCommand.Verify.class, CommandLine.HelpCommand.class})
public final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (verify)");
  }

  /** {@code eventretry audit verify [--state DIR] [--json]}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Walks the whole audit log, recomputing every record's hash and link, and reports",
        "records checked, records valid and every fault (broken link, hash mismatch, gap,",
        "unparsable line, torn tail). Exit 0 when the chain is intact, 1 when it is not."
      })
  public static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin StateOptions state;

    @Option(names = "--json", description = "print one JSON object instead of lines")
    boolean json;

    @Override
    public Integer call() {
      Path file = state.folder.resolve(FileAuditLog.DEFAULT_FILE_NAME);
      if (!Files.isRegularFile(file)) {
        throw CliException.usage("eventretry audit verify: no audit log " + file + " (pass --state DIR)");
      }
      AuditVerification v;
      try (FileAuditLog log = FileAuditLog.open(state.folder)) {
        v = log.verify();
      } catch (EventRetryException e) {
        throw CliException.failed("eventretry audit verify: " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("file", file.toString());
        o.put("intact", v.intact());
        o.put("records_checked", v.recordsChecked());
        o.put("records_valid", v.recordsValid());
        ArrayNode faults = o.putArray("faults");
        for (AuditFault f : v.faults()) {
          ObjectNode n = faults.addObject();
          n.put("seq", f.seq());
          n.put("line", f.line());
          n.put("kind", f.kind().name());
          n.put("detail", f.detail());
        }
        out.println(PolicyTrees.writePretty(o));
      } else {
        out.println((v.intact() ? "intact: " : "BROKEN: ") + v.recordsChecked() + " records checked, "
            + v.recordsValid() + " valid, " + v.faults().size() + " fault(s) in " + file);
        for (AuditFault f : v.faults()) {
          out.println("  seq " + f.seq() + " (line " + f.line() + "): " + f.kind() + ": " + f.detail());
        }
      }
      return v.intact() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }
}
