package io.github.eventretry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.examples.demo.TelemetryCollector;
import io.github.eventretry.examples.demo.VirtualTime;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.state.audit.FileAuditLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial's complete example, in Java, against the emulator. */
class QuickStartTest {
  @TempDir Path dir;

  private static String run(Map<String, String> env, int expectedExit) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // Wall-clock records, simulated bakes: the five-minute stage takes no real time.
    int rc = QuickStart.run(env, new PrintStream(bytes, true, StandardCharsets.UTF_8),
        java.time.Clock.systemUTC(), new VirtualTime());
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(rc).as(out).isEqualTo(expectedExit);
    return out;
  }

  @Test
  void deploysAtFiftyPercentReadsMetricsExportsTelemetryAndAudits() throws Exception {
    try (GenesysCloudEmulator emulator = GenesysCloudEmulator.start();
        TelemetryCollector collector = TelemetryCollector.start("k3y")) {
      String out = run(Map.of(
          "GENESYS_CLIENT_ID", GenesysCloudEmulator.DEFAULT_CLIENT_ID,
          "GENESYS_CLIENT_SECRET", GenesysCloudEmulator.DEFAULT_CLIENT_SECRET,
          "GENESYS_INTEGRATION_ID", GenesysCloudEmulator.DEFAULT_INTEGRATION_ID,
          "GENESYS_ENV", emulator.baseUri().toString(),
          "DASHBOARD_URL", collector.ingestUri().toString(),
          "DASHBOARD_API_KEY", "k3y",
          "EVENTRETRY_STATE", dir.toString()), 0);
      assertThat(out).contains("Deployment result: COMPLETED").contains("Telemetry export: accepted")
          .contains("Audit log: ");
      assertThat(collector.received()).singleElement().asString()
          .contains("\"source\":\"genesys-cloud-eventbridge\"");
      assertThat(emulator.configuration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID).appliedPolicy()
          .orElseThrow().trafficSplit().percent()).isEqualTo(50);
      try (FileAuditLog audit = FileAuditLog.open(dir)) {
        assertThat(audit.verify().intact()).isTrue();
      }
    }
  }

  @Test
  void missingVariablesAreOneLineAndExitTwo() {
    String out = run(Map.of("GENESYS_CLIENT_ID", "x"), 2);
    assertThat(out.lines()).singleElement().asString().contains("GENESYS_CLIENT_SECRET");
  }

  @Test
  void anUnknownRegionListsTheKnownOnes() {
    String out = run(Map.of("GENESYS_CLIENT_ID", "x", "GENESYS_CLIENT_SECRET", "y",
        "GENESYS_INTEGRATION_ID", "z", "GENESYS_ENV", "mars-north-1"), 2);
    assertThat(out).contains("mars-north-1").contains("us-east-1").contains("mypurecloud.ie");
  }
}
