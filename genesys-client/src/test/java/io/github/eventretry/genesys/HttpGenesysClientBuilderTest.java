package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpGenesysClientBuilderTest {
  static final ClientCredentials CREDENTIALS = new ClientCredentials("id", "the-secret-value");

  @Test
  void aSettingCanBeSetOnce() {
    assertThatThrownBy(() -> HttpGenesysClient.builder()
            .region(GenesysRegion.US_EAST_1).baseUri(URI.create("http://127.0.0.1:1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("region/baseUri was already set to https://api.mypurecloud.com");
    assertThatThrownBy(() -> HttpGenesysClient.builder().maxAttempts(2).maxAttempts(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maxAttempts was already set to 2");
  }

  @Test
  void requiredSettingsAreChecked() {
    assertThatThrownBy(() -> HttpGenesysClient.builder().credentials(CREDENTIALS).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("set a region or a base URI");
    assertThatThrownBy(() -> HttpGenesysClient.builder().region(GenesysRegion.US_EAST_1).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("set credentials");
  }

  @Test
  void badValuesSayWhatIsAllowed() {
    assertThatThrownBy(() -> HttpGenesysClient.builder().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be between 1 and 20 (rejected: 0)");
    assertThatThrownBy(() -> HttpGenesysClient.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestTimeout must be positive (rejected: PT0S)");
    assertThatThrownBy(() -> HttpGenesysClient.builder()
            .backoff(Duration.ofMillis(50), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rejected: PT0.05S");
    assertThatThrownBy(() -> HttpGenesysClient.builder().requestsPerMinute(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestsPerMinute must be 1 or more (rejected: 0)");
    assertThatThrownBy(() -> HttpGenesysClient.builder().credentials(null))
        .isInstanceOf(NullPointerException.class).hasMessage("credentials");
    assertThatThrownBy(() -> new ClientCredentials("a:b", "s"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void descriptionsHideTheSecret() {
    HttpGenesysClient.Builder b = HttpGenesysClient.builder()
        .region(GenesysRegion.EU_WEST_2).credentials(CREDENTIALS);
    assertThat(b.toString()).doesNotContain("the-secret-value").contains("id");
    assertThat(b.build().toString())
        .isEqualTo("HttpGenesysClient[api=https://api.euw2.pure.cloud, clientId=id]");
    assertThat(CREDENTIALS.toString())
        .isEqualTo("ClientCredentials[clientId=id, clientSecret=****]");
  }

  @Test
  void theCallersHttpClientIsUsedAsItIs() throws Exception {
    // The caller's HttpClient sends through a proxy: the emulator, which also answers the
    // absolute-form requests a proxy gets. The base host does not exist; only the proxy makes it work.
    try (io.github.eventretry.genesys.emulator.GenesysCloudEmulator proxy =
        io.github.eventretry.genesys.emulator.GenesysCloudEmulator.start()) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
          .proxy(java.net.ProxySelector.of(
              new java.net.InetSocketAddress("127.0.0.1", proxy.port())))
          .build();
      HttpGenesysClient c = HttpGenesysClient.builder()
          .baseUri(URI.create("http://genesys.invalid"))
          .credentials(new ClientCredentials(
              io.github.eventretry.genesys.emulator.GenesysCloudEmulator.DEFAULT_CLIENT_ID,
              io.github.eventretry.genesys.emulator.GenesysCloudEmulator.DEFAULT_CLIENT_SECRET))
          .httpClient(http)
          .build();
      assertThat(c.getIntegration(
          io.github.eventretry.genesys.emulator.GenesysCloudEmulator.DEFAULT_INTEGRATION_ID)
          .integrationTypeId()).isEqualTo(Integration.EVENTBRIDGE_TYPE);
      assertThat(proxy.requests().get(0).header("Host")).contains("genesys.invalid");
    }
  }

  @Test
  void anOwnHttpClientCannotBeCombinedWithTheSettingsOfTheBuiltInOne() {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    assertThatThrownBy(() -> HttpGenesysClient.builder().region(GenesysRegion.US_EAST_1)
            .credentials(CREDENTIALS).httpClient(http).connectTimeout(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set them on that HttpClient");
    assertThatThrownBy(() -> HttpGenesysClient.builder().httpClient(http).httpClient(http))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("httpClient was already set");
    assertThatThrownBy(() -> HttpTelemetrySink.builder(URI.create("http://x"), "key")
            .httpClient(http).executor(Runnable::run).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aBaseUriGivenAsTextIsParsedWithoutEchoingItsSecrets() {
    assertThatThrownBy(() -> HttpGenesysClient.builder().baseUri("http://user:pw@[bad/x?key=K"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("base URI is not a valid URL")
        .hasMessageNotContaining("pw").hasMessageNotContaining("key=K");
    assertThatThrownBy(() -> HttpTelemetrySink.builder("http://user:pw@[bad/x?key=K", "key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("endpoint is not a valid URL")
        .hasMessageNotContaining("pw").hasMessageNotContaining("key=K");
    assertThat(HttpGenesysClient.builder().baseUri("http://127.0.0.1:18080/").credentials(CREDENTIALS)
        .build().apiBaseUri()).hasToString("http://127.0.0.1:18080");
  }
}
