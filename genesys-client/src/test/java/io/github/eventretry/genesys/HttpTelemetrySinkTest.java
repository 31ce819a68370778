package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.TelemetryBatch;
import io.github.eventretry.core.spi.TelemetryResult;
import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.genesys.emulator.RecordedRequest;
import io.github.eventretry.genesys.testing.FixedRandom;
import io.github.eventretry.genesys.testing.ManualTime;
import io.github.eventretry.genesys.testing.Trees;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTelemetrySinkTest {
  static final String KEY = "dashboard-key-0123456789";
  static final TelemetryBatch BATCH = new TelemetryBatch(TelemetryBatch.DEFAULT_SOURCE,
      Instant.parse("2026-11-29T12:00:00Z"),
      List.of(new DeliveryMetrics("integration-1", Instant.parse("2026-11-29T11:00:00Z"),
          Instant.parse("2026-11-29T12:00:00Z"), 1200, 0.995, 12, Duration.ofMillis(120))));

  GenesysCloudEmulator collector;
  ManualTime time = new ManualTime();

  @BeforeEach
  void start() throws Exception {
    // The emulator stands in for a dashboard: /ingest answers 202 unless a fault is queued.
    collector = GenesysCloudEmulator.start();
    collector.dispatcher(r -> r.path().equals("/ingest")
        ? Optional.of(Fault.respond(202, "")) : Optional.empty());
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  HttpTelemetrySink sink(UnaryOperator<HttpTelemetrySink.Builder> settings) {
    return settings.apply(HttpTelemetrySink.builder(collector.baseUri().resolve("/ingest"), KEY)
        .sleeper(time)
        .random(new FixedRandom(0.5))).build();
  }

  @Test
  void postsTheTutorialsShapeWithABearerKey() throws Exception {
    TelemetryResult r = sink(b -> b).export(BATCH);
    assertThat(r.delivered()).isTrue();
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.lastStatus()).hasValue(202);
    RecordedRequest req = collector.takeRequest();
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.header("Authorization")).contains("Bearer " + KEY);
    assertThat(req.header("Content-Type")).contains("application/json");
    JsonNode body = Trees.tree(req.body());
    assertThat(req.body()).isEqualTo(HttpTelemetrySink.body(BATCH));
    assertThat(body.path("source").asText()).isEqualTo("genesys-cloud-eventbridge");
    assertThat(body.path("timestamp").asText()).isEqualTo("2026-11-29T12:00:00Z");
    JsonNode m = body.path("metrics").get(0);
    assertThat(m.path("integrationId").asText()).isEqualTo("integration-1");
    assertThat(m.path("sampleSize").asLong()).isEqualTo(1200);
    assertThat(m.path("successRate").asDouble()).isEqualTo(0.995);
    assertThat(m.path("retryCount").asLong()).isEqualTo(12);
    assertThat(m.path("meanDeliveryLatencyMs").asDouble()).isEqualTo(120.0);
  }

  @Test
  void retriesGatewayErrorsAndRateLimits() {
    collector.enqueue(Fault.error(503, "unavailable", "down"));
    collector.enqueue(Fault.retryAfter(4));
    TelemetryResult r = sink(b -> b.maxAttempts(3)).export(BATCH);
    assertThat(r.delivered()).isTrue();
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofSeconds(4));
  }

  @Test
  void givesUpAfterMaxAttemptsWithAResult() {
    collector.dispatcher(r -> Optional.of(Fault.error(502, "bad.gateway", "proxy")));
    TelemetryResult r = sink(b -> b.maxAttempts(2)).export(BATCH);
    assertThat(r.delivered()).isFalse();
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.lastStatus()).hasValue(502);
    assertThat(r.detail()).isEqualTo("HTTP 502 after 2 attempts");
  }

  @Test
  void aClientErrorIsFinal() {
    collector.enqueue(Fault.error(401, "unauthorized", "bad key"));
    TelemetryResult r = sink(b -> b).export(BATCH);
    assertThat(r.delivered()).isFalse();
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.detail()).isEqualTo("HTTP 401");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aTimeoutIsReportedNotThrown() {
    collector.enqueue(Fault.delay(Duration.ofSeconds(2)));
    TelemetryResult r = sink(b -> b.timeout(Duration.ofMillis(200)).maxAttempts(1)).export(BATCH);
    assertThat(r.delivered()).isFalse();
    assertThat(r.lastStatus()).isEmpty();
    assertThat(r.detail()).isEqualTo("timed out after 200 ms after 1 attempts");
  }

  @Test
  void aDroppedConnectionIsRetried() {
    collector.enqueue(Fault.dropConnection());
    TelemetryResult r = sink(b -> b).export(BATCH);
    assertThat(r.delivered()).isTrue();
    assertThat(r.attempts()).isEqualTo(2);
  }

  @Test
  void aRetryAfterLongerThanAllowedEndsTheExport() {
    collector.enqueue(Fault.retryAfter(600));
    TelemetryResult r = sink(b -> b).export(BATCH);
    assertThat(r.delivered()).isFalse();
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.lastStatus()).hasValue(429);
    assertThat(r.detail()).isEqualTo("HTTP 429; Retry-After of 600000 ms is longer than maxRetryAfter"
        + " (60000 ms)");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aBackoffLongerThanMaxRetryAfterAlsoEndsTheExportAndSaysSo() {
    collector.enqueue(Fault.error(503, "unavailable", "down"));
    // Full jitter at u = 0.5 of 500 ms: 250 ms, over a 100 ms maxRetryAfter.
    TelemetryResult r = sink(b -> b.maxRetryAfter(Duration.ofMillis(100))).export(BATCH);
    assertThat(r.delivered()).isFalse();
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.detail()).isEqualTo("HTTP 503; back-off of 250 ms is longer than maxRetryAfter"
        + " (100 ms)");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aMissingOrUnreadableRetryAfterWaitsThreeSeconds() {
    collector.enqueue(Fault.respond(429, "{}"));
    TelemetryResult r = sink(b -> b).export(BATCH);
    assertThat(r.delivered()).isTrue();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void rejectsBadSettings() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> HttpTelemetrySink.builder(URI.create("file:///tmp/x"), KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rejected: file:///tmp/x");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> HttpTelemetrySink.builder(URI.create("http://x"), " "))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> HttpTelemetrySink.builder(URI.create("http://x"), KEY).maxAttempts(2).maxAttempts(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maxAttempts was already set to 2");
  }

  @Test
  void rejectsEndpointsWithUserInfoQueryOrFragmentWithoutEchoingThem() {
    for (String bad : new String[] {"https://k:endpoint-secret@metrics.example.com/ingest",
        "https://metrics.example.com/ingest?api_key=endpoint-secret",
        "https://metrics.example.com/ingest#endpoint-secret"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> HttpTelemetrySink.builder(URI.create(bad), KEY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("endpoint must be http(s)://host[:port][/path] with no user info,"
              + " query or fragment")
          .hasMessageContaining("metrics.example.com")
          .hasMessageNotContaining("endpoint-secret");
    }
    // A path, even with a trailing slash, is kept as given.
    assertThat(HttpTelemetrySink.builder(URI.create("https://metrics.example.com/ingest/"), KEY)
        .build()).hasToString("HttpTelemetrySink[https://metrics.example.com/ingest/]");
  }
}
