package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a long {@code simulate}, from the shaded jar: SIGINT stops it at once with exit 130, one
 * line on standard error and nothing on standard output. The run is the longest the command line
 * accepts: the closed loop of 10^12 events arriving over 30 days through a 30-day outage, with 10
 * retries of full jitter up to 24 h (some 25 s of work); the test waits for its first progress line
 * ({@code EVENTRETRY_PROGRESS=always}, printed after two seconds) so that the signal reaches a run in
 * progress, not a JVM starting up.
 */
class SimulateInterruptIT {
  @TempDir Path dir;

  @Test
  void ctrlCStopsALongRunCleanlyWithExit130() throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.json"), """
        {
          "max_retries": 10,
          "backoff_strategy": "exponential",
          "base_delay_ms": 100,
          "max_delay_ms": 86400000,
          "jitter": { "mode": "full" },
          "dead_letter_queue_arn": "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq",
          "destination_rate_limit_rps": 150.0,
          "storage_availability_class": "standard"
        }""");
    Path chart = dir.resolve("storm.svg");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JarRunner.jar().toString(), "simulate", policy.toString(), "--engine", "closed-loop",
        "--events", "1000000000000", "--arrival-rate", "385803", "--outage", "30d",
        "--chart", chart.toString())
        .directory(dir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().put("EVENTRETRY_PROGRESS", "always");
    Process p = pb.start();
    try {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
      while (Files.readString(err, StandardCharsets.UTF_8).isEmpty()) {
        assertThat(p.isAlive()).as("the run ended before it showed progress").isTrue();
        assertThat(Instant.now()).as("no progress line within 90 s").isBefore(deadline);
        p.waitFor(100, TimeUnit.MILLISECONDS);
      }
      assertThat(Files.readString(err, StandardCharsets.UTF_8))
          .startsWith("eventretry simulate: closed-loop ");
      // A JVM started with SIGINT ignored (a background job of a shell without job control) never
      // sees Ctrl-C: there is nothing to test then.
      assumeThat(ignoresSigint(p.pid())).as("SIGINT ignored by the test's process tree").isFalse();
      signal("INT", p.pid());
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s of Ctrl-C").isTrue();
      assertThat(p.exitValue()).isEqualTo(130);
      assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEmpty();
      List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
      assertThat(lines.get(lines.size() - 1))
          .matches("eventretry simulate: interrupted at \\d+\\.\\d %; nothing was printed or written");
      assertThat(String.join("\n", lines)).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(chart).doesNotExist();
    } finally {
      p.destroyForcibly();
    }
  }

  private static void signal(String name, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  /** Bit 2 (SIGINT) of the ignored-signal mask in /proc/PID/status. */
  private static boolean ignoresSigint(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
        return (mask & (1L << 1)) != 0;
      }
    }
    return false;
  }
}
