package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.spi.TelemetryBatch;
import io.github.eventretry.core.spi.TelemetryResult;
import io.github.eventretry.core.spi.TelemetrySink;
import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.genesys.emulator.RecordedRequest;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of docs/genesys-client.md, line for line (examples' DocsSnippetsTest checks that).
 * The emulator example runs; the two that would reach real hosts are compiled only.
 */
class DocsExamplesTest {
  @Test
  void emulatorExample() throws Exception {
    RetryPolicy policy = ApplyTest.SEED;
    // The snippet's own assertion checks the write; takeRequest() would throw if nothing arrived.

    try (GenesysCloudEmulator genesys = GenesysCloudEmulator.builder()
            .client("my-client", "my-secret")
            .tokenLifetime(Duration.ofMinutes(5))
            .start()) {
      GenesysClient client = HttpGenesysClient.builder()
          .baseUri(genesys.baseUri())
          .credentials(new ClientCredentials("my-client", "my-secret"))
          .build();

      genesys.enqueue(Fault.retryAfter(1));                        // next API call: 429, Retry-After 1
      client.apply(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID, policy, TrafficSplit.ofPercent(10));

      RecordedRequest token = genesys.takeRequest();               // POST /oauth/token
      assertThat(genesys.configuration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID).version())
          .isEqualTo(2);
      assertThat(token.isTokenRequest()).isTrue();
    }
  }

  static void dispatcherExample(GenesysCloudEmulator emulator) {
    emulator.dispatcher((request, genesys) -> request.method().equals("PUT")
        ? Fault.error(503, "service.unavailable", "down for maintenance")
        : genesys.get().withHeader("X-Seen-By", "test"));
  }

  static void quickStart(String clientId, String clientSecret, String integrationId,
      RetryPolicy policy, Instant from, Instant to) {
    HttpGenesysClient genesys = HttpGenesysClient.builder()
        .region(GenesysRegion.find("eu-west-1"))          // or .baseUri(URI.create("http://127.0.0.1:18080"))
        .credentials(new ClientCredentials(clientId, clientSecret))
        .requestsPerMinute(300)                           // optional client-side limiter
        .build();

    ApplyResult applied = genesys.apply(integrationId, policy, TrafficSplit.ofPercent(10));
    DeliveryMetricsSource metrics = TutorialMetricsSource.of(genesys);   // the tutorial's query; see Metrics
    DeliveryMetrics last = metrics.fetch(integrationId, from, to);
  }

  static HttpGenesysClient ownHttpClient(String clientId, String clientSecret, SSLContext tls) {
    HttpClient http = HttpClient.newBuilder()
        .proxy(ProxySelector.of(new InetSocketAddress("proxy.example.com", 3128)))
        .sslContext(tls)
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    HttpGenesysClient genesys = HttpGenesysClient.builder()
        .region(GenesysRegion.US_EAST_1)
        .credentials(new ClientCredentials(clientId, clientSecret))
        .httpClient(http)                                 // your proxy, TLS and executor
        .build();
    return genesys;
  }

  static TelemetryResult telemetry(String apiKey, Clock clock, List<DeliveryMetrics> metrics) {
    TelemetrySink sink = HttpTelemetrySink.builder(URI.create("https://metrics.example.com/ingest"), apiKey)
        .timeout(Duration.ofSeconds(10))   // the tutorial's
        .maxAttempts(3)
        .build();
    TelemetryResult r = sink.export(new TelemetryBatch(TelemetryBatch.DEFAULT_SOURCE, clock.instant(), metrics));
    return r;
  }
}
