package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedule} and {@code simulate} from the shaded jar, as a user runs them. */
class SimulationCommandsIT {
  @TempDir Path dir;

  private Path seed() throws Exception {
    return Files.writeString(dir.resolve("policy.json"), PolicyCommandsIT.SEED);
  }

  @Test
  void scheduleExitsZero() throws Exception {
    JarRunner.Run run = JarRunner.run(dir, "schedule", seed().toString(), "--samples", "100");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("nominal_ms").contains("8000");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void simulateWritesTheChartAndExitsOneOnAnErrorFinding() throws Exception {
    Path chart = dir.resolve("storm.svg");
    JarRunner.Run run = JarRunner.run(dir, "simulate", seed().toString(), "--events", "100000",
        "--outage", "PT10M", "--engine", "analytic", "--json", "--chart", chart.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("dead_lettered").asLong()).isEqualTo(100_000);
    assertThat(json.get("findings").get(0).get("severity").asText()).isEqualTo("error");
    assertThat(Files.readString(chart)).contains("attempts per second").contains("rate limit 150 rps");
  }

  @Test
  void simulateExitsZeroWithoutAnErrorAndTwoOnBadInput() throws Exception {
    Path policy = seed();
    assertThat(JarRunner.run(dir, "simulate", policy.toString(), "--events", "50", "--outage", "3s")
        .exitCode()).isZero();
    JarRunner.Run bad = JarRunner.run(dir, "simulate", policy.toString(), "--events", "50",
        "--outage", "3 minutes");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.errLines()).hasSize(1);
  }
}
