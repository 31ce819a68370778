package io.github.eventretry.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.eventbridge.emulator.AwsEmulator;
import io.github.eventretry.eventbridge.emulator.AwsFault;
import io.github.eventretry.eventbridge.emulator.DeliveryModel;
import io.github.eventretry.eventbridge.emulator.Destination;
import io.github.eventretry.eventbridge.testing.Policies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code of docs/eventbridge.md, compiled and run against the emulator. */
class DocsExamplesTest {
  @Test
  void applyJudgeAndRestore() throws Exception {
    RetryPolicy policy = Policies.seed();
    String integrationId = "5f2e1a0c-6d1b-4b8e-9c3a-2a7f0e4b9d11";
    String orgId = AwsEmulator.GENESYS_ORG_ID;
    try (AwsEmulator emulator = AwsEmulator.builder()
        .seedGenesysExample()
        .deliveryModel(DeliveryModel.destination(Destination.builder()
            .outagePerMinute(Duration.ofSeconds(20))
            .build()))
        .start()) {
      emulator.enqueue(AwsFault.concurrentModification("sqs-queue"));
      AwsConnection aws = AwsConnection.builder()
          .endpoint(emulator.endpoint())
          .region(emulator.region())
          .credentials(AwsEmulator.DEFAULT_ACCESS_KEY_ID, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY)
          .build();
      boolean rolledBack = false;
      try (EventBridgeTargets targets = EventBridgeTargets.builder()
              .connection(aws)
              .genesysPartnerBus(orgId, "eventretry-demo")
              .rules("genesys-events")
              .build();
          CloudWatchDeliveryMetrics metrics = CloudWatchDeliveryMetrics.builder()
              .connection(aws)
              .rulesOf(targets)
              .build()) {
        targets.checkSplits(integrationId, List.of(TrafficSplit.ofPercent(50), TrafficSplit.FULL));
        TargetSnapshot baseline = targets.read(integrationId);
        Instant from = Instant.now();
        targets.apply(integrationId, policy, TrafficSplit.ofPercent(50));
        // ... bake ...
        DeliveryMetrics m = metrics.fetch(integrationId, from, Instant.now().plusSeconds(1));
        if (m.sampleSize() < 100 || m.successRate() < 0.99) {
          targets.restore(integrationId, baseline);
          rolledBack = true;
        }
        assertThat(targets.read(integrationId).equals(baseline)).isEqualTo(rolledBack);

        Drift drift = targets.drift(policy);
        if (drift.hasDrift()) {
          System.out.println(drift.describe());
        }
        assertThat(drift.hasDrift()).isTrue();
      }
    }
  }
}
