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
}
