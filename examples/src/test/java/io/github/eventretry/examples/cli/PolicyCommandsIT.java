package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy commands, run from the shaded jar on real files. */
class PolicyCommandsIT {
  static final String SEED = """
      {
        "max_retries": 5,
        "backoff_strategy": "exponential",
        "base_delay_ms": 500,
        "max_delay_ms": 60000,
        "dead_letter_queue_arn": "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq",
        "destination_rate_limit_rps": 150.0,
        "storage_availability_class": "standard"
      }
      """;

  @TempDir static Path dir;
  static Path seed;

  @BeforeAll
  static void files() throws IOException {
    seed = Files.writeString(dir.resolve("policy.json"), SEED);
  }

  private static void assertOneCleanErrorLine(JarRunner.Run run) {
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void validatePrintsTheFingerprint() throws Exception {
    JarRunner.Run run = JarRunner.run(dir, "validate", seed.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).matches("valid sha256:[0-9a-f]{64}\\R");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validateListsEveryViolationOnStderr() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), SEED
        .replace("\"max_retries\": 5", "\"max_retries\": 11")
        .replace("\"max_delay_ms\": 60000", "\"max_delay_ms\": 200")
        .replace("eventbridge-dlq", "eventbridge-dlq.fifo"));
    JarRunner.Run run = JarRunner.run(dir, "validate", bad.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).containsExactly(
        "eventretry: " + bad + " is not a valid policy (3 problems):",
        "$.max_retries: must be between 1 and 10 (rejected: 11)",
        "$.max_delay_ms: must be greater than or equal to base_delay_ms (500) (rejected: 200)",
        "$.dead_letter_queue_arn: names a FIFO queue; EventBridge dead-letter queues must be SQS"
            + " standard queues (rejected: \"arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq.fifo\")");
  }

  @Test
  void fingerprintIsStableAcrossFieldOrderAndWhitespace() throws Exception {
    Path reordered = Files.writeString(dir.resolve("reordered.json"),
        "{\"storage_availability_class\":\"standard\",\"destination_rate_limit_rps\":150,"
            + "\"dead_letter_queue_arn\":\"arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq\","
            + "\"max_delay_ms\":60000,\"base_delay_ms\":500,\"backoff_strategy\":\"exponential\","
            + "\"max_retries\":5,\"jitter\":{\"factor\":0.1,\"mode\":\"proportional\"}}");
    JarRunner.Run a = JarRunner.run(dir, "fingerprint", seed.toString());
    JarRunner.Run b = JarRunner.run(dir, "fingerprint", reordered.toString());
    assertThat(a.exitCode()).isZero();
    assertThat(a.out()).matches("sha256:[0-9a-f]{64}\\R").isEqualTo(b.out());
  }

  @Test
  void payloadTargets() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JarRunner.Run genesys = JarRunner.run(dir, "payload", seed.toString(), "--target", "genesys",
        "--traffic-split", "50");
    assertThat(genesys.exitCode()).isZero();
    JsonNode block = json.readTree(genesys.out());
    assertThat(block.get("traffic_split").intValue()).isEqualTo(50);
    assertThat(block.get("policy_fingerprint").textValue()).startsWith("sha256:");
    assertThat(block.at("/retry_policy/jitter/mode").textValue()).isEqualTo("proportional");

    JsonNode seedShape = json.readTree(
        JarRunner.run(dir, "payload", seed.toString(), "--target", "genesys-seed").out());
    assertThat(seedShape.get("integration_type").textValue()).isEqualTo("aws-eventbridge");
    assertThat(seedShape.at("/config/traffic_split").intValue()).isEqualTo(100);

    JsonNode eventBridge = json.readTree(
        JarRunner.run(dir, "payload", seed.toString(), "--target", "eventbridge").out());
    assertThat(eventBridge.at("/RetryPolicy/MaximumRetryAttempts").intValue()).isEqualTo(5);
    assertThat(eventBridge.at("/RetryPolicy/MaximumEventAgeInSeconds").intValue()).isEqualTo(60);
    assertThat(eventBridge.at("/DeadLetterConfig/Arn").textValue()).endsWith(":eventbridge-dlq");
  }

  @Test
  void payloadRejectsBadOptions() throws Exception {
    assertOneCleanErrorLine(JarRunner.run(dir, "payload", seed.toString(), "--target", "sns"));
    assertOneCleanErrorLine(JarRunner.run(dir, "payload", seed.toString(), "--target", "genesys",
        "--traffic-split", "0"));
    assertOneCleanErrorLine(JarRunner.run(dir, "payload", seed.toString()));
  }

  @Test
  void missingFile() throws Exception {
    JarRunner.Run run = JarRunner.run(dir, "validate", dir.resolve("nope.json").toString());
    assertOneCleanErrorLine(run);
    assertThat(run.err()).contains("no such file");
  }

  @Test
  void aFolderInsteadOfAFile() throws Exception {
    assertOneCleanErrorLine(JarRunner.run(dir, "validate", dir.toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   \n", "{\"max_retries\": 5,", "[1, 2, 3]", "null", "\"policy\""})
  void emptyMalformedOrNotAnObject(String content) throws Exception {
    Path file = Files.writeString(dir.resolve("content-" + content.hashCode() + ".json"), content);
    assertOneCleanErrorLine(JarRunner.run(dir, "validate", file.toString()));
  }

  @Test
  void binaryJunk() throws Exception {
    byte[] junk = new byte[4096];
    new Random(42).nextBytes(junk);
    Path file = Files.write(dir.resolve("junk.bin"), junk);
    assertOneCleanErrorLine(JarRunner.run(dir, "fingerprint", file.toString()));
  }

  @Test
  void fiftyMegabyteFile() throws Exception {
    Path file = dir.resolve("huge.json");
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, (byte) ' ');
      for (int i = 0; i < 50; i++) {
        out.write(chunk);
      }
    }
    JarRunner.Run run = JarRunner.run(dir, "validate", file.toString());
    assertOneCleanErrorLine(run);
    assertThat(run.err()).contains("too large");
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "fingerprint", "payload"})
  void helpOnEveryCommand(String command) throws Exception {
    JarRunner.Run run = JarRunner.run(dir, command, "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: eventretry " + command);
  }

  @Test
  void unknownCommandAndNoCommandAreUsageErrors() throws Exception {
    assertThat(JarRunner.run(dir, "frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(JarRunner.run(dir).exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(JarRunner.run(dir, "validate").exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
