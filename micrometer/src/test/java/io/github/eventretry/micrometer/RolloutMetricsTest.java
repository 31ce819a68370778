package io.github.eventretry.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.StorageClass;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.core.spi.RestoreResult;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.InMemoryStateStore;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.VersionStatus;
import io.github.eventretry.state.audit.InMemoryAuditLog;
import io.github.eventretry.state.rollout.RolloutEngine;
import io.github.eventretry.state.rollout.RolloutEvent;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutResult.Outcome;
import io.github.eventretry.state.rollout.RolloutStep;
import io.github.eventretry.state.spi.RolloutGate;
import io.github.eventretry.state.spi.StageCheck;
import io.github.eventretry.state.spi.StageQuery;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A real {@link RolloutEngine} (in-memory state and audit log, a fake target and a scripted gate)
 * drives {@link RolloutMetrics} into a {@link SimpleMeterRegistry}: completed, rolled back and aborted
 * rollouts, each meter's value checked.
 */
class RolloutMetricsTest {
  static final String INTEGRATION = "3f1c2a9e-0b7d-4c55-9a1e-2d6f8b7c1a00";
  static final String OTHER = "7d0e4f1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";
  static final RolloutPlan CANARY = RolloutPlan.canary(); // 10, 50, 100 %; one failed check rolls back

  final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final RolloutMetrics metrics = RolloutMetrics.of(registry);
  final FakeTarget target = new FakeTarget();
  final ScriptedGate gate = new ScriptedGate();
  final InMemoryStateStore store = new InMemoryStateStore(clock);
  /** The split gauge's value right after each step applied a stage, as a dashboard would see it. */
  final List<Double> splitAfterApply = new ArrayList<>();

  final RolloutEngine engine = RolloutEngine.builder().target(target).gate(gate).stateStore(store)
      .auditLog(new InMemoryAuditLog(clock)).clock(clock).sleeper(d -> { })
      .random(new SplittableRandom(42)).owner("test")
      .listener(event -> {
        metrics.onEvent(event);
        if (event.step() == RolloutStep.STAGE_APPLIED) {
          splitAfterApply.add(gauge(RolloutMetrics.TRAFFIC_SPLIT, event));
        }
      })
      .build();

  static RetryPolicy policy(int maxRetries) {
    return RetryPolicy.builder().maxRetries(maxRetries).backoffStrategy(BackoffStrategy.EXPONENTIAL)
        .baseDelay(Duration.ofMillis(500)).maxDelay(Duration.ofMinutes(1))
        .deadLetterQueueArn("arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq")
        .destinationRateLimitRps(150.0).storageClass(StorageClass.STANDARD).build();
  }

  RequiredSearch meter(String name, String integration) {
    return registry.get(name).tag(RolloutMetrics.INTEGRATION_TAG, integration);
  }

  double count(String name, String integration, String tag, String value) {
    return meter(name, integration).tag(tag, value).counter().count();
  }

  double gauge(String name, RolloutEvent event) {
    return meter(name, event.integrationId()).gauge().value();
  }

  double gauge(String name, String integration) {
    return meter(name, integration).gauge().value();
  }

  @Test
  void aCompletedRolloutIsCountedAndItsSplitAndChecksFollowed() {
    gate.pass(200, 0.990).pass(600, 0.995).pass(1000, 0.999);

    assertThat(engine.deploy(INTEGRATION, policy(5), CANARY, "alice", "").outcome())
        .isEqualTo(Outcome.COMPLETED);

    assertThat(meter(RolloutMetrics.STARTED, INTEGRATION).counter().count()).isEqualTo(1);
    assertThat(count(RolloutMetrics.ENDED, INTEGRATION, RolloutMetrics.OUTCOME_TAG, "completed"))
        .isEqualTo(1);
    assertThat(registry.find(RolloutMetrics.ENDED).counters()).hasSize(1);
    assertThat(splitAfterApply).containsExactly(0.1, 0.5, 1.0);
    assertThat(gauge(RolloutMetrics.TRAFFIC_SPLIT, INTEGRATION)).isEqualTo(1.0);
    assertThat(gauge(RolloutMetrics.CHECK_SUCCESS_RATE, INTEGRATION)).isCloseTo(0.999, within(1e-12));
    assertThat(count(RolloutMetrics.CHECKS, INTEGRATION, RolloutMetrics.VERDICT_TAG, "passed"))
        .isEqualTo(3);
    DistributionSummary sample = meter(RolloutMetrics.CHECK_SAMPLE, INTEGRATION)
        .tag(RolloutMetrics.VERDICT_TAG, "passed").summary();
    assertThat(sample.count()).isEqualTo(3);
    assertThat(sample.totalAmount()).isEqualTo(1800);
    assertThat(sample.max()).isEqualTo(1000);
    assertThat(sample.getId().getBaseUnit()).isEqualTo("deliveries");
    assertThat(count(RolloutMetrics.STEPS, INTEGRATION, RolloutMetrics.STEP_TAG, "stage_applied"))
        .isEqualTo(3);
    assertThat(count(RolloutMetrics.STEPS, INTEGRATION, RolloutMetrics.STEP_TAG, "baseline_recorded"))
        .isEqualTo(1);
    assertThat(count(RolloutMetrics.STEPS, INTEGRATION, RolloutMetrics.STEP_TAG, "deploy_completed"))
        .isEqualTo(1);
  }

  @Test
  void aRolledBackRolloutIsCountedWithItsFailedCheckAndTheRestoredSplit() {
    gate.pass(1000, 0.999);
    engine.deploy(INTEGRATION, policy(5), CANARY, "alice", "good");
    gate.fail(800, 0.5);

    assertThat(engine.deploy(INTEGRATION, policy(6), CANARY, "bob", "bad").outcome())
        .isEqualTo(Outcome.ROLLED_BACK);

    assertThat(meter(RolloutMetrics.STARTED, INTEGRATION).counter().count()).isEqualTo(2);
    assertThat(count(RolloutMetrics.ENDED, INTEGRATION, RolloutMetrics.OUTCOME_TAG, "completed"))
        .isEqualTo(1);
    assertThat(count(RolloutMetrics.ENDED, INTEGRATION, RolloutMetrics.OUTCOME_TAG, "rolled_back"))
        .isEqualTo(1);
    // v2 reached 10 % before its check failed; the rollback put v1 back at 100 %.
    assertThat(splitAfterApply).containsExactly(0.1, 0.5, 1.0, 0.1);
    assertThat(gauge(RolloutMetrics.TRAFFIC_SPLIT, INTEGRATION)).isEqualTo(1.0);
    assertThat(gauge(RolloutMetrics.CHECK_SUCCESS_RATE, INTEGRATION)).isEqualTo(0.5);
    assertThat(count(RolloutMetrics.CHECKS, INTEGRATION, RolloutMetrics.VERDICT_TAG, "failed"))
        .isEqualTo(1);
    DistributionSummary failed = meter(RolloutMetrics.CHECK_SAMPLE, INTEGRATION)
        .tag(RolloutMetrics.VERDICT_TAG, "failed").summary();
    assertThat(failed.count()).isEqualTo(1);
    assertThat(failed.totalAmount()).isEqualTo(800);
    assertThat(count(RolloutMetrics.STEPS, INTEGRATION, RolloutMetrics.STEP_TAG, "rollback_started"))
        .isEqualTo(1);
    assertThat(count(RolloutMetrics.STEPS, INTEGRATION, RolloutMetrics.STEP_TAG, "rolled_back"))
        .isEqualTo(1);
  }

  @Test
  void aManualRollbackEndsRolledBackWithoutStartingARollout() {
    gate.pass(1000, 0.999);
    engine.deploy(INTEGRATION, policy(5), CANARY, "alice", "good");

    assertThat(engine.rollback(INTEGRATION, "carol", "back to the baseline").outcome())
        .isEqualTo(Outcome.ROLLED_BACK);

    assertThat(meter(RolloutMetrics.STARTED, INTEGRATION).counter().count()).isEqualTo(1);
    assertThat(count(RolloutMetrics.ENDED, INTEGRATION, RolloutMetrics.OUTCOME_TAG, "rolled_back"))
        .isEqualTo(1);
    assertThat(gauge(RolloutMetrics.TRAFFIC_SPLIT, INTEGRATION)).isEqualTo(1.0);
  }

  @Test
  void anAbortedRolloutIsCountedApartFromAnotherIntegrationsRollouts() {
    // A state with no baseline and no version that completed (as an old state file may be): a failed
    // rollout has nothing to go back to, so it is aborted.
    RetryPolicy old = policy(3);
    Instant at = clock.instant();
    PolicyVersion v1 = PolicyVersion.builder("v1", at, old, "dave").build()
        .withStatus(VersionStatus.FAILED, at, "dave", "apply failed");
    store.compareAndSet(0, DeploymentState.create(OTHER, new UUID(1, 2)).toBuilder().nextSerial()
        .putVersion(v1).build());
    gate.pass(1000, 0.999);
    engine.deploy(INTEGRATION, policy(5), CANARY, "alice", "good");
    gate.fail(300, 0.25);

    assertThat(engine.deploy(OTHER, policy(6), CANARY, "erin", "").outcome())
        .isEqualTo(Outcome.ABORTED);

    assertThat(meter(RolloutMetrics.STARTED, OTHER).counter().count()).isEqualTo(1);
    assertThat(count(RolloutMetrics.ENDED, OTHER, RolloutMetrics.OUTCOME_TAG, "aborted")).isEqualTo(1);
    assertThat(registry.find(RolloutMetrics.ENDED).tag(RolloutMetrics.INTEGRATION_TAG, OTHER)
        .counters()).hasSize(1);
    assertThat(count(RolloutMetrics.ENDED, INTEGRATION, RolloutMetrics.OUTCOME_TAG, "completed"))
        .isEqualTo(1);
    // Aborted with no version restored: the split stays where the failed stage left it.
    assertThat(gauge(RolloutMetrics.TRAFFIC_SPLIT, OTHER)).isEqualTo(0.1);
    assertThat(gauge(RolloutMetrics.TRAFFIC_SPLIT, INTEGRATION)).isEqualTo(1.0);
    assertThat(gauge(RolloutMetrics.CHECK_SUCCESS_RATE, OTHER)).isEqualTo(0.25);
    assertThat(gauge(RolloutMetrics.CHECK_SUCCESS_RATE, INTEGRATION)).isCloseTo(0.999, within(1e-12));
    assertThat(count(RolloutMetrics.STEPS, OTHER, RolloutMetrics.STEP_TAG, "rollout_aborted"))
        .isEqualTo(1);
  }

  @Test
  void aCheckThatReadNoMetricsIsCountedButRecordsNoSampleOrRate() {
    gate.unavailable();

    assertThat(engine.deploy(INTEGRATION, policy(5), CANARY, "alice", "").outcome())
        .isEqualTo(Outcome.ROLLED_BACK);

    assertThat(count(RolloutMetrics.CHECKS, INTEGRATION, RolloutMetrics.VERDICT_TAG, "failed"))
        .isEqualTo(1);
    assertThat(registry.find(RolloutMetrics.CHECK_SAMPLE).summaries()).isEmpty();
    assertThat(registry.find(RolloutMetrics.CHECK_SUCCESS_RATE).gauges()).isEmpty();
  }

  @Test
  void theGaugesOfAnIntegrationAreRegisteredOnceAndStayReadable() {
    gate.pass(1000, 0.999);
    engine.deploy(INTEGRATION, policy(5), CANARY, "alice", "");
    engine.deploy(INTEGRATION, policy(6), CANARY, "alice", "");
    System.gc(); // a registry holds its gauges' objects weakly; the listener must keep them

    assertThat(registry.find(RolloutMetrics.TRAFFIC_SPLIT).gauges()).hasSize(1);
    assertThat(registry.find(RolloutMetrics.CHECK_SUCCESS_RATE).gauges()).hasSize(1);
    assertThat(gauge(RolloutMetrics.TRAFFIC_SPLIT, INTEGRATION)).isEqualTo(1.0);
  }

  @Test
  void aRegistryIsRequired() {
    assertThatThrownBy(() -> RolloutMetrics.of(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("registry");
    assertThat(metrics.toString()).isEqualTo("RolloutMetrics[SimpleMeterRegistry]");
  }

  /** Holds what was last applied or restored; every call succeeds. */
  static final class FakeTarget implements PolicyTarget {
    private TargetSnapshot held = TargetSnapshot.of("fake", "{\"note\":\"the baseline\"}");
    private long configurationVersion = 7;

    @Override
    public synchronized TargetSnapshot read(String integrationId) {
      return held;
    }

    @Override
    public synchronized ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split) {
      held = TargetSnapshot.of("fake", "{\"policy\":\"" + policy.fingerprint() + "\"}");
      return new ApplyResult(integrationId, policy.fingerprint(), split, ++configurationVersion);
    }

    @Override
    public synchronized RestoreResult restore(String integrationId, TargetSnapshot snapshot) {
      held = snapshot;
      return new RestoreResult(integrationId, snapshot, ++configurationVersion);
    }
  }

  /** Answers each check from a script; the last answer repeats. */
  static final class ScriptedGate implements RolloutGate {
    private interface Answer {
      StageCheck check(StageQuery q);
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private Answer last;

    private static Optional<DeliveryMetrics> read(StageQuery q, long sample, double rate) {
      return Optional.of(new DeliveryMetrics(q.integrationId(), q.from(), q.to(), sample, rate, 0,
          Duration.ofMillis(20)));
    }

    ScriptedGate pass(long sample, double rate) {
      script.add(q -> StageCheck.passed("success rate " + rate, read(q, sample, rate)));
      return this;
    }

    ScriptedGate fail(long sample, double rate) {
      script.add(q -> StageCheck.failed("success rate " + rate, read(q, sample, rate)));
      return this;
    }

    ScriptedGate unavailable() {
      script.add(q -> StageCheck.failed("metrics unavailable: 503", Optional.empty()));
      return this;
    }

    @Override
    public synchronized StageCheck check(StageQuery query) {
      last = script.isEmpty() ? last : script.poll();
      return last.check(query);
    }
  }
}
