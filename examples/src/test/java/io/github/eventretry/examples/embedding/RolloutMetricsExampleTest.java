package io.github.eventretry.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.StorageClass;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.core.spi.RestoreResult;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.micrometer.RolloutMetrics;
import io.github.eventretry.state.InMemoryStateStore;
import io.github.eventretry.state.audit.InMemoryAuditLog;
import io.github.eventretry.state.rollout.RolloutEngine;
import io.github.eventretry.state.rollout.RolloutListener;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutResult;
import io.github.eventretry.state.spi.AuditLog;
import io.github.eventretry.state.spi.StateStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The snippets of docs/micrometer.md: a host's rollout engine recording into the host's Micrometer
 * registry, alone and next to a listener of its own; run here against a fake target.
 */
class RolloutMetricsExampleTest {
  static final String INTEGRATION = "5f2e1a0c-6d1b-4b8e-9c3a-2a7f0e4b9d11";

  /** An engine whose rollouts are recorded in the host's registry. */
  static RolloutEngine engine(PolicyTarget policyTarget, DeliveryMetricsSource deliveryMetricsSource,
      StateStore stateStore, AuditLog auditLog, MeterRegistry registry) {
    RolloutEngine engine = RolloutEngine.builder()
        .target(policyTarget)
        .metrics(deliveryMetricsSource)
        .stateStore(stateStore)
        .auditLog(auditLog)
        .listener(RolloutMetrics.of(registry))   // meters named eventretry.rollout.*
        .build();
    return engine;
  }

  /** The metrics and a progress line per step: an engine has one listener, which may call several. */
  static RolloutListener metricsAndProgress(MeterRegistry registry, PrintStream out) {
    RolloutListener metrics = RolloutMetrics.of(registry);
    return event -> {
      metrics.onEvent(event);
      out.println(event.message());
    };
  }

  @Test
  void aHostsRegistrySeesTheRollout() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    RolloutEngine engine = engine(new Target(), new Metrics(), new InMemoryStateStore(clock),
        new InMemoryAuditLog(clock), registry);

    // A bake of 1 ms: the engine above waits with the real sleeper.
    RolloutResult r = engine.deploy(INTEGRATION, policy(), RolloutPlan.allAtOnce()
        .withBakeTime(Duration.ofMillis(1)), "alice", "");

    assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.COMPLETED);
    assertThat(registry.get("eventretry.rollout.ended").tag("integration", INTEGRATION)
        .tag("outcome", "completed").counter().count()).isEqualTo(1);
    assertThat(registry.get("eventretry.rollout.check.success.rate").gauge().value()).isEqualTo(0.99);
  }

  @Test
  void oneListenerCanFeedTheMetricsAndPrintProgress() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    RolloutEngine engine = RolloutEngine.builder().target(new Target()).metrics(new Metrics())
        .stateStore(new InMemoryStateStore(clock)).auditLog(new InMemoryAuditLog(clock)).clock(clock)
        .sleeper(d -> { })
        .listener(metricsAndProgress(registry, new PrintStream(lines, true, StandardCharsets.UTF_8)))
        .build();

    engine.deploy(INTEGRATION, policy(), RolloutPlan.canary(), "alice", "");

    assertThat(lines.toString(StandardCharsets.UTF_8)).contains("v1 is active at 100%");
    assertThat(registry.get("eventretry.rollout.traffic.split").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("eventretry.rollout.checks").tag("verdict", "passed").counter().count())
        .isEqualTo(3);
  }

  static RetryPolicy policy() {
    return RetryPolicy.builder().maxRetries(5).backoffStrategy(BackoffStrategy.EXPONENTIAL)
        .baseDelay(Duration.ofMillis(500)).maxDelay(Duration.ofMinutes(1))
        .destinationRateLimitRps(150.0).storageClass(StorageClass.STANDARD).build();
  }

  /** Takes every policy; holds what it was last given. */
  static final class Target implements PolicyTarget {
    private TargetSnapshot held = TargetSnapshot.of("example", "{}");
    private long configurationVersion;

    @Override
    public synchronized TargetSnapshot read(String integrationId) {
      return held;
    }

    @Override
    public synchronized ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split) {
      held = TargetSnapshot.of("example", "{\"policy\":\"" + policy.fingerprint() + "\"}");
      return new ApplyResult(integrationId, policy.fingerprint(), split, ++configurationVersion);
    }

    @Override
    public synchronized RestoreResult restore(String integrationId, TargetSnapshot snapshot) {
      held = snapshot;
      return new RestoreResult(integrationId, snapshot, ++configurationVersion);
    }
  }

  /** Healthy deliveries: 1000 a window, 99 % of them successful. */
  static final class Metrics implements DeliveryMetricsSource {
    @Override
    public DeliveryMetrics fetch(String integrationId, Instant from, Instant to) {
      return new DeliveryMetrics(integrationId, from, to, 1000, 0.99, 10, Duration.ofMillis(20));
    }
  }
}
