package io.github.eventretry.genesys.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.payload.AppliedPolicy;
import io.github.eventretry.genesys.ClientCredentials;
import io.github.eventretry.genesys.GenesysClient;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import org.junit.jupiter.api.Test;

/** The annotation example of docs/genesys-client.md ("JUnit 5"), line for line. */
@GenesysEmulatorTest
class ApplyPolicyTest {
  static final RetryPolicy POLICY = PolicyJson.read("""
      {"max_retries": 5, "backoff_strategy": "exponential", "base_delay_ms": 500,
       "max_delay_ms": 60000, "destination_rate_limit_rps": 150, "storage_availability_class": "standard"}""");

  @Test
  void writesThePolicyIntoTheIntegration(GenesysCloudEmulator genesys) {
    GenesysClient client = HttpGenesysClient.builder()
        .baseUri(genesys.baseUri())
        .credentials(new ClientCredentials(GenesysCloudEmulator.DEFAULT_CLIENT_ID,
            GenesysCloudEmulator.DEFAULT_CLIENT_SECRET))
        .build();

    client.apply(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID, POLICY, TrafficSplit.ofPercent(10));

    assertThat(genesys.configuration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID).appliedPolicy())
        .map(AppliedPolicy::policy)
        .contains(POLICY);
  }
}
