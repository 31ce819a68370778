package io.github.eventretry.genesys.testing;

import io.github.eventretry.genesys.ClientCredentials;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;

/** An emulator and a client on one manual clock, closed together. */
public final class Fixture implements AutoCloseable {
  public static final String SECRET = GenesysCloudEmulator.DEFAULT_CLIENT_SECRET;
  public static final String INTEGRATION = GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;

  public final ManualTime time = new ManualTime();
  public final GenesysCloudEmulator emulator;
  public final HttpGenesysClient client;

  public Fixture() {
    this(e -> e, c -> c);
  }

  public Fixture(
      UnaryOperator<GenesysCloudEmulator.Builder> emulatorSettings,
      UnaryOperator<HttpGenesysClient.Builder> clientSettings) {
    try {
      emulator = emulatorSettings.apply(GenesysCloudEmulator.builder().clock(time)).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client = clientSettings.apply(HttpGenesysClient.builder()
            .baseUri(emulator.baseUri())
            .credentials(new ClientCredentials(GenesysCloudEmulator.DEFAULT_CLIENT_ID, SECRET))
            .clock(time)
            .sleeper(time))
        .build();
  }

  @Override
  public void close() {
    emulator.close();
  }
}
