package io.github.eventretry.eventbridge.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.eventbridge.emulator.AwsEmulator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The annotation example of docs/eventbridge.md ("JUnit 5"), line for line. */
@AwsEmulatorTest
class EventBusSetupTest {
  @Test
  void createsTheBus(AwsEmulator aws) {
    try (EventBridgeClient events = EventBridgeClient.builder()
        .endpointOverride(aws.endpoint())
        .region(Region.of(aws.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            AwsEmulator.DEFAULT_ACCESS_KEY_ID, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build()) {
      events.createEventBus(b -> b.name("orders"));
    }

    assertThat(aws.requests("CreateEventBus")).hasSize(1);
  }
}
