package io.github.eventretry.eventbridge.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.eventbridge.AwsConnection;
import io.github.eventretry.eventbridge.EventBridgeTargets;
import io.github.eventretry.eventbridge.emulator.AwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registered-extension example of docs/eventbridge.md ("JUnit 5"), line for line. */
class GenesysTargetsTest {
  static final RetryPolicy POLICY = PolicyJson.read("""
      {"max_retries": 5, "backoff_strategy": "exponential", "base_delay_ms": 500,
       "max_delay_ms": 60000, "destination_rate_limit_rps": 150, "storage_availability_class": "standard"}""");

  @RegisterExtension
  static AwsEmulatorExtension aws = AwsEmulatorExtension.builder()
      .lifecycle(AwsEmulatorExtension.Lifecycle.PER_METHOD)          // a new emulator for each test
      .configure(emulator -> emulator
          .seedGenesysExample()                                      // partner bus, rule, 2 targets
          .region("eu-west-1"))
      .build();

  @Test
  void appliesThePolicyToEveryTarget(AwsEmulator emulator) {
    AwsConnection connection = AwsConnection.builder()
        .endpoint(emulator.endpoint())
        .region(emulator.region())
        .credentials(AwsEmulator.DEFAULT_ACCESS_KEY_ID, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY)
        .build();
    try (EventBridgeTargets targets = EventBridgeTargets.builder()
        .connection(connection)
        .genesysPartnerBus(AwsEmulator.GENESYS_ORG_ID, AwsEmulator.GENESYS_EVENT_SOURCE_SUFFIX)
        .rules(AwsEmulator.GENESYS_RULE)
        .build()) {
      assertThat(targets.drift(POLICY).hasDrift()).isTrue();

      targets.apply("5f2e1a0c-6d1b-4b8e-9c3a-2a7f0e4b9d11", POLICY, TrafficSplit.FULL);

      assertThat(targets.drift(POLICY).hasDrift()).isFalse();
    }
    assertThat(emulator.requests("PutTargets")).hasSize(1);
  }
}
