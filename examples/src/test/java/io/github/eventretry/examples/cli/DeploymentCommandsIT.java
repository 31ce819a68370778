package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.examples.demo.TelemetryCollector;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy, rollback, history and diff from the shaded jar against an emulator started here. */
class DeploymentCommandsIT {
  static GenesysCloudEmulator emulator;
  @TempDir static Path dir;
  static Path seed;
  static Path bolder;

  @BeforeAll
  static void start() throws Exception {
    emulator = GenesysCloudEmulator.builder().noRateLimit().start();
    seed = Files.writeString(dir.resolve("seed.json"), PolicyCommandsIT.SEED);
    bolder = Files.writeString(dir.resolve("bolder.json"),
        PolicyCommandsIT.SEED.replace("\"max_retries\": 5", "\"max_retries\": 8"));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static RetryPolicy live() {
    return emulator.configuration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID).appliedPolicy()
        .orElseThrow().policy();
  }

  private static JarRunner.Run eventretry(String... args) throws Exception {
    return JarRunner.run(dir, args);
  }

  @Test
  void deployRollbackHistoryDiff() throws Exception {
    String url = emulator.baseUri().toString();
    String state = dir.resolve("state").toString();
    JarRunner.Run first = eventretry("deploy", seed.toString(), "--emulator", url, "--state", state,
        "--plan", "10,100", "--bake", "1s", "--min-sample", "1", "--actor", "alice");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("completed");
    assertThat(first.err()).contains("v1 10%").contains("v1 100%");
    assertThat(live()).isEqualTo(PolicyJson.read(PolicyCommandsIT.SEED));
    // The EventBridge properties of the integration are untouched.
    assertThat(emulator.configuration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID).properties()
        .get("awsAccountId")).isEqualTo("\"123456789012\"");

    JarRunner.Run second = eventretry("deploy", bolder.toString(), "--emulator", url, "--state", state,
        "--plan", "all-at-once", "--bake", "1s", "--min-sample", "1");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(live().maxRetries()).isEqualTo(8);

    JarRunner.Run diff = eventretry("diff", "v1", "v2", "--state", state);
    assertThat(diff.exitCode()).isZero();
    assertThat(diff.out()).contains("policy.max_retries: 5 -> 8");

    JarRunner.Run back = eventretry("rollback", "--emulator", url, "--state", state);
    assertThat(back.exitCode()).as(back.err()).isZero();
    assertThat(live().maxRetries()).isEqualTo(5);

    // A threshold no stage can meet: the rollout turns itself back, exit 1.
    JarRunner.Run failing = eventretry("deploy", bolder.toString(), "--emulator", url, "--state", state,
        "--plan", "canary", "--bake", "1s", "--min-sample", "1", "--threshold", "0.9999");
    assertThat(failing.exitCode()).as(failing.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(failing.out()).startsWith("rolled back");
    assertThat(live().maxRetries()).isEqualTo(5);

    JarRunner.Run history = eventretry("history", "--state", state, "--json");
    assertThat(history.exitCode()).isZero();
    JsonNode h = new ObjectMapper().readTree(history.out());
    // v0 the baseline, v1 seed, v2 bolder, the rollback made v1 active again, v3 bolder was turned back.
    assertThat(h.get("versions")).hasSize(4);
    assertThat(h.get("active_version").textValue()).isEqualTo("v1");
    assertThat(h.at("/versions/0/status").textValue()).isEqualTo("baseline");
    assertThat(h.at("/versions/3/status").textValue()).isEqualTo("rolled_back");
    assertThat(h.at("/versions/1/actor").textValue()).isEqualTo("alice");

    JarRunner.Run verify = eventretry("audit", "verify", "--state", state, "--json");
    assertThat(verify.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(verify.out()).get("intact").booleanValue()).isTrue();
  }

  @Test
  void aCompletedDeployExportsTelemetryWhenTheDashboardIsSet() throws Exception {
    try (TelemetryCollector collector = TelemetryCollector.start("dash-k3y")) {
      JarRunner.Run run = JarRunner.run(dir, Map.of("DASHBOARD_URL", collector.ingestUri().toString(),
              "DASHBOARD_API_KEY", "dash-k3y"), "deploy", seed.toString(),
          "--emulator", emulator.baseUri().toString(), "--state", dir.resolve("telemetry").toString(),
          "--plan", "all-at-once", "--bake", "1s", "--min-sample", "1");
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).contains("telemetry: exported").doesNotContain("dash-k3y");
      assertThat(collector.received()).singleElement().asString()
          .contains("\"source\":\"genesys-cloud-eventbridge\"");
    }
    JarRunner.Run half = JarRunner.run(dir, Map.of("DASHBOARD_URL", "http://127.0.0.1:9/ingest"),
        "deploy", seed.toString(), "--emulator", emulator.baseUri().toString());
    assertThat(half.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(half.errLines()).singleElement().asString().contains("DASHBOARD_API_KEY is not set");
  }

  @Test
  void missingCredentialsNameEveryMissingVariableAtOnce() throws Exception {
    JarRunner.Run run = JarRunner.run(dir, Map.of(), "deploy", seed.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines()).containsExactly("eventretry: GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET"
        + " and GENESYS_INTEGRATION_ID are not set (or pass --emulator URL, --integration ID)");
    run = JarRunner.run(dir, Map.of("GENESYS_INTEGRATION_ID", "x"), "deploy", seed.toString());
    assertThat(run.errLines()).containsExactly(
        "eventretry: GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET are not set (or pass --emulator URL)");
    run = JarRunner.run(dir, Map.of("GENESYS_INTEGRATION_ID", "x", "GENESYS_CLIENT_ID", "id"),
        "deploy", seed.toString());
    assertThat(run.errLines()).containsExactly(
        "eventretry: GENESYS_CLIENT_SECRET is not set (or pass --emulator URL)");
    run = JarRunner.run(dir, Map.of("GENESYS_INTEGRATION_ID", "x", "GENESYS_CLIENT_ID", "id",
        "GENESYS_CLIENT_SECRET", "s3cr3t-value", "GENESYS_ENV", "mars-north-1"), "deploy", seed.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines()).singleElement().asString().contains("mars-north-1")
        .contains("mypurecloud.ie").doesNotContain("s3cr3t-value");
  }

  @Test
  void wrongCredentialsFailWithoutShowingTheSecret() throws Exception {
    JarRunner.Run run = JarRunner.run(dir, Map.of("GENESYS_CLIENT_ID", "eventretry-emulator",
            "GENESYS_CLIENT_SECRET", "wr0ng-s3cr3t"), "deploy", seed.toString(),
        "--emulator", emulator.baseUri().toString(), "--state", dir.resolve("other").toString(),
        "--bake", "1s");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("HTTP 401 invalid_client").contains("nothing was deployed");
    assertThat(run.out() + run.err()).doesNotContain("wr0ng-s3cr3t").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy", "rollback", "resume", "unlock", "history", "diff", "audit", "demo",
      "emulator"})
  void helpOnEveryCommand(String command) throws Exception {
    JarRunner.Run run = JarRunner.run(dir, command, "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: eventretry " + command);
  }

  @Test
  void aBadIntegrationIdIsBadInput() throws Exception {
    for (String[] args : new String[][] {
        {"history", "--integration", "../../etc/passwd", "--state", dir.toString()},
        {"deploy", seed.toString(), "--integration", "a/b", "--emulator", emulator.baseUri().toString(),
            "--state", dir.resolve("bad-id").toString()}}) {
      JarRunner.Run run = JarRunner.run(dir, args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
      assertThat(run.errLines()).singleElement().asString().startsWith("eventretry: integrationId")
          .doesNotContain("Exception");
    }
  }

  @Test
  void helpTextIsPrintedWithoutFormattingWarnings() throws Exception {
    for (String[] args : new String[][] {{}, {"--help"}, {"rollback", "--help"}, {"deploy", "--help"},
        {"audit", "verify", "--help"}}) {
      JarRunner.Run run = JarRunner.run(dir, args);
      assertThat(run.out() + run.err()).as(String.join(" ", args)).doesNotContain("picocli WARN");
    }
  }

  @Test
  void auditVerifyWithoutALog() throws Exception {
    JarRunner.Run run = JarRunner.run(dir, "audit", "verify", "--state", dir.resolve("none").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines()).hasSize(1);
  }
}
