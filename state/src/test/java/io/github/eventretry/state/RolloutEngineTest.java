package io.github.eventretry.state;

import static io.github.eventretry.state.Fixtures.INTEGRATION;
import static io.github.eventretry.state.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.state.Fixtures.FakeTarget;
import io.github.eventretry.state.Fixtures.ManualClock;
import io.github.eventretry.state.Fixtures.ScriptedMetrics;
import io.github.eventretry.state.RolloutResult.Outcome;
import io.github.eventretry.state.spi.AuditLog;
import io.github.eventretry.state.spi.RolloutLease;
import io.github.eventretry.state.spi.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutEngineTest {
  final ManualClock clock = new ManualClock();
  final FakeTarget target = new FakeTarget();
  final ScriptedMetrics metrics = new ScriptedMetrics();
  final InMemoryStateStore store = new InMemoryStateStore(clock);
  final InMemoryAuditLog audit = new InMemoryAuditLog(clock);
  final List<RolloutEvent> events = new ArrayList<>();

  RolloutEngine engine() {
    return engine(store, audit);
  }

  RolloutEngine engine(StateStore s, AuditLog a) {
    return RolloutEngine.builder().target(target).metrics(metrics).stateStore(s).auditLog(a).clock(clock)
        .sleeper(clock.sleeper()).random(new SplittableRandom(42)).listener(events::add).owner("test")
        .build();
  }

  static final RolloutPlan CANARY = RolloutPlan.canary().withBakeTime(Duration.ofMinutes(5));

  RolloutResult deployGood(RetryPolicy p) {
    metrics.then(1000, 0.999);
    return engine().deploy(INTEGRATION, p, CANARY, "alice", "first");
  }

  @Test
  void canaryAppliesEachStageBakesAndCompletes() {
    RolloutResult r = deployGood(policy(5));

    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(target.applied).extracting(a -> a.split().percent()).containsExactly(10, 50, 100);
    DeploymentState s = store.load(INTEGRATION).orElseThrow();
    assertThat(s.active()).map(PolicyVersion::id).contains("v1");
    assertThat(s.lastKnownGood()).map(PolicyVersion::id).contains("v1");
    assertThat(s.version("v1").orElseThrow().status()).isEqualTo(VersionStatus.ACTIVE);
    assertThat(s.version("v1").orElseThrow().configurationVersion()).hasValue(10);
    assertThat(s.rollout()).isEmpty();
    // each bake window is the stage's bake time, read after the wait
    assertThat(metrics.windows).hasSize(3)
        .allSatisfy(w -> assertThat(Duration.between(w[0], w[1])).isEqualTo(Duration.ofMinutes(5)));
    assertThat(audit.records()).extracting(AuditRecord::action).containsExactly("deploy_started",
        "stage_applied", "stage_passed", "stage_applied", "stage_passed", "stage_applied",
        "deploy_completed");
    assertThat(audit.verify().intact()).isTrue();
    assertThat(events).extracting(RolloutEvent::kind).first().isEqualTo(RolloutEvent.Kind.STARTED);
    assertThat(events).extracting(RolloutEvent::kind).last().isEqualTo(RolloutEvent.Kind.COMPLETED);
  }

  @Test
  void badSuccessRateRollsBackToLastKnownGoodExactlyAtFullTraffic() {
    RetryPolicy good = policy(5);
    deployGood(good);
    target.applied.clear();
    metrics.then(1000, 0.999).then(1000, 0.90);

    RolloutResult r = engine().deploy(INTEGRATION, policy(8), CANARY, "bob", "more retries");

    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.activeVersionId()).contains("v1");
    assertThat(target.applied).extracting(a -> a.split().percent()).containsExactly(10, 50, 100);
    FakeTarget.Applied restored = target.applied.get(2);
    assertThat(restored.policy().fingerprint()).isEqualTo(good.fingerprint());
    assertThat(restored.split()).isEqualTo(TrafficSplit.FULL);
    DeploymentState s = store.load(INTEGRATION).orElseThrow();
    assertThat(s.version("v2").orElseThrow().status()).isEqualTo(VersionStatus.ROLLED_BACK);
    assertThat(s.version("v2").orElseThrow().reason()).contains("success rate 0.9000 below threshold 0.9500");
    assertThat(s.version("v1").orElseThrow().status()).isEqualTo(VersionStatus.ACTIVE);
    assertThat(audit.records()).extracting(AuditRecord::action).endsWith("rollback_started", "rolled_back");
  }

  @Test
  void failedApplyRollsBackAndMarksTheVersionFailed() {
    deployGood(policy(5));
    target.applied.clear();
    target.failOnCall.add(target.calls + 2); // stage 2 of the next rollout

    RolloutResult r = engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "");

    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    DeploymentState s = store.load(INTEGRATION).orElseThrow();
    assertThat(s.version("v2").orElseThrow().status()).isEqualTo(VersionStatus.FAILED);
    assertThat(s.version("v2").orElseThrow().reason()).contains("409 Conflict");
    assertThat(target.applied.get(target.applied.size() - 1).policy()).isEqualTo(policy(5));
    assertThat(audit.records()).extracting(AuditRecord::action).contains("apply_failed");
  }

  @Test
  void tooFewSamplesIsNotSuccess() {
    deployGood(policy(5));
    metrics.then(99, 1.0);

    RolloutResult r = engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "");

    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(store.load(INTEGRATION).orElseThrow().version("v2").orElseThrow().reason())
        .contains("insufficient data: 99 deliveries, at least 100 needed");
  }

  @Test
  void unreadableMetricsAreAFailedCheck() {
    deployGood(policy(5));
    metrics.thenUnavailable();

    RolloutResult r = engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "");

    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.message()).contains("metrics unavailable");
  }

  @Test
  void aFailedCheckBelowTheFailureLimitHoldsTheStage() {
    metrics.then(10, 1.0).then(1000, 0.99);
    RolloutPlan plan = RolloutPlan.of(RolloutStage.of(100).withFailureLimit(2));

    RolloutResult r = engine().deploy(INTEGRATION, policy(5), plan, "alice", "");

    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(events).extracting(RolloutEvent::kind).contains(RolloutEvent.Kind.STAGE_HELD);
    assertThat(audit.records()).extracting(AuditRecord::action).contains("stage_held");
    assertThat(metrics.windows).hasSize(2);
  }

  @Test
  void theSeedsSingleFiftyPercentStageIsExpressible() {
    metrics.then(1000, 0.99);
    RolloutPlan seed = RolloutPlan.of(RolloutStage.of(50).withSuccessThreshold(0.98));

    RolloutResult r = engine().deploy(INTEGRATION, policy(5), seed, "alice", "");

    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(store.load(INTEGRATION).orElseThrow().active().orElseThrow().split().percent()).isEqualTo(50);
  }

  @Test
  void firstRolloutTurnedBackWithNothingToRestoreIsAborted() {
    metrics.then(1000, 0.5);

    RolloutResult r = engine().deploy(INTEGRATION, policy(5), CANARY, "alice", "");

    assertThat(r.outcome()).isEqualTo(Outcome.ABORTED);
    DeploymentState s = store.load(INTEGRATION).orElseThrow();
    assertThat(s.active()).isEmpty();
    assertThat(s.rollout()).isEmpty();
    assertThat(audit.records()).extracting(AuditRecord::action).contains("rollback_skipped");
  }

  @Test
  void aSecondRolloutOfTheSameIntegrationFailsFast() {
    try (RolloutLease lease = store.acquireRolloutLease(INTEGRATION, "carol")) {
      assertThat(lease.holder().owner()).isEqualTo("carol");
      assertThatThrownBy(() -> engine().deploy(INTEGRATION, policy(5), CANARY, "alice", ""))
          .isInstanceOf(ConcurrentRolloutException.class)
          .hasMessageContaining("already in progress")
          .hasMessageContaining("carol");
    }
    assertThat(target.calls).isZero();
  }

  @Test
  void resumeFinishesARolloutACrashInterrupted() {
    deployGood(policy(5));
    target.failOnCall.add(target.calls + 2);
    target.failures.add(new IllegalStateException("process died"));
    metrics.then(1000, 0.99);

    assertThatThrownBy(() -> engine().deploy(INTEGRATION, policy(6), CANARY, "bob", ""))
        .hasMessage("process died");
    DeploymentState interrupted = store.load(INTEGRATION).orElseThrow();
    assertThat(interrupted.rollout()).map(p -> p.stageIndex()).contains(1);
    assertThatThrownBy(() -> engine().deploy(INTEGRATION, policy(7), CANARY, "bob", ""))
        .isInstanceOf(RolloutException.class).hasMessageContaining("resume()");

    RolloutResult r = engine().resume(INTEGRATION, "bob");

    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(store.load(INTEGRATION).orElseThrow().active()).map(PolicyVersion::id).contains("v2");
    assertThat(store.load(INTEGRATION).orElseThrow().version("v1").orElseThrow().status())
        .isEqualTo(VersionStatus.SUPERSEDED);
    assertThat(engine().resume(INTEGRATION, "bob").outcome()).isEqualTo(Outcome.NOTHING_TO_RESUME);
    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void everyTransitionIsPersistedThenAuditedBeforeTheNextStep() {
    List<String> order = new ArrayList<>();
    StateStore spyStore = new StateStore() {
      @Override
      public Optional<DeploymentState> load(String id) {
        return store.load(id);
      }

      @Override
      public DeploymentState compareAndSet(long expected, DeploymentState next) {
        order.add("save");
        return store.compareAndSet(expected, next);
      }

      @Override
      public RolloutLease acquireRolloutLease(String id, String owner) {
        return store.acquireRolloutLease(id, owner);
      }
    };
    AuditLog spyAudit = new AuditLog() {
      @Override
      public AuditRecord append(AuditEntry e) {
        order.add("audit");
        return audit.append(e);
      }

      @Override
      public Optional<AuditRecord> head() {
        return audit.head();
      }

      @Override
      public List<AuditRecord> records() {
        return audit.records();
      }

      @Override
      public AuditVerification verify() {
        return audit.verify();
      }

      @Override
      public String complianceStandard() {
        return audit.complianceStandard();
      }
    };
    metrics.then(1000, 0.99);
    RolloutEngine e = RolloutEngine.builder().target(new io.github.eventretry.core.spi.PolicyTarget() {
      @Override
      public io.github.eventretry.core.spi.TargetSnapshot read(String id) {
        order.add("read");
        return target.read(id);
      }

      @Override
      public ApplyResult apply(String id, RetryPolicy p, io.github.eventretry.core.TrafficSplit split) {
        order.add("apply");
        return target.apply(id, p, split);
      }

      @Override
      public io.github.eventretry.core.spi.RestoreResult restore(String id,
          io.github.eventretry.core.spi.TargetSnapshot snapshot) {
        order.add("restore");
        return target.restore(id, snapshot);
      }
    }).metrics(metrics).stateStore(spyStore).auditLog(spyAudit).clock(clock).sleeper(clock.sleeper())
        .build();

    e.deploy(INTEGRATION, policy(5), CANARY, "alice", "");

    assertThat(String.join(",", order)).isEqualTo(
        "save,audit,apply,save,audit,save,audit,apply,save,audit,save,audit,apply,save,audit,save,audit");
  }

  @Test
  void manualRollbackReturnsToThePreviousVersionAndRollbackToANamedOne() {
    deployGood(policy(5));
    metrics.then(1000, 0.99);
    engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "");
    engine().deploy(INTEGRATION, policy(7), CANARY, "bob", "");

    RolloutResult back = engine().rollback(INTEGRATION, "carol", "pager went off");

    assertThat(back.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    DeploymentState s = store.load(INTEGRATION).orElseThrow();
    assertThat(s.active()).map(PolicyVersion::id).contains("v2");
    assertThat(s.version("v3").orElseThrow().status()).isEqualTo(VersionStatus.ROLLED_BACK);
    assertThat(target.applied.get(target.applied.size() - 1).policy()).isEqualTo(policy(6));

    RolloutResult toV1 = engine().rollbackTo(INTEGRATION, "v1", "carol", "known good");
    assertThat(toV1.activeVersionId()).contains("v1");
    assertThat(target.applied.get(target.applied.size() - 1).policy().fingerprint())
        .isEqualTo(policy(5).fingerprint());
    assertThat(store.load(INTEGRATION).orElseThrow().lastKnownGood()).map(PolicyVersion::id).contains("v1");
    assertThatThrownBy(() -> engine().rollbackTo(INTEGRATION, "v1", "carol", ""))
        .isInstanceOf(RolloutException.class).hasMessageContaining("already the active");
    assertThatThrownBy(() -> engine().rollbackTo(INTEGRATION, "v9", "carol", ""))
        .isInstanceOf(RolloutException.class).hasMessageContaining("no version v9");
  }

  @Test
  void rollbackReturnsToTheVersionActiveBeforeNotTheHighestSupersededNumber() {
    deployGood(policy(5));
    metrics.then(1000, 0.99);
    engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "");
    engine().deploy(INTEGRATION, policy(7), CANARY, "bob", "");
    engine().rollbackTo(INTEGRATION, "v1", "carol", "v2 and v3 are bad");
    engine().deploy(INTEGRATION, policy(8), CANARY, "bob", "");
    assertThat(store.load(INTEGRATION).orElseThrow().previousActiveVersionId()).contains("v1");

    RolloutResult back = engine().rollback(INTEGRATION, "carol", "v4 is bad");

    assertThat(back.activeVersionId()).contains("v1");
    assertThat(target.applied.get(target.applied.size() - 1).policy().fingerprint())
        .isEqualTo(policy(5).fingerprint());
    DeploymentState s = store.load(INTEGRATION).orElseThrow();
    assertThat(s.previousActiveVersionId()).contains("v4");
    assertThat(s.version("v4").orElseThrow().status()).isEqualTo(VersionStatus.ROLLED_BACK);
  }

  @Test
  void aTargetReportingAnotherFingerprintIsAFailedApplyAndRollsBack() {
    deployGood(policy(5));
    target.report = policy(9).fingerprint();
    target.reportOnCall = target.calls + 1;

    RolloutResult r = engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "");

    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    DeploymentState s = store.load(INTEGRATION).orElseThrow();
    assertThat(s.rollout()).isEmpty();
    assertThat(s.active()).map(PolicyVersion::id).contains("v1");
    assertThat(s.version("v2").orElseThrow().status()).isEqualTo(VersionStatus.FAILED);
    assertThat(s.version("v2").orElseThrow().reason()).contains(policy(9).fingerprint().toString());
  }

  @Test
  void aFailedRollbackIsKeptForResume() {
    deployGood(policy(5));
    metrics.then(1000, 0.1);
    target.failOnCall.add(target.calls + 2); // the rollback's apply

    assertThatThrownBy(() -> engine().deploy(INTEGRATION, policy(6), CANARY, "bob", ""))
        .isInstanceOf(RolloutException.class).hasMessageContaining("resume() retries");
    assertThat(store.load(INTEGRATION).orElseThrow().rollout()).map(RolloutProgress::phase)
        .contains(RolloutProgress.Phase.ROLLING_BACK);

    RolloutResult r = engine().resume(INTEGRATION, "bob");
    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.activeVersionId()).contains("v1");
  }

  @Test
  void runsOnTheFileStoreAndFileAuditLog(@TempDir Path dir) {
    metrics.then(1000, 0.99);
    try (FileAuditLog log = FileAuditLog.builder(dir).clock(clock).open()) {
      RolloutEngine e = engine(FileStateStore.open(dir, clock), log);
      assertThat(e.deploy(INTEGRATION, policy(5), CANARY, "alice", "").outcome()).isEqualTo(Outcome.COMPLETED);
      assertThat(e.deploy(INTEGRATION, policy(6), CANARY, "alice", "").outcome()).isEqualTo(Outcome.COMPLETED);
      DeploymentState s = FileStateStore.open(dir).load(INTEGRATION).orElseThrow();
      assertThat(s.serial()).isEqualTo(14); // 7 transitions per canary rollout
      assertThat(s.diff("v1", "v2").policyChanges()).extracting(VersionDiff.FieldChange::field)
          .containsExactly("policy.max_retries");
      assertThat(log.verify().intact()).isTrue();
      assertThat(log.records()).allSatisfy(
          rec -> assertThat(rec.details()).containsEntry("integration_id", INTEGRATION));
    }
  }
}
