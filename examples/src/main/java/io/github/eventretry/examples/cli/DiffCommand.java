package io.github.eventretry.examples.cli;

import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.github.eventretry.state.VersionDiff;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code eventretry diff V1 V2}. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = "Shows, field by field, how two versions differ (v0 is the baseline: what the"
        + " targets held before the first deploy). When the deployments go to EventBridge rule targets,"
        + " also what each version sets there (RetryPolicy, DeadLetterConfig), target by target when"
        + " one of them is the baseline.")
public final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand EventRetryCli cli;
  @picocli.CommandLine.Mixin StateOptions state;

  @Parameters(index = "0", paramLabel = "V1", description = "A version, such as v1.")
  String from;

  @Parameters(index = "1", paramLabel = "V2", description = "Another version, such as v2.")
  String to;

  @Option(names = "--integration", paramLabel = "ID",
      description = "The integration (default: $GENESYS_INTEGRATION_ID, or the only one in the folder).")
  String integration;

  @Override
  public Integer call() {
    DeploymentState s = state.load("diff", integration, cli.env());
    VersionDiff d;
    try {
      d = s.diff(from, to);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("eventretry diff: " + Deployments.shown(e.getMessage()));
    }
    PrintWriter out = spec.commandLine().getOut();
    List<String> eventBridge = eventBridgeChanges(s);
    if (d.isEmpty() && eventBridge.isEmpty()) {
      out.println(d.fromId() + " and " + d.toId() + " are the same");
      return ExitCodes.OK;
    }
    out.println("--- " + d.fromId());
    out.println("+++ " + d.toId());
    for (VersionDiff.FieldChange c : d.changes()) {
      out.println(c.field() + ": " + c.from().map(v -> SafeText.quote(v, 200)).orElse("(none)") + " -> "
          + c.to().map(v -> SafeText.quote(v, 200)).orElse("(none)"));
    }
    eventBridge.forEach(out::println);
    return ExitCodes.OK;
  }

  /** What the two versions set on the EventBridge rule targets, when those are a target. */
  private List<String> eventBridgeChanges(DeploymentState s) {
    if (!TargetKind.recordedIn(s).orElse(TargetKind.GENESYS).eventBridge()) {
      return List.of();
    }
    PolicyVersion a = s.version(from).orElseThrow();
    PolicyVersion b = s.version(to).orElseThrow();
    boolean perTarget = a.isBaseline() || b.isBaseline();
    Map<String, String> fa = RecordedTargets.eventBridgeFields(s, a, perTarget);
    Map<String, String> fb = RecordedTargets.eventBridgeFields(s, b, perTarget);
    Set<String> keys = new LinkedHashSet<>(fa.keySet());
    keys.addAll(fb.keySet());
    List<String> lines = new ArrayList<>();
    for (String k : keys) {
      String x = fa.getOrDefault(k, "(none)");
      String y = fb.getOrDefault(k, "(none)");
      if (!x.equals(y)) {
        lines.add(SafeText.escape(k + ": " + x + " -> " + y));
      }
    }
    return lines;
  }
}
