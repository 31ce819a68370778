package io.github.eventretry.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.json.PolicyTrees;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code eventretry history}. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Lists every version deployed to an integration, oldest first, with its status, traffic",
      "split, fingerprint and the Genesys configuration version it produced.",
      "'*' marks the active version, 'g' the last known good one."
    })
public final class HistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;
  @picocli.CommandLine.Mixin StateOptions state;

  @Option(names = "--integration", paramLabel = "ID",
      description = "the integration (default: $GENESYS_INTEGRATION_ID, or the only one in the folder)")
  String integration;

  @Option(names = "--json", description = "print one JSON object instead of a table")
  boolean json;

  @Override
  public Integer call() {
    DeploymentState s = state.load("history", integration, cli.env());
    String id = s.integrationId();
    PrintWriter out = spec.commandLine().getOut();
    String active = s.activeVersionId().orElse("");
    String good = s.lastKnownGoodVersionId().orElse("");
    if (json) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("integration_id", id);
      o.put("lineage", s.lineage().toString());
      o.put("serial", s.serial());
      o.put("active_version", active.isEmpty() ? null : active);
      o.put("last_known_good_version", good.isEmpty() ? null : good);
      ArrayNode versions = o.putArray("versions");
      for (PolicyVersion v : s.history()) {
        ObjectNode n = versions.addObject();
        n.put("id", v.id());
        n.put("created_at", v.createdAt().toString());
        n.put("status", v.status().jsonName());
        n.put("traffic_split", v.split().percent());
        n.put("policy_fingerprint", v.fingerprint().value());
        if (v.configurationVersion().isPresent()) {
          n.put("configuration_version", v.configurationVersion().getAsLong());
        }
        n.put("actor", v.actor());
        n.put("reason", v.reason());
        n.set("policy", PolicyTrees.toJsonNode(v.policy()));
      }
      out.println(PolicyTrees.writePretty(o));
      return ExitCodes.OK;
    }
    out.println("integration " + id + " (serial " + s.serial() + ")");
    out.printf(Locale.ROOT, "%-2s %-6s %-20s %-11s %5s %-23s %7s  %s%n",
        "", "id", "created", "status", "split", "fingerprint", "config", "actor: reason");
    for (PolicyVersion v : s.history()) {
      String mark = (v.id().equals(active) ? "*" : " ") + (v.id().equals(good) ? "g" : " ");
      out.printf(Locale.ROOT, "%-2s %-6s %-20s %-11s %4d%% %-23s %7s  %s%n",
          mark, v.id(), v.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), v.status().jsonName(), v.split().percent(),
          v.fingerprint().value().substring(0, 23),
          v.configurationVersion().isPresent() ? Long.toString(v.configurationVersion().getAsLong()) : "-",
          v.actor() + (v.reason().isEmpty() ? "" : ": " + v.reason()));
    }
    return ExitCodes.OK;
  }
}
