package io.github.eventretry.examples.cli;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.Engine;
import io.github.eventretry.simulator.Finding;
import io.github.eventretry.simulator.RetryStorm;
import io.github.eventretry.simulator.SimulationCancelledException;
import io.github.eventretry.simulator.StormChart;
import io.github.eventretry.simulator.StormResult;
import io.github.eventretry.simulator.StormScenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eventretry simulate FILE --events N --outage DURATION [--arrival-rate R] [--payload-kb KB]
 * [--engine monte-carlo|analytic|closed-loop] [--seed S] [--json] [--chart FILE.svg]}.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates a retry storm: N events fail while the destination is down for the outage,",
      "then retry by the policy. Prints attempts, deliveries, dead letters, drops, the peak rate",
      "against the destination's rate limit, drain time, peak bandwidth and findings.",
      "Exit 0 when no finding is an error, 1 when one is, 2 on bad input, 130 when stopped with",
      "Ctrl-C. A run longer than two seconds shows its progress on standard error when that is a",
      "terminal (EVENTRETRY_PROGRESS=always shows it anywhere, =never nowhere)."
    })
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the policy JSON file")
  Path file;

  @Option(names = "--events", required = true, paramLabel = "N", description = "events that fail, 1 or more")
  long events;

  @Option(names = "--outage", required = true, paramLabel = "DURATION",
      description = "how long the destination is down: 90s, 10m, 2h, 500ms or PT10M")
  String outage;

  @Option(names = "--arrival-rate", paramLabel = "R",
      description = "events arrive at R per second (default: all fail at t = 0)")
  Double arrivalRate;

  @Option(names = "--payload-kb", paramLabel = "KB", defaultValue = "2.5",
      description = "size of one event in KB (default: ${DEFAULT-VALUE})")
  double payloadKb;

  @Option(names = "--bandwidth-limit-kbps", paramLabel = "KBPS", defaultValue = "50000",
      description = "bandwidth that raises BANDWIDTH_EXCEEDED, KB/s (default: ${DEFAULT-VALUE}, 50 MB/s)")
  double bandwidthLimitKbps;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "monte-carlo",
      description = "monte-carlo, analytic or closed-loop (default: ${DEFAULT-VALUE})")
  String engine;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "seed of monte-carlo and closed-loop (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--json", description = "print one JSON object instead of a table")
  boolean json;

  @Option(names = "--chart", paramLabel = "FILE.svg",
      description = "also write an SVG chart of attempts per second")
  Path chart;

  @Override
  public Integer call() {
    Engine e = Engine.fromCliName(engine).orElseThrow(() -> CliException.usage(
        "eventretry simulate: --engine must be one of monte-carlo, analytic, closed-loop (rejected: "
            + engine + ")"));
    Duration down = Durations.parse("eventretry simulate: --outage", outage);
    StormScenario scenario;
    try {
      StormScenario.Builder b = StormScenario.builder()
          .events(events)
          .outage(down)
          .payloadSizeKb(payloadKb)
          .bandwidthLimitKbps(bandwidthLimitKbps);
      if (arrivalRate != null) {
        b.arrivalRatePerSecond(arrivalRate);
      }
      scenario = b.build();
    } catch (IllegalArgumentException ex) {
      throw CliException.usage("eventretry simulate: " + ex.getMessage());
    }
    RetryPolicy policy = PolicyFiles.load(file);
    PrintWriter err = spec.commandLine().getErr();
    // Ctrl-C stops the run where it is; the watch holds the JVM until the last line is printed.
    try (InterruptWatch interrupt = InterruptWatch.start()) {
      StormResult result;
      ProgressLine.Mode shown = ProgressLine.mode(((EventRetryCli) spec.root().userObject()).env());
      try (ProgressLine line = new ProgressLine(err, shown, System::nanoTime, interrupt::requested,
          e.cliName())) {
        int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        result = RetryStorm.run(e, policy, scenario, seed, threads, line);
      } catch (IllegalArgumentException ex) {
        throw CliException.usage("eventretry simulate: " + ex.getMessage());
      } catch (SimulationCancelledException ex) {
        err.println(String.format(Locale.ROOT,
            "eventretry simulate: interrupted at %.1f %%; nothing was printed or written",
            100.0 * ex.fractionDone()));
        err.flush();
        return InterruptWatch.EXIT_INTERRUPTED;
      }
      if (chart != null) {
        try {
          Files.writeString(chart, StormChart.svg(result), StandardCharsets.UTF_8);
        } catch (IOException ex) {
          throw CliException.usage("eventretry simulate: cannot write the chart " + chart + ": " + ex);
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(result.toJson());
      } else {
        printTable(out, result, e);
      }
      out.flush();
      return result.hasErrors() ? ExitCodes.FAILED : ExitCodes.OK;
    }
  }

  private void printTable(PrintWriter out, StormResult r, Engine e) {
    String engineLine = e == Engine.ANALYTIC
        ? "analytic (expected values)"
        : e.cliName() + " (seed " + seed + ")";
    row(out, "engine", engineLine);
    row(out, "events", count(r.events()));
    row(out, "attempts", count(r.attempts()));
    if (e == Engine.CLOSED_LOOP) {
      row(out, "throttled", count(r.throttled()));
    }
    row(out, "delivered", count(r.delivered()));
    row(out, "dead-lettered", count(r.deadLettered()));
    row(out, "dropped", count(r.dropped()));
    row(out, "peak attempts/s", count(r.peakAttemptsPerSecond())
        + String.format(Locale.ROOT, " (rate limit %s)", trim(r.rateLimitRps())));
    row(out, "seconds over rate limit", Integer.toString(r.secondsOverRateLimit()));
    row(out, "drain", String.format(Locale.ROOT, "%.1f s after recovery", r.drainSeconds()));
    row(out, "peak bandwidth", count(r.peakBandwidthKbps()) + " KB/s");
    if (r.findings().isEmpty()) {
      out.println("findings: none");
    } else {
      out.println("findings:");
      for (Finding f : r.findings()) {
        out.println(String.format(Locale.ROOT, "  %-7s %s: %s", f.severity().jsonName(), f.code(),
            f.message()));
      }
    }
  }

  private static void row(PrintWriter out, String name, String value) {
    out.println(String.format(Locale.ROOT, "%-24s %s", name, value));
  }

  private static String count(double v) {
    return String.format(Locale.ROOT, "%,d", Math.round(v));
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
