package io.github.eventretry.genesys.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.genesys.ClientCredentials;
import io.github.eventretry.genesys.GenesysApiException;
import io.github.eventretry.genesys.GenesysClient;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.IntegrationConfiguration;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registered-extension example of docs/genesys-client.md ("JUnit 5"), line for line. */
class OrdersIntegrationTest {
  @RegisterExtension
  static GenesysEmulatorExtension genesys = GenesysEmulatorExtension.builder()
      .lifecycle(GenesysEmulatorExtension.Lifecycle.PER_METHOD)      // a new emulator for each test
      .configure(emulator -> emulator
          .client("my-client", "my-secret")
          .integration("orders"))
      .build();

  GenesysClient client;

  @BeforeEach
  void connect(GenesysCloudEmulator emulator) {
    client = HttpGenesysClient.builder()
        .baseUri(emulator.baseUri())
        .credentials(new ClientCredentials("my-client", "my-secret"))
        .build();
  }

  @Test
  void aWriteOnAStaleVersionIsAConflict(GenesysCloudEmulator emulator) {
    IntegrationConfiguration read = client.getConfiguration("orders");
    emulator.editConfiguration("orders", json -> json);               // another writer: version 2

    assertThatThrownBy(() -> client.putConfiguration("orders", read))
        .isInstanceOf(GenesysApiException.Conflict.class);
  }

  @Test
  void everyTestStartsFromVersionOne() {
    assertThat(client.getConfiguration("orders").version()).isEqualTo(1);
    assertThat(genesys.emulator().requestCount()).isEqualTo(2);       // the token, then the read
  }
}
