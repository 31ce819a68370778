package io.github.eventretry.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.json.PolicyTrees;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.DelaySchedule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eventretry schedule FILE [--seed S] [--samples K] [--json]}. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a policy's delay schedule.",
      "",
      "For each retry: the nominal delay (before jitter) and the min, mean and max of K seeded draws,"
          + " in milliseconds, then the worst-case retry window. Exit 0, or 2 on bad input."
    })
public final class ScheduleCommand implements Callable<Integer> {
  /** The most draws a run may take. */
  static final int MAX_SAMPLES = 10_000_000;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the policy JSON file")
  Path file;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "seed of the draws (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--samples", paramLabel = "K", defaultValue = "1000",
      description = "draws per retry, 1..10000000 (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--json", description = "print one JSON object instead of a table")
  boolean json;

  @Override
  public Integer call() {
    if (samples < 1 || samples > MAX_SAMPLES) {
      throw CliException.usage("eventretry schedule: --samples must be between 1 and " + MAX_SAMPLES
          + " (rejected: " + samples + ")");
    }
    RetryPolicy policy = PolicyFiles.load(file);
    DelaySchedule schedule = DelaySchedule.of(policy);
    int n = schedule.retries();
    double[] min = new double[n];
    double[] max = new double[n];
    double[] sum = new double[n];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    SplittableRandom random = new SplittableRandom(seed);
    for (int k = 0; k < samples; k++) {
      // Whole schedules, so decorrelated jitter draws from its real previous delays.
      double previous = schedule.initialPreviousMillis();
      for (int i = 0; i < n; i++) {
        previous = schedule.nextDelayMillis(i, previous, random);
        min[i] = Math.min(min[i], previous);
        max[i] = Math.max(max[i], previous);
        sum[i] += previous;
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("policy_fingerprint", policy.fingerprint().toString());
      o.set("jitter", PolicyTrees.jitterNode(policy.jitter()));
      o.put("seed", seed);
      o.put("samples", samples);
      o.put("worst_case_retry_window_ms", policy.worstCaseRetryWindow().toMillis());
      ArrayNode retries = o.putArray("retries");
      for (int i = 0; i < n; i++) {
        retries.addObject()
            .put("retry", i)
            .put("nominal_ms", policy.nominalDelayMillis(i))
            .put("min_ms", round(min[i]))
            .put("mean_ms", round(sum[i] / samples))
            .put("max_ms", round(max[i]));
      }
      out.println(PolicyTrees.writePretty(o));
      return ExitCodes.OK;
    }
    out.println(String.format(Locale.ROOT, "%s, %s jitter%s, %d draws, seed %d",
        policy.backoffStrategy().jsonName(), policy.jitter().mode(),
        policy.jitter() instanceof Jitter.Proportional p
            ? String.format(Locale.ROOT, " %.2f", p.factor()) : "",
        samples, seed));
    out.println(String.format(Locale.ROOT, "%-6s %12s %12s %12s %12s",
        "retry", "nominal_ms", "min_ms", "mean_ms", "max_ms"));
    for (int i = 0; i < n; i++) {
      out.println(String.format(Locale.ROOT, "%-6d %12d %12.1f %12.1f %12.1f",
          i, policy.nominalDelayMillis(i), min[i], sum[i] / samples, max[i]));
    }
    out.println(String.format(Locale.ROOT, "worst-case retry window: %.1f s",
        policy.worstCaseRetryWindow().toMillis() / 1000.0));
    return ExitCodes.OK;
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
