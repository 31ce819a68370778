package io.github.eventretry.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.json.PolicyTrees;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.RolloutProgress;
import io.github.eventretry.state.StatusChange;
import io.github.eventretry.state.rollout.RolloutStage;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
      "Lists every version of an integration, oldest first, under where its deployments go (Genesys"
          + " Cloud, EventBridge rule targets, or both): the baseline v0 (what the targets held"
          + " before the first deploy), then each deployed version with its status, traffic split,"
          + " fingerprint, the configuration version it produced, who deployed it and why. Each later"
          + " change of a version's status is listed below it, with when, who and why.",
      "'*' marks the active version, '<' the one a rollback would return to. A rollout in progress is"
          + " shown last. Times are UTC, as the deployer's clock read them."
    })
public final class HistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;
  @picocli.CommandLine.Mixin StateOptions state;

  @Option(names = "--integration", paramLabel = "ID",
      description = "The integration (default: $GENESYS_INTEGRATION_ID, or the only one in the folder).")
  String integration;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    DeploymentState s = state.load("history", integration, cli.env());
    PrintWriter out = spec.commandLine().getOut();
    String active = s.activeVersionId().orElse("");
    String back = s.rollbackTarget().map(PolicyVersion::id).orElse("");
    if (json) {
      out.println(PolicyTrees.writePretty(toJson(s)));
      return ExitCodes.OK;
    }
    out.println("integration " + s.integrationId() + " (serial " + s.serial() + ")");
    out.println("deployed to " + RecordedTargets.describe(s));
    out.printf(Locale.ROOT, "%-2s %-5s %-20s %-22s %5s %-23s %6s  %s%n",
        "", "id", "created (UTC)", "status", "split", "fingerprint", "config", "actor: reason");
    for (PolicyVersion v : s.history()) {
      String mark = (v.id().equals(active) ? "*" : " ") + (v.id().equals(back) ? "<" : " ");
      String status = v.status().jsonName() + (v.unchecked() ? ", unchecked" : "");
      out.printf(Locale.ROOT, "%-2s %-5s %-20s %-22s %4d%% %-23s %6s  %s%n",
          mark, v.id(), time(v.createdAt()), status, v.split().percent(), v.digest().substring(0, 23),
          v.configurationVersion().isPresent() ? Long.toString(v.configurationVersion().getAsLong()) : "-",
          SafeText.quote(v.actor()) + (v.reason().isEmpty() ? "" : ": " + SafeText.quote(v.reason(), 200)));
      for (StatusChange c : v.changes()) {
        out.println("         " + time(c.at()) + "  " + c.status().jsonName() + " by "
            + SafeText.quote(c.actor()) + ": " + SafeText.quote(c.reason(), 200));
      }
    }
    s.rollout().ifPresent(p -> out.println(describe(p)));
    return ExitCodes.OK;
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** One line for a rollout in progress. */
  static String describe(RolloutProgress p) {
    RolloutStage stage = p.stage();
    String what = p.phase() == RolloutProgress.Phase.ROLLING_BACK
        ? "rolling back " + p.versionId() + p.rollbackTo().map(t -> " to " + t).orElse("")
        : "rollout of " + p.versionId() + " at stage " + (p.stageIndex() + 1) + " of "
            + p.plan().stages().size() + " (" + stage.split() + ", " + p.phase().jsonName() + ")";
    return "unfinished: " + what + " since " + time(p.since())
        + p.stoppedAt().map(t -> "; stopped at " + time(t)).orElse("")
        + "; continue with 'eventretry resume', or undo with 'eventretry rollback'";
  }

  private static ObjectNode toJson(DeploymentState s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("integration_id", s.integrationId());
    o.put("lineage", s.lineage().toString());
    o.put("serial", s.serial());
    o.put("target", TargetKind.recordedIn(s).orElse(TargetKind.GENESYS).option());
    o.put("active_version", s.activeVersionId().orElse(null));
    o.put("rollback_target", s.rollbackTarget().map(PolicyVersion::id).orElse(null));
    ArrayNode versions = o.putArray("versions");
    for (PolicyVersion v : s.history()) {
      ObjectNode n = versions.addObject();
      n.put("id", v.id());
      n.put("created_at", v.createdAt().toString());
      n.put("status", v.status().jsonName());
      n.put("traffic_split", v.split().percent());
      n.put("unchecked", v.unchecked());
      if (v.configurationVersion().isPresent()) {
        n.put("configuration_version", v.configurationVersion().getAsLong());
      } else {
        n.putNull("configuration_version");
      }
      n.put("actor", v.actor());
      n.put("reason", v.reason());
      ArrayNode changes = n.putArray("changes");
      for (StatusChange c : v.changes()) {
        ObjectNode cn = changes.addObject();
        cn.put("at", c.at().toString());
        cn.put("status", c.status().jsonName());
        cn.put("actor", c.actor());
        cn.put("reason", c.reason());
      }
      if (v.policy().isPresent()) {
        n.put("policy_fingerprint", v.fingerprint().orElseThrow().value());
        n.set("policy", PolicyTrees.toJsonNode(v.policy().get()));
      } else {
        var t = v.snapshot().orElseThrow();
        ObjectNode b = n.putObject("baseline");
        b.put("target", t.target());
        b.put("digest", t.digest());
        b.put("json", t.json());
      }
    }
    if (s.rollout().isPresent()) {
      RolloutProgress p = s.rollout().get();
      ObjectNode r = o.putObject("rollout");
      r.put("version_id", p.versionId());
      r.put("stage", p.stageIndex() + 1);
      r.put("stages", p.plan().stages().size());
      r.put("traffic_split", p.stage().split().percent());
      r.put("phase", p.phase().jsonName());
      r.put("failed_checks", p.failedChecks());
      r.put("since", p.since().toString());
      r.put("bake_ends_at", p.phase() == RolloutProgress.Phase.BAKING
          ? p.since().plus(p.stage().bakeTime()).toString() : null);
      r.put("rollback_to", p.rollbackTo().orElse(null));
      r.put("stopped_at", p.stoppedAt().map(Instant::toString).orElse(null));
      r.put("may_have_reached_target", p.mayHaveReachedTarget());
      r.put("plan", p.plan().describe());
    } else {
      o.putNull("rollout");
    }
    return o;
  }
}
