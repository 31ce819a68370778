package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.genesys.emulator.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The examples of docs/genesys-client.md, compiled and run. */
class DocsExamplesTest {
  @Test
  void emulatorExample() throws Exception {
    RetryPolicy policy = ApplyTest.SEED;
    // --- docs/genesys-client.md, "The emulator" ---
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
      assertThat(genesys.configuration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID)
          .path("version").asLong()).isEqualTo(2);
      // --- end of the example ---
      assertThat(token.isTokenRequest()).isTrue();
    }
  }
}
