package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.TelemetryResult;
import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.genesys.testing.CapturedLogs;
import io.github.eventretry.genesys.testing.FixedRandom;
import io.github.eventretry.genesys.testing.ManualTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Runs every fault the client and the sink handle, keeps every log line (all levels, through the
 * tests' capturing SLF4J binding) and the full text of every exception and result, and scans them for
 * the client secret, its Basic credentials, every token the emulator issued and the telemetry key.
 */
class SecretsTest {
  static final String ID = "scan-client";
  static final String SECRET = "s3cr3t-VALUE-for-the-scan-4711";
  static final String KEY = "telemetry-KEY-for-the-scan-0815";

  final List<String> texts = new ArrayList<>();
  final List<String> tokens = new ArrayList<>();

  @Test
  void noSecretOrTokenInAnyLogLineExceptionOrDescription() throws Exception {
    CapturedLogs.clear();
    List<Fault> apiFaults = List.of(
        Fault.error(400, "bad.request", "bad"),
        Fault.error(401, "bad.credentials", "Invalid login credentials."),
        Fault.error(403, "missing.permissions", "integrations:integration:edit"),
        Fault.error(404, "not.found", "gone"),
        Fault.error(409, "conflict", "The version does not match the current version"),
        Fault.retryAfter(1),
        Fault.retryAfter(3600),
        Fault.error(500, "internal.server.error", "oops"),
        Fault.error(502, "bad.gateway", "proxy"),
        Fault.error(503, "service.unavailable", "down"),
        Fault.respond(504, ""),
        Fault.dropConnection(),
        Fault.malformedBody(),
        Fault.respond(200, "{\"entities\":[{\"successRate\":7}]}"),
        Fault.delay(Duration.ofMillis(400)));
    for (Fault fault : apiFaults) {
      scenario(e -> {
        e.dispatcher(r -> r.isTokenRequest() ? Optional.empty() : Optional.of(fault));
      });
    }
    // The server echoes the request's Authorization header (bearer token) in its error message.
    scenario(e -> e.dispatcher(r -> r.isTokenRequest() ? Optional.empty()
        : Optional.of(Fault.error(400, "echo", "you sent " + r.header("Authorization").orElse("")))));
    // The token endpoint echoes the Basic credentials and the decoded secret.
    scenario(e -> e.dispatcher(r -> r.isTokenRequest()
        ? Optional.of(Fault.respond(400, "{\"error\":\"invalid_client\",\"description\":\"got "
            + r.header("Authorization").orElse("") + " = " + ID + ":" + SECRET + "\"}"))
        : Optional.empty()));
    for (Fault fault : List.of(Fault.error(401, "x", "y"), Fault.retryAfter(2), Fault.dropConnection(),
        Fault.malformedBody(), Fault.respond(200, "{\"access_token\":\"\"}"))) {
      scenario(e -> e.enqueueToken(fault));
    }
    telemetry();

    List<String> logs = CapturedLogs.lines();
    assertThat(logs).as("the scenarios log").isNotEmpty();
    assertThat(tokens).as("the emulator issued tokens").isNotEmpty();
    assertThat(texts).as("exceptions were caught").hasSizeGreaterThan(20);
    List<String> secrets = new ArrayList<>(tokens);
    secrets.add(SECRET);
    secrets.add(KEY);
    secrets.add(Base64.getEncoder().encodeToString((ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8)));
    List<String> everything = new ArrayList<>(logs);
    everything.addAll(texts);
    for (String line : everything) {
      for (String s : secrets) {
        assertThat(line).as("a log line or exception text").doesNotContain(s);
      }
    }
  }

  private void scenario(Consumer<GenesysCloudEmulator> script) throws Exception {
    ManualTime time = new ManualTime();
    try (GenesysCloudEmulator e = GenesysCloudEmulator.builder().client(ID, SECRET).clock(time).start()) {
      script.accept(e);
      HttpGenesysClient c = HttpGenesysClient.builder()
          .baseUri(e.baseUri())
          .credentials(new ClientCredentials(ID, SECRET))
          .clock(time)
          .sleeper(time)
          .maxAttempts(2)
          .retryDeadline(Duration.ofSeconds(600))
          .requestTimeout(Duration.ofMillis(300))
          .random(new FixedRandom(0.3))
          .build();
      texts.add(c.toString());
      run(() -> c.getIntegration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID));
      run(() -> c.getConfiguration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID));
      run(() -> c.apply(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID, ApplyTest.SEED, TrafficSplit.FULL));
      run(() -> TutorialMetricsSource.of(c).fetch(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID,
          Instant.parse("2026-11-29T11:00:00Z"), Instant.parse("2026-11-29T12:00:00Z")));
      e.requests().forEach(r -> texts.add(r.toString()));
      tokens.addAll(e.issuedTokens());
    }
  }

  private void run(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ex) {
      StringWriter w = new StringWriter();
      ex.printStackTrace(new PrintWriter(w));
      texts.add(w.toString());
      texts.add(ex.toString());
    }
  }

  private void telemetry() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
      HttpTelemetrySink sink = HttpTelemetrySink.builder(e.baseUri().resolve("/ingest"), KEY)
          .sleeper(d -> { })
          .timeout(Duration.ofMillis(300))
          .build();
      texts.add(sink.toString());
      for (Fault f : List.of(Fault.respond(202, ""), Fault.error(401, "bad.key", "key refused"),
          Fault.error(503, "x", "y"), Fault.dropConnection(), Fault.delay(Duration.ofSeconds(1)),
          Fault.retryAfter(3600))) {
        e.dispatcher(r -> Optional.of(f));
        TelemetryResult r = sink.export(HttpTelemetrySinkTest.BATCH);
        texts.add(r.toString());
      }
      e.requests().forEach(r -> texts.add(r.toString()));
    }
  }
}
