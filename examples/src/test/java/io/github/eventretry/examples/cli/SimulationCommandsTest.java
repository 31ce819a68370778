package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code eventretry schedule} and {@code eventretry simulate}, run in-process. */
class SimulationCommandsTest {
  private static final String SEED = """
      {
        "max_retries": 5,
        "backoff_strategy": "exponential",
        "base_delay_ms": 500,
        "max_delay_ms": 60000,
        "jitter": { "mode": "proportional", "factor": 0.1 },
        "dead_letter_queue_arn": "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq",
        "destination_rate_limit_rps": 150.0,
        "storage_availability_class": "standard"
      }""";

  @TempDir Path dir;
  Path policy;
  String out;
  String err;

  @BeforeEach
  void writePolicy() throws IOException {
    policy = dir.resolve("policy.json");
    Files.writeString(policy, SEED);
  }

  private int run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = EventRetryCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  @Test
  void scheduleTablePrintsNominalAndDrawnDelaysPerRetry() {
    assertThat(run("schedule", policy.toString(), "--samples", "500")).isZero();
    assertThat(out).contains("exponential, proportional jitter 0.10, 500 draws, seed 42")
        .contains("nominal_ms").contains("worst-case retry window");
    assertThat(out.lines().filter(l -> l.matches("\\d+\\s+.*"))).hasSize(5);
    assertThat(err).isEmpty();
  }

  @Test
  void scheduleJsonHasMinMeanMaxWithinTheJitterRange() throws IOException {
    assertThat(run("schedule", policy.toString(), "--json", "--seed", "7", "--samples", "2000")).isZero();
    JsonNode json = new ObjectMapper().readTree(out);
    assertThat(json.get("retries")).hasSize(5);
    for (JsonNode r : json.get("retries")) {
      long nominal = r.get("nominal_ms").asLong();
      assertThat(r.get("min_ms").asDouble()).isGreaterThanOrEqualTo(nominal);
      assertThat(r.get("max_ms").asDouble()).isLessThanOrEqualTo(nominal * 1.1);
      assertThat(r.get("mean_ms").asDouble()).isBetween(nominal * 1.04, nominal * 1.06);
    }
    String first = out;
    run("schedule", policy.toString(), "--json", "--seed", "7", "--samples", "2000");
    assertThat(out).isEqualTo(first);
  }

  @Test
  void simulateJsonHasEveryFieldAndExitsOneOnAnErrorFinding() throws IOException {
    Path chart = dir.resolve("storm.svg");
    int code = run("simulate", policy.toString(), "--events", "2000000", "--outage", "10m",
        "--json", "--chart", chart.toString());
    assertThat(code).isEqualTo(ExitCodes.FAILED);
    JsonNode json = new ObjectMapper().readTree(out);
    for (String field : new String[] {"events", "attempts", "delivered", "dead_lettered", "dropped",
        "peak_attempts_per_second", "seconds_over_rate_limit", "drain_seconds", "peak_bandwidth_kbps",
        "findings"}) {
      assertThat(json.has(field)).as(field).isTrue();
    }
    assertThat(json.get("events").asLong()).isEqualTo(2_000_000);
    assertThat(json.get("dead_lettered").asLong()).isEqualTo(2_000_000);
    assertThat(json.get("attempts").asLong()).isEqualTo(12_000_000);
    JsonNode finding = json.get("findings").get(0);
    assertThat(finding.get("severity").asText()).isEqualTo("error");
    assertThat(finding.get("code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(finding.get("message").asText()).contains("150 rps");
    assertThat(Files.readString(chart)).startsWith("<svg").contains("rate limit 150 rps");
  }

  @Test
  void simulateExitsZeroWhenNoFindingIsAnError() {
    int code = run("simulate", policy.toString(), "--events", "50", "--outage", "PT3S");
    assertThat(code).as(out + err).isZero();
    assertThat(out).contains("monte-carlo (seed 42)").contains("delivered").contains("findings: none");
  }

  @ParameterizedTest
  @ValueSource(strings = {"monte-carlo", "analytic", "closed-loop"})
  void everyEngineRunsWithArrivalsAndDurationsInSeconds(String engine) throws IOException {
    int code = run("simulate", policy.toString(), "--events", "6000", "--outage", "90s",
        "--arrival-rate", "100", "--engine", engine, "--json");
    JsonNode json = new ObjectMapper().readTree(out);
    assertThat(json.get("engine").asText()).isEqualTo(engine);
    long sum = json.get("delivered").asLong() + json.get("dead_lettered").asLong()
        + json.get("dropped").asLong();
    assertThat(sum).isBetween(5999L, 6001L);
    assertThat(code).isIn(ExitCodes.OK, ExitCodes.FAILED);
  }

  @Test
  void badInputExitsTwo() {
    assertThat(run("simulate", policy.toString(), "--events", "10", "--outage", "ten minutes"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("--outage must be a duration").contains("ten minutes");
    assertThat(run("simulate", policy.toString(), "--events", "0", "--outage", "1m"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("events must be 1 or more");
    assertThat(run("simulate", policy.toString(), "--events", "10", "--outage", "1m",
        "--engine", "quantum")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("simulate", policy.toString(), "--outage", "1m")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("simulate", dir.resolve("missing.json").toString(), "--events", "1",
        "--outage", "1m")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("schedule", policy.toString(), "--samples", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
