package io.github.eventretry.examples.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.eventbridge.AwsConnection;
import io.github.eventretry.eventbridge.EventBridgeTargets;
import io.github.eventretry.eventbridge.emulator.AwsEmulator;
import io.github.eventretry.eventbridge.emulator.junit.AwsEmulatorExtension;
import io.github.eventretry.genesys.ClientCredentials;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.IntegrationConfiguration;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.genesys.emulator.junit.GenesysEmulatorTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user's test with both extensions, as a host application that wires Genesys Cloud and EventBridge
 * would write it: the annotation for Genesys's defaults, a registered extension for an AWS seeded with
 * the partner bus the Genesys emulator's default integration names, one parameter of each type.
 */
@GenesysEmulatorTest
class BothEmulatorsTest {
  static final RetryPolicy POLICY = PolicyJson.read("""
      {"max_retries": 5, "backoff_strategy": "exponential", "base_delay_ms": 500,
       "max_delay_ms": 60000, "destination_rate_limit_rps": 150, "storage_availability_class": "standard"}""");
  static final String ID = GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;

  @RegisterExtension
  static AwsEmulatorExtension aws = AwsEmulatorExtension.builder()
      .configure(AwsEmulator.Builder::seedGenesysExample)
      .build();

  static HttpGenesysClient genesysClient(GenesysCloudEmulator genesys) {
    return HttpGenesysClient.builder()
        .baseUri(genesys.baseUri())
        .credentials(new ClientCredentials(GenesysCloudEmulator.DEFAULT_CLIENT_ID,
            GenesysCloudEmulator.DEFAULT_CLIENT_SECRET))
        .build();
  }

  static EventBridgeTargets targets(AwsEmulator emulator) {
    return EventBridgeTargets.builder()
        .connection(AwsConnection.builder()
            .endpoint(emulator.endpoint())
            .region(emulator.region())
            .credentials(AwsEmulator.DEFAULT_ACCESS_KEY_ID, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY)
            .build())
        .genesysPartnerBus(AwsEmulator.GENESYS_ORG_ID, AwsEmulator.GENESYS_EVENT_SOURCE_SUFFIX)
        .rules(AwsEmulator.GENESYS_RULE)
        .build();
  }

  @Test
  void thePolicyGoesToGenesysAndToTheTargetsItsIntegrationDeliversTo(GenesysCloudEmulator genesys,
      AwsEmulator emulator) {
    IntegrationConfiguration integration = genesysClient(genesys).getConfiguration(ID);
    assertThat(integration.properties())
        .containsEntry("awsAccountId", "\"" + emulator.account() + "\"")
        .containsEntry("awsAccountRegion", "\"" + emulator.region() + "\"")
        .containsEntry("eventSourceSuffix", "\"" + AwsEmulator.GENESYS_EVENT_SOURCE_SUFFIX + "\"");

    genesysClient(genesys).apply(ID, POLICY, TrafficSplit.FULL);
    try (EventBridgeTargets targets = targets(emulator)) {
      targets.apply(ID, POLICY, TrafficSplit.FULL);
      assertThat(targets.drift(POLICY).hasDrift()).isFalse();
    }
    assertThat(genesys.configuration(ID).appliedPolicy().orElseThrow().policy()).isEqualTo(POLICY);
  }

  @Nested
  class AfterADeploy {
    @Test
    void aNestedClassSeesTheSameEmulators(GenesysCloudEmulator genesys, AwsEmulator emulator) {
      // JUnit runs a class's own tests before its nested classes: the deploy above has happened.
      assertThat(aws.emulator()).isSameAs(emulator);
      assertThat(genesys.configuration(ID).appliedPolicy()).isPresent();
      assertThat(emulator.requests("PutTargets")).isNotEmpty();
    }
  }
}
