package io.github.eventretry.state.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the state module's JMH benchmarks (the arguments are JMH's own; with no benchmark named, every
 * benchmark of this package) and ends with the
 * line {@code verify/sha256 ratio: X.XX}: the throughput of {@code verify()} over that of the bare JDK
 * SHA-256 of the same file, measured side by side in the same iterations.
 *
 * <p>Run: {@code mvn -B -Dquick -pl state -am verify -Pbenchmarks -DskipTests}; only the audit
 * verification: {@code -Dstate.jmh.args=AuditVerifyBenchmark}; a smaller log:
 * {@code -Dstate.jmh.args="AuditVerifyBenchmark -p records=100000"}.
 */
public final class StateBenchmarks {
  private StateBenchmarks() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder b = new OptionsBuilder();
    if (cli.getIncludes().isEmpty()) {
      b.include(StateBenchmarks.class.getPackageName() + ".*");
    }
    Options options = b.parent(cli).build();
    Collection<RunResult> results = new Runner(options).run();
    for (RunResult r : results) {
      if (!r.getParams().getBenchmark().endsWith(".sideBySide")) {
        continue;
      }
      Map<String, Result> parts = r.getSecondaryResults();
      double verifyMs = parts.get("verify").getScore();
      double shaMs = parts.get("sha256").getScore();
      Path file = Path.of(r.getParams().getParam("folder")).resolve("audit.jsonl");
      double mb = Files.size(file) / 1e6;
      System.out.printf(Locale.ROOT, "audit benchmark: %s records, %.1f MB: verify() %.0f MB/s (%.0f ms),"
              + " bare SHA-256 %.0f MB/s (%.0f ms), side by side%n", r.getParams().getParam("records"), mb,
          mb / (verifyMs / 1000), verifyMs, mb / (shaMs / 1000), shaMs);
      System.out.printf(Locale.ROOT, "verify/sha256 ratio: %.2f%n", shaMs / verifyMs);
    }
  }
}
