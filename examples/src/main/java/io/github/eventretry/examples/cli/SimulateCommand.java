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
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
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
      "Simulates a retry storm against the destination.",
      "",
      "N events fail while the destination is down for the outage, then retry by the policy. Prints"
          + " attempts, deliveries, dead letters, drops, the peak rate against the destination's rate"
          + " limit, drain time, peak bandwidth and findings.",
      "",
      "Exit 0 when no finding is an error, 1 when one is, 2 on bad input (a value beyond its limit is"
          + " refused before anything runs, the limit named), 130 when stopped with Ctrl-C.",
      "",
      "A run longer than two seconds shows its progress on standard error when that is a terminal"
          + " (EVENTRETRY_PROGRESS=always shows it anywhere, =never nowhere)."
    })
public final class SimulateCommand implements Callable<Integer> {
  /**
   * The most events each engine is given, the one place these limits live: every accepted run
   * finishes within a minute on a shared 2-core machine, or is refused before it starts. Measured with
   * the worst case the other options allow (a 30-day outage, 10 retries of full jitter, every event
   * using all 11 attempts): Monte Carlo 50,000,000 events in 12.2 s, analytic 10^12 in 4.8 s (its
   * cost does not depend on the count). The closed loop runs by aggregate above 100,000 events, so
   * its cost does not depend on the count either and it takes the engine's own bound, 10^12: the
   * worst case, 10^12 events arriving over 30 days through a 30-day outage with 24 h delays, ran in
   * 25.4 s (full jitter) and 22.2 s (decorrelated) on the loaded 2-core machine. The bounds keep
   * about half of the minute in reserve for a busy machine.
   */
  static final Map<Engine, Long> MAX_EVENTS = Map.of(
      Engine.MONTE_CARLO, 100_000_000L,
      Engine.ANALYTIC, 1_000_000_000_000L,
      Engine.CLOSED_LOOP, RetryStorm.MAX_CLOSED_LOOP_EVENTS);

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the policy JSON file")
  Path file;

  @Option(names = "--events", required = true, paramLabel = "N",
      description = "events that fail, 1 or more: at most 100,000,000 for monte-carlo,"
          + " 1,000,000,000,000 for analytic and closed-loop")
  long events;

  @Option(names = "--outage", required = true, paramLabel = "DURATION",
      description = "how long the destination is down, 0 to 30 days: " + Durations.FORMS)
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
            + io.github.eventretry.core.text.SafeText.quote(engine) + ")"));
    Duration down = Durations.parse("eventretry simulate: --outage", outage, StormScenario.MAX_OUTAGE);
    long most = MAX_EVENTS.get(e);
    if (events > most) {
      throw CliException.usage(String.format(Locale.ROOT, "eventretry simulate: --events must be at"
          + " most %,d for the %s engine, so that the run ends within a minute (rejected: %,d)",
          most, e.cliName(), events));
    }
    if (chart != null) {
      PolicyFiles.checkWritable("eventretry simulate: --chart", chart);
    }
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
        writeChart(StormChart.svg(result, policy, file.getFileName().toString()));
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

  /** Writes the chart whole or not at all: to a file beside it, then moved into place. */
  private void writeChart(String svg) {
    Path target = chart.toAbsolutePath();
    Path temp = null;
    try {
      temp = Files.createTempFile(target.getParent(), ".chart-", ".tmp");
      Files.writeString(temp, svg, StandardCharsets.UTF_8);
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException ex) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException ex) {
      throw CliException.failed("eventretry simulate: cannot write the chart "
          + PolicyFiles.shown(chart) + ": " + ErrorText.describe(ex));
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Best effort: the chart itself is already in place or reported.
        }
      }
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
