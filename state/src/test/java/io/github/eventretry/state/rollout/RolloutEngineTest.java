package io.github.eventretry.state.rollout;

import static io.github.eventretry.state.Fixtures.BASELINE_JSON;
import static io.github.eventretry.state.Fixtures.INTEGRATION;
import static io.github.eventretry.state.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.Fixtures.FakeTarget;
import io.github.eventretry.state.Fixtures.FlakyAuditLog;
import io.github.eventretry.state.Fixtures.ManualClock;
import io.github.eventretry.state.Fixtures.ScriptedMetrics;
import io.github.eventretry.state.InMemoryStateStore;
import io.github.eventretry.state.LockHeldException;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.RolloutProgress;
import io.github.eventretry.state.StatusChange;
import io.github.eventretry.state.VersionStatus;
import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.audit.AuditLogException;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.audit.InMemoryAuditLog;
import io.github.eventretry.state.rollout.RolloutResult.Outcome;
import io.github.eventretry.state.spi.AuditLog;
import io.github.eventretry.state.spi.RolloutLease;
import io.github.eventretry.state.spi.StageCheck;
import io.github.eventretry.state.spi.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  final StopSignal stop = StopSignal.create();

  RolloutEngine engine() {
    return engine(store, audit);
  }

  RolloutEngine engine(StateStore s, AuditLog a) {
    return RolloutEngine.builder().target(target).metrics(metrics).stateStore(s).auditLog(a).clock(clock)
        .sleeper(clock.sleeper()).random(new SplittableRandom(42)).listener(events::add).owner("test")
        .stopSignal(stop).build();
  }

  static final RolloutPlan CANARY = RolloutPlan.canary().withBakeTime(Duration.ofMinutes(5));

  DeploymentState state() {
    return store.load(INTEGRATION).orElseThrow();
  }

  PolicyVersion version(String id) {
    return state().version(id).orElseThrow();
  }

  List<String> actions() {
    return audit.records().stream().map(AuditRecord::action).toList();
  }

  RolloutResult deployGood(RetryPolicy p) {
    metrics.then(1000, 0.999);
    return engine().deploy(INTEGRATION, p, CANARY, "alice", "good " + p.maxRetries());
  }

  RolloutResult deployBad(RetryPolicy p) {
    metrics.then(1000, 0.5);
    return engine().deploy(INTEGRATION, p, CANARY, "bob", "bad " + p.maxRetries());
  }

  @Test
  void theFirstDeployRecordsTheBaselineThenAppliesEachStageAndCompletes() {
    RolloutResult r = deployGood(policy(5));

    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(target.applied).extracting(a -> a.split().percent()).containsExactly(10, 50, 100);
    PolicyVersion v0 = version("v0");
    assertThat(v0.status()).isEqualTo(VersionStatus.BASELINE);
    assertThat(v0.snapshot().orElseThrow().json()).isEqualTo(BASELINE_JSON);
    assertThat(version("v1").status()).isEqualTo(VersionStatus.ACTIVE);
    assertThat(version("v1").configurationVersion()).hasValue(10);
    assertThat(version("v1").reason()).isEqualTo("good 5");
    assertThat(state().rollout()).isEmpty();
    assertThat(metrics.windows).hasSize(3)
        .allSatisfy(w -> assertThat(Duration.between(w[0], w[1])).isEqualTo(Duration.ofMinutes(5)));
    assertThat(actions()).containsExactly("baseline_recorded", "deploy_started",
        "stage_applied", "stage_passed", "stage_applied", "stage_passed", "stage_applied",
        "deploy_completed");
    assertThat(audit.verify(List.of(state().auditExpectation())).intact()).isTrue();
  }

  @Test
  void eventsAndAuditRecordsShareOneVocabularyOnePerStep() {
    deployGood(policy(5));
    deployBad(policy(6));
    engine().rollback(INTEGRATION, "carol", "back to the baseline");

    assertThat(events).extracting(e -> e.step().auditAction()).containsExactlyElementsOf(actions());
    assertThat(events).filteredOn(e -> e.step() == RolloutStep.ROLLBACK_STARTED)
        .first().satisfies(e -> assertThat(e.check()).map(StageCheck::verdict)
            .contains(StageCheck.Verdict.FAILED));
    assertThat(events).filteredOn(e -> e.step() == RolloutStep.STAGE_APPLIED)
        .allSatisfy(e -> assertThat(e.bakeEndsAt()).isPresent());
    assertThat(events).filteredOn(e -> e.step().outcome().isPresent())
        .extracting(e -> e.step().outcome().orElseThrow())
        .containsExactly(Outcome.COMPLETED, Outcome.ROLLED_BACK, Outcome.ROLLED_BACK);
    assertThat(RolloutStep.fromAuditAction("rollback_skipped")).contains(RolloutStep.ROLLOUT_ABORTED);
  }

  @Test
  void aFailedFirstDeployRestoresTheBaselineExactly() {
    RolloutResult r = deployBad(policy(5));

    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.activeVersionId()).contains("v0");
    assertThat(r.message()).contains("rolled back v1 to v0 (the baseline)");
    assertThat(target.restored).singleElement()
        .satisfies(s -> assertThat(s.json()).isEqualTo(BASELINE_JSON));
    assertThat(target.held.json()).isEqualTo(BASELINE_JSON);
    PolicyVersion v1 = version("v1");
    assertThat(v1.status()).isEqualTo(VersionStatus.ROLLED_BACK);
    assertThat(v1.reason()).isEqualTo("bad 5");
    assertThat(v1.lastChange()).map(StatusChange::reason).hasValueSatisfying(
        why -> assertThat(why).contains("success rate 0.5000 below threshold 0.9500"));
    assertThat(version("v0").changes()).extracting(StatusChange::reason)
        .containsExactly("restored by rollback of v1");
  }

  @Test
  void rollbackGoesBackNeverForwardAndStopsAtTheBaseline() {
    deployGood(policy(5));
    deployGood(policy(6));
    deployBad(policy(7));
    assertThat(state().activeVersionId()).contains("v2");

    RolloutResult first = engine().rollback(INTEGRATION, "carol", "v2 misbehaves");
    assertThat(first.activeVersionId()).contains("v1");
    assertThat(target.applied.get(target.applied.size() - 1).policy()).isEqualTo(policy(5));

    RolloutResult second = engine().rollback(INTEGRATION, "carol", "v1 too");
    assertThat(second.activeVersionId()).contains("v0");
    assertThat(target.held.json()).isEqualTo(BASELINE_JSON);

    long serial = state().serial();
    int records = audit.records().size();
    assertThatThrownBy(() -> engine().rollback(INTEGRATION, "carol", "again"))
        .isInstanceOfSatisfying(RolloutException.class,
            e -> assertThat(e.reason()).isEqualTo(RolloutException.Reason.NOTHING_TO_ROLL_BACK))
        .hasMessage("there is nothing before v0 (the baseline) to roll back to; nothing was changed");
    assertThat(state().serial()).isEqualTo(serial);
    assertThat(audit.records()).hasSize(records);
  }

  @Test
  void rollbackSkipsFailedAndRolledBackVersions() {
    deployGood(policy(5));
    deployGood(policy(6));
    engine().rollback(INTEGRATION, "carol", "v2 is bad");
    deployGood(policy(7));
    assertThat(version("v2").status()).isEqualTo(VersionStatus.ROLLED_BACK);

    RolloutResult back = engine().rollback(INTEGRATION, "carol", "v3 is bad");

    assertThat(back.activeVersionId()).contains("v1");
    assertThat(target.applied.get(target.applied.size() - 1).policy()).isEqualTo(policy(5));
    assertThat(version("v3").status()).isEqualTo(VersionStatus.ROLLED_BACK);
    assertThat(version("v3").reason()).isEqualTo("good 7");
  }

  @Test
  void aNamedVersionThatFailedIsRefusedUnlessForcedWithAReason() {
    deployGood(policy(5));
    deployBad(policy(6));
    long serial = state().serial();

    assertThatThrownBy(() -> engine().rollbackTo(INTEGRATION, "v2", "carol", "try it"))
        .isInstanceOfSatisfying(RolloutException.class,
            e -> assertThat(e.reason()).isEqualTo(RolloutException.Reason.REFUSED_VERSION))
        .hasMessageContaining("v2 was rolled back").hasMessageContaining("forced");
    assertThatThrownBy(() -> engine().rollbackTo(INTEGRATION, "v99", "carol", ""))
        .isInstanceOfSatisfying(RolloutException.class,
            e -> assertThat(e.reason()).isEqualTo(RolloutException.Reason.NO_SUCH_VERSION))
        .hasMessageContaining("no version v99 (it has v0..v2)");
    assertThatThrownBy(() -> engine().rollbackTo(INTEGRATION, "v1", "carol", ""))
        .isInstanceOfSatisfying(RolloutException.class,
            e -> assertThat(e.reason()).isEqualTo(RolloutException.Reason.ALREADY_ACTIVE));
    assertThatThrownBy(() -> engine().forceRollbackTo(INTEGRATION, "v2", "carol", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a reason");
    assertThat(state().serial()).isEqualTo(serial);

    RolloutResult forced = engine().forceRollbackTo(INTEGRATION, "v2", "carol", "the lesser evil");

    assertThat(forced.activeVersionId()).contains("v2");
    AuditRecord started = audit.records().stream().filter(a -> a.action().equals("rollback_started"))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(started.details()).containsEntry("forced", "true")
        .containsEntry("reason", "the lesser evil").containsEntry("to_version", "v2");
    assertThat(version("v1").lastChange()).map(StatusChange::reason)
        .contains("forced manual rollback to v2: the lesser evil");
  }

  @Test
  void theBaselineCanBeNamed() {
    deployGood(policy(5));

    RolloutResult r = engine().rollbackTo(INTEGRATION, "v0", "carol", "as it was");

    assertThat(r.activeVersionId()).contains("v0");
    assertThat(target.held.json()).isEqualTo(BASELINE_JSON);
  }

  @Test
  void aPreflightFailureSpendsNoVersionNumber() {
    target.readFailure = new EventRetryException("HTTP 401 invalid_client");
    assertThatThrownBy(() -> deployGood(policy(5)))
        .isInstanceOfSatisfying(RolloutException.class,
            e -> assertThat(e.reason()).isEqualTo(RolloutException.Reason.PREFLIGHT_FAILED))
        .hasMessageContaining("nothing was deployed").hasMessageContaining("HTTP 401");
    assertThat(store.load(INTEGRATION)).isEmpty();
    assertThat(audit.records()).isEmpty();

    target.readFailure = null;
    deployGood(policy(5));
    long serial = state().serial();
    target.readFailure = new EventRetryException("connection refused");
    assertThatThrownBy(() -> deployGood(policy(6))).isInstanceOf(RolloutException.class);
    target.readFailure = null;
    target.refuseSplits = "stage 1 (10%) selects none of the 3 targets";
    assertThatThrownBy(() -> deployGood(policy(6))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("selects none");
    assertThat(state().serial()).isEqualTo(serial);
    assertThat(state().nextVersionId()).isEqualTo("v2");
    assertThat(target.calls).isEqualTo(3);
  }

  @Test
  void aPlanThatCanNeverPassIsRefusedAndZeroBakeWithZeroSampleIsUnchecked() {
    RolloutPlan never = RolloutPlan.allAtOnce().withBakeTime(Duration.ZERO);
    assertThatThrownBy(() -> engine().deploy(INTEGRATION, policy(5), never, "alice", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bakes for 0 s but needs at least 100 deliveries");
    assertThat(target.reads).isZero();

    RolloutResult r = engine().deploy(INTEGRATION, policy(5), never.withMinimumSample(0), "alice", "");

    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(metrics.windows).isEmpty();
    assertThat(version("v1").unchecked()).isTrue();
    assertThat(audit.records()).filteredOn(a -> a.action().equals("deploy_completed")).singleElement()
        .satisfies(a -> assertThat(a.details()).containsEntry("check",
            "unchecked: bake 0 s and minimum sample 0"));
  }

  @Test
  void aFailedApplyMarksTheVersionFailedAndRollsBack() {
    deployGood(policy(5));
    target.failOnCall.add(target.calls + 2);

    RolloutResult r = engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "");

    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(version("v2").status()).isEqualTo(VersionStatus.FAILED);
    assertThat(version("v2").lastChange().orElseThrow().reason()).contains("409 Conflict");
    assertThat(target.applied.get(target.applied.size() - 1).policy()).isEqualTo(policy(5));
    assertThat(actions()).contains("apply_failed");
    assertThat(events).extracting(RolloutEvent::step).contains(RolloutStep.APPLY_FAILED)
        .doesNotContain(RolloutStep.ROLLBACK_STARTED);
  }

  @Test
  void tooFewSamplesAndUnreadableMetricsAreFailedChecks() {
    deployGood(policy(5));
    metrics.then(99, 1.0);
    assertThat(engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "").outcome())
        .isEqualTo(Outcome.ROLLED_BACK);
    assertThat(version("v2").lastChange().orElseThrow().reason())
        .contains("insufficient data: 99 deliveries, at least 100 needed");
    metrics.thenUnavailable();
    RolloutResult r = engine().deploy(INTEGRATION, policy(7), CANARY, "bob", "");
    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.message()).contains("metrics unavailable");
  }

  @Test
  void aFailedCheckBelowTheFailureLimitHoldsTheStage() {
    metrics.then(10, 1.0).then(1000, 0.99);
    RolloutPlan plan = RolloutPlan.of(RolloutStage.of(100).withFailureLimit(2));

    RolloutResult r = engine().deploy(INTEGRATION, policy(5), plan, "alice", "");

    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(actions()).contains("stage_held");
    assertThat(metrics.windows).hasSize(2);
  }

  @Test
  void theSeedsSingleFiftyPercentStageIsExpressible() {
    metrics.then(1000, 0.99);
    RolloutPlan seed = RolloutPlan.of(RolloutStage.of(50).withSuccessThreshold(0.98));

    assertThat(engine().deploy(INTEGRATION, policy(5), seed, "alice", "").outcome())
        .isEqualTo(Outcome.COMPLETED);
    assertThat(state().active().orElseThrow().split().percent()).isEqualTo(50);
  }

  @Test
  void aTargetReportingAnotherFingerprintIsAFailedApply() {
    deployGood(policy(5));
    target.report = policy(9).fingerprint();
    target.reportOnCall = target.calls + 1;

    RolloutResult r = engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "");

    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(version("v2").status()).isEqualTo(VersionStatus.FAILED);
    assertThat(version("v2").lastChange().orElseThrow().reason())
        .contains(policy(9).fingerprint().toString());
  }

  @Test
  void aSecondRolloutIsTurnedAwayNamingTheHolder() {
    try (RolloutLease lease = store.acquireRolloutLease(INTEGRATION, "carol")) {
      assertThatThrownBy(() -> engine().deploy(INTEGRATION, policy(5), CANARY, "alice", ""))
          .isInstanceOfSatisfying(LockHeldException.class, e -> {
            assertThat(e.holder()).map(h -> h.owner()).contains("carol");
            assertThat(e.holderStatus()).isEqualTo(LockHeldException.HolderStatus.RUNNING);
          })
          .hasMessageContaining("is locked by carol (pid ");
    }
    assertThat(target.calls).isZero();
    assertThat(target.reads).isZero();
  }

  @Test
  void aStopBeforeAnythingIsRecordedChangesNothing() {
    deployGood(policy(5));
    long serial = state().serial();
    stop.stop("SIGINT");

    RolloutResult r = engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "");

    assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(r.versionId()).isEmpty();
    assertThat(state().serial()).isEqualTo(serial);
  }

  @Test
  void aStopDuringABakeRecordsWhereItStoppedAndResumeContinuesTheSameWindow() {
    deployGood(policy(5));
    int[] slices = {0};
    RolloutEngine stopping = RolloutEngine.builder().target(target).metrics(metrics).stateStore(store)
        .auditLog(audit).clock(clock).listener(events::add).stopSignal(stop)
        .sleeper(d -> {
          clock.advance(d);
          if (++slices[0] == 30) {
            stop.stop("SIGINT");
          }
        }).build();

    RolloutResult r = stopping.deploy(INTEGRATION, policy(6), CANARY, "bob", "");

    assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(r.message()).contains("stopped at stage 1 of 3 (10%, baking)")
        .contains("the target may hold v2 at 10%");
    RolloutProgress p = state().rollout().orElseThrow();
    assertThat(p.stoppedAt()).isPresent();
    assertThat(p.phase()).isEqualTo(RolloutProgress.Phase.BAKING);
    assertThat(store.locks(INTEGRATION)).isEmpty();
    assertThat(audit.records()).last().satisfies(a -> {
      assertThat(a.action()).isEqualTo("rollout_interrupted");
      assertThat(a.details()).containsEntry("signal", "SIGINT").containsEntry("phase", "baking");
    });
    Instant since = p.since();

    metrics.then(1000, 0.999);
    RolloutEngine next = RolloutEngine.builder().target(target).metrics(metrics).stateStore(store)
        .auditLog(audit).clock(clock).sleeper(clock.sleeper()).build(); // a new process: no signal
    RolloutResult resumed = next.resume(INTEGRATION, "bob");

    assertThat(resumed.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(metrics.windows.get(metrics.windows.size() - 3)[0]).isEqualTo(since);
    assertThat(actions()).contains("rollout_resumed");
    assertThat(state().rollout()).isEmpty();
  }

  @Test
  void aStopDuringAnApplyThatFailsIsAnInterruptionNotAFailure() {
    deployGood(policy(5));
    int call = target.calls + 1;
    target.onApply = () -> {
      if (target.calls == call) {
        stop.stop("SIGTERM");
      }
    };
    target.failOnCall.add(call);
    target.failures.add(new EventRetryException("interrupted while waiting for the response"));

    RolloutResult r = engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "");

    assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(version("v2").status()).isEqualTo(VersionStatus.PENDING);
    assertThat(state().rollout()).map(RolloutProgress::mayHaveReachedTarget).contains(true);
    assertThat(actions()).doesNotContain("apply_failed");
  }

  @Test
  void aDeployAfterAnInterruptionReplacesTheUnfinishedRollout() {
    deployGood(policy(5));
    target.onApply = () -> stop.stop("SIGINT");
    engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "first try");
    assertThat(state().rollout()).isPresent();

    RolloutEngine fresh = RolloutEngine.builder().target(target).metrics(metrics).stateStore(store)
        .auditLog(audit).clock(clock).sleeper(clock.sleeper()).build();
    metrics.then(1000, 0.999);
    RolloutResult r = fresh.deploy(INTEGRATION, policy(7), CANARY, "bob", "second try");

    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(version("v2").status()).isEqualTo(VersionStatus.ROLLED_BACK);
    assertThat(version("v2").reason()).isEqualTo("first try");
    assertThat(version("v2").lastChange().orElseThrow().reason()).startsWith("abandoned:");
    assertThat(actions()).contains("rollout_abandoned");
    assertThat(state().activeVersionId()).contains("v3");
  }

  @Test
  void aPlainRollbackTurnsBackAnInterruptedRollout() {
    deployGood(policy(5));
    target.onApply = () -> stop.stop("SIGINT");
    engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "");
    RolloutEngine fresh = RolloutEngine.builder().target(target).metrics(metrics).stateStore(store)
        .auditLog(audit).clock(clock).sleeper(clock.sleeper()).build();

    RolloutResult r = fresh.rollback(INTEGRATION, "carol", "not now");

    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.activeVersionId()).contains("v1");
    assertThat(version("v2").status()).isEqualTo(VersionStatus.ROLLED_BACK);
    assertThat(state().rollout()).isEmpty();
  }

  @Test
  void aFailedRollbackIsKeptForResume() {
    deployGood(policy(5));
    metrics.then(1000, 0.1);
    target.failOnCall.add(target.calls + 2); // the rollback's apply

    assertThatThrownBy(() -> engine().deploy(INTEGRATION, policy(6), CANARY, "bob", ""))
        .isInstanceOfSatisfying(RolloutException.class,
            e -> assertThat(e.reason()).isEqualTo(RolloutException.Reason.ROLLBACK_FAILED))
        .hasMessageContaining("resuming retries it");
    assertThat(state().rollout()).map(RolloutProgress::phase).contains(RolloutProgress.Phase.ROLLING_BACK);
    assertThat(actions()).last().isEqualTo("rollback_failed");

    RolloutResult r = engine().resume(INTEGRATION, "bob");
    assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.activeVersionId()).contains("v1");
  }

  @Test
  void aStateChangeWhoseAppendFailedIsFoundByVerifyAndWrittenByResume() {
    FlakyAuditLog flaky = new FlakyAuditLog(audit);
    deployGood(policy(5));
    metrics.then(1000, 0.999);
    RolloutEngine e = engine(store, flaky);
    target.onApply = () -> flaky.failNext = 1; // the stage_applied record after the first apply
    assertThatThrownBy(() -> e.deploy(INTEGRATION, policy(6), CANARY, "bob", ""))
        .isInstanceOf(AuditLogException.class);
    target.onApply = () -> { };
    DeploymentState s = state();
    assertThat(s.rollout()).map(RolloutProgress::phase).contains(RolloutProgress.Phase.BAKING);
    List<AuditFault> faults = audit.verify(List.of(s.auditExpectation())).faults();
    assertThat(faults).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(AuditFault.Kind.UNRECORDED_CHANGE);
      assertThat(f.detail()).contains("serial " + s.serial()).contains("stage_applied of v2");
    });

    RolloutResult r = e.resume(INTEGRATION, "bob");

    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    AuditRecord late = audit.records().stream()
        .filter(a -> a.action().equals("audit_record_recovered")).findFirst().orElseThrow();
    assertThat(late.details()).containsEntry("recovered_action", "stage_applied")
        .containsEntry("state_serial", Long.toString(s.serial()));
    assertThat(audit.verify(List.of(state().auditExpectation())).intact()).isTrue();
  }

  @Test
  void aLogCutBehindTheStateIsTruncatedAndTheGapIsNotedBeforeGoingOn() {
    deployGood(policy(5));
    audit.dropLast(3);
    DeploymentState s = state();
    assertThat(audit.verify(List.of(s.auditExpectation())).faults())
        .extracting(AuditFault::kind).containsExactly(AuditFault.Kind.TRUNCATED);

    deployGood(policy(6));

    assertThat(actions()).contains("audit_gap_found", "audit_record_recovered");
    assertThat(audit.verify(List.of(state().auditExpectation())).faults())
        .singleElement().satisfies(f -> {
          assertThat(f.kind()).isEqualTo(AuditFault.Kind.TRUNCATED);
          assertThat(f.detail()).contains("notes that the log was found shorter");
        });
  }

  @Test
  void everyStepIsSavedThenAuditedThenReported() {
    List<String> order = new ArrayList<>();
    FlakyAuditLog spyAudit = new FlakyAuditLog(audit) {
      @Override
      public synchronized AuditRecord append(io.github.eventretry.state.audit.AuditEntry entry) {
        order.add("audit");
        return super.append(entry);
      }
    };
    StateStore counting = new StateStoreSpy(store, order);
    metrics.then(1000, 0.99);
    RolloutEngine e = RolloutEngine.builder().target(target).metrics(metrics).stateStore(counting)
        .auditLog(spyAudit).clock(clock).sleeper(clock.sleeper()).listener(ev -> order.add("emit"))
        .build();
    target.onApply = () -> order.add("apply");

    e.deploy(INTEGRATION, policy(5), RolloutPlan.allAtOnce().withBakeTime(Duration.ofMinutes(1)), "a", "");

    assertThat(String.join(",", order)).isEqualTo("save,audit,emit,save,audit,emit,apply,"
        + "save,audit,emit,save,audit,emit");
  }

  @Test
  void theBuilderSetsEachSettingOnceAndBuildLeavesItAlone() {
    RolloutEngine.Builder b = RolloutEngine.builder().target(target).metrics(metrics);
    assertThatThrownBy(() -> b.gate(SuccessRateGate.of(metrics)))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("gate was already set to");
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing: stateStore, auditLog");
    b.stateStore(store).auditLog(audit);
    RolloutEngine one = b.build();
    assertThat(b.build()).isNotSameAs(one);
    assertThatThrownBy(() -> b.random(new SplittableRandom(1)).random(new SplittableRandom(2)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unlockClearsADeadDeployersLockAndAuditsIt(@TempDir Path dir) throws Exception {
    FileStateStore files = FileStateStore.open(dir, clock);
    long dead = deadPid();
    java.nio.file.Files.writeString(dir.resolve(INTEGRATION + ".rollout.lock"),
        "{\"acquired_at\":\"2026-11-29T09:00:00Z\",\"host\":\""
            + io.github.eventretry.state.internal.LockFiles.host() + "\",\"nonce\":\"x\",\"owner\":\"dave\","
            + "\"pid\":" + dead + "}");
    try (FileAuditLog log = FileAuditLog.builder(dir).clock(clock).open()) {
      RolloutEngine e = engine(files, log);
      assertThatThrownBy(() -> e.deploy(INTEGRATION, policy(5), CANARY, "alice", ""))
          .isInstanceOfSatisfying(LockHeldException.class,
              x -> assertThat(x.holderStatus()).isEqualTo(LockHeldException.HolderStatus.GONE));

      assertThat(e.unlock(INTEGRATION, "alice")).singleElement()
          .satisfies(l -> assertThat(l.owner()).isEqualTo("dave"));

      assertThat(log.records()).singleElement().satisfies(a -> {
        assertThat(a.action()).isEqualTo("lock_cleared");
        assertThat(a.details()).containsEntry("holder", "dave")
            .containsEntry("holder_pid", Long.toString(dead)).doesNotContainKey("state_serial");
      });
      metrics.then(1000, 0.99);
      assertThat(e.deploy(INTEGRATION, policy(5), CANARY, "alice", "").outcome())
          .isEqualTo(Outcome.COMPLETED);
      assertThat(e.unlock(INTEGRATION, "alice")).isEmpty();
    }
  }

  static long deadPid() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-version").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor();
    return p.pid();
  }

  @Test
  void runsOnTheFileStoreAndFileAuditLog(@TempDir Path dir) {
    metrics.then(1000, 0.99);
    try (FileAuditLog log = FileAuditLog.builder(dir).clock(clock).open()) {
      RolloutEngine e = engine(FileStateStore.open(dir, clock), log);
      assertThat(e.deploy(INTEGRATION, policy(5), CANARY, "alice", "").outcome())
          .isEqualTo(Outcome.COMPLETED);
      assertThat(e.deploy(INTEGRATION, policy(6), CANARY, "alice", "").outcome())
          .isEqualTo(Outcome.COMPLETED);
      DeploymentState s = FileStateStore.open(dir).load(INTEGRATION).orElseThrow();
      assertThat(s.serial()).isEqualTo(15); // the baseline, then 7 steps per canary rollout
      assertThat(s.diff("v1", "v2").policyChanges()).extracting(c -> c.field())
          .containsExactly("policy.max_retries");
      assertThat(log.verify(List.of(s.auditExpectation())).intact()).isTrue();
      assertThat(log.records()).allSatisfy(
          rec -> assertThat(rec.details()).containsEntry("integration_id", INTEGRATION));
    }
  }

  /** Records saves, passing everything to a store. */
  static final class StateStoreSpy implements StateStore {
    private final StateStore store;
    private final List<String> order;

    StateStoreSpy(StateStore store, List<String> order) {
      this.store = store;
      this.order = order;
    }

    @Override
    public java.util.Optional<DeploymentState> load(String id) {
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

    @Override
    public List<io.github.eventretry.state.LockInfo> locks(String id) {
      return store.locks(id);
    }

    @Override
    public List<io.github.eventretry.state.LockInfo> clearStaleLocks(String id) {
      return store.clearStaleLocks(id);
    }
  }
}
