package io.github.eventretry.state.rollout;

import static io.github.eventretry.state.Fixtures.INTEGRATION;
import static io.github.eventretry.state.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.state.CapturedLogs;
import io.github.eventretry.state.Fixtures.FakeTarget;
import io.github.eventretry.state.Fixtures.ManualClock;
import io.github.eventretry.state.Fixtures.ScriptedMetrics;
import io.github.eventretry.state.InMemoryStateStore;
import io.github.eventretry.state.audit.InMemoryAuditLog;
import io.github.eventretry.state.rollout.RolloutResult.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The SLF4J MDC of a rollout: every step, target call and log line carries its integration and
 * version ({@code eventretry.integration}, {@code eventretry.version}, as docs/rollout.md names them),
 * and the caller's thread gets back exactly what it had, also when the operation throws.
 */
class RolloutMdcTest {
  static final String INTEGRATION_KEY = "eventretry.integration";
  static final String VERSION_KEY = "eventretry.version";
  static final String OTHER = "7d0e4f1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";
  static final RolloutPlan CANARY = RolloutPlan.canary().withBakeTime(Duration.ofMinutes(5));

  /** An event with the MDC its listener saw. */
  record Seen(RolloutEvent event, Map<String, String> mdc) {}

  final ManualClock clock = new ManualClock();
  final FakeTarget target = new FakeTarget();
  final ScriptedMetrics metrics = new ScriptedMetrics();
  final InMemoryStateStore store = new InMemoryStateStore(clock);
  final InMemoryAuditLog audit = new InMemoryAuditLog(clock);
  final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  final List<Map<String, String>> applies = Collections.synchronizedList(new ArrayList<>());

  static Map<String, String> mdc() {
    Map<String, String> m = MDC.getCopyOfContextMap();
    return m == null ? Map.of() : new HashMap<>(m);
  }

  RolloutEngine engine(RolloutListener listener) {
    return RolloutEngine.builder().target(target).metrics(metrics).stateStore(store).auditLog(audit)
        .clock(clock).sleeper(clock.sleeper()).random(new SplittableRandom(42)).listener(listener)
        .owner("test").build();
  }

  RolloutEngine engine() {
    return engine(e -> seen.add(new Seen(e, mdc())));
  }

  @BeforeEach
  void start() {
    MDC.clear();
    CapturedLogs.clear();
    target.onApply = () -> applies.add(mdc());
  }

  @AfterEach
  void end() {
    MDC.clear();
  }

  @Test
  void theBindingOfTheseTestsKeepsMdcEntries() {
    // Without it, every assertion below would read an empty MDC and could not tell anything apart.
    MDC.put("probe", "1");
    assertThat(MDC.get("probe")).isEqualTo("1");
  }

  @Test
  void everyStepAndEveryApplySeesItsIntegrationAndVersion() {
    metrics.then(1000, 0.999);
    engine().deploy(INTEGRATION, policy(5), CANARY, "alice", "good");
    metrics.then(1000, 0.5);
    engine().deploy(INTEGRATION, policy(6), CANARY, "bob", "bad");

    assertThat(seen).extracting(s -> s.event().step()).contains(RolloutStep.BASELINE_RECORDED,
        RolloutStep.DEPLOY_COMPLETED, RolloutStep.ROLLBACK_STARTED, RolloutStep.ROLLED_BACK);
    assertThat(seen).allSatisfy(s -> {
      assertThat(s.mdc()).as("MDC at %s", s.event()).containsEntry(INTEGRATION_KEY, INTEGRATION);
      assertThat(Optional.ofNullable(s.mdc().get(VERSION_KEY))).as("MDC version at %s", s.event())
          .isEqualTo(s.event().versionId());
    });
    // The rollback of v2 restores v1 at 100 %: that apply is v1's, the stages before it v2's.
    assertThat(applies).extracting(m -> m.get(VERSION_KEY))
        .containsExactly("v1", "v1", "v1", "v2", "v1");
    assertThat(applies).allSatisfy(m -> assertThat(m).containsEntry(INTEGRATION_KEY, INTEGRATION));
    assertThat(mdc()).isEmpty();
  }

  @Test
  void eachStepIsLoggedAtDebugWithItsMdc() {
    metrics.then(1000, 0.999);
    engine().deploy(INTEGRATION, policy(5), CANARY, "alice", "good");

    List<CapturedLogs.Line> steps = CapturedLogs.lines().stream()
        .filter(l -> l.logger().equals(RolloutJournal.class.getName())).toList();
    assertThat(steps).extracting(CapturedLogs.Line::message).first().asString()
        .startsWith("baseline_recorded: recorded what " + INTEGRATION);
    assertThat(steps).extracting(l -> l.message().substring(0, l.message().indexOf(':')))
        .containsExactly("baseline_recorded", "deploy_started", "stage_applied", "stage_passed",
            "stage_applied", "stage_passed", "stage_applied", "deploy_completed");
    assertThat(steps).extracting(l -> l.mdc().get(VERSION_KEY))
        .containsExactly("v0", "v1", "v1", "v1", "v1", "v1", "v1", "v1");
    assertThat(steps).allSatisfy(l -> assertThat(l.mdc()).containsEntry(INTEGRATION_KEY, INTEGRATION));
    // Taken before any version is known: the integration alone.
    assertThat(CapturedLogs.lines()).filteredOn(l -> l.message().contains("rollout lease taken"))
        .singleElement().satisfies(l -> assertThat(l.mdc()).containsEntry(INTEGRATION_KEY, INTEGRATION)
            .doesNotContainKey(VERSION_KEY));
  }

  @Test
  void theCallersMdcIsPutBackAfterACompletedRollout() {
    MDC.put(INTEGRATION_KEY, "outer");
    MDC.put("request", "r-17");
    Map<String, String> before = mdc();
    metrics.then(1000, 0.999);

    engine().deploy(INTEGRATION, policy(5), CANARY, "alice", "good");

    assertThat(seen).allSatisfy(s -> assertThat(s.mdc()).containsEntry(INTEGRATION_KEY, INTEGRATION)
        .containsEntry("request", "r-17"));
    assertThat(mdc()).isEqualTo(before);
  }

  @Test
  void theCallersMdcIsPutBackWhenTheRollbackFailsAndTheOperationThrows() {
    MDC.put(VERSION_KEY, "outer-version");
    Map<String, String> before = mdc();
    metrics.then(1000, 0.5);
    target.failOnCall.add(2); // stage 1 applies (call 1), its check fails, restoring the baseline fails

    assertThatThrownBy(() -> engine().deploy(INTEGRATION, policy(5), CANARY, "alice", "bad"))
        .isInstanceOf(RolloutException.class)
        .satisfies(e -> assertThat(((RolloutException) e).reason())
            .isEqualTo(RolloutException.Reason.ROLLBACK_FAILED));

    assertThat(seen).filteredOn(s -> s.event().step() == RolloutStep.ROLLBACK_FAILED).singleElement()
        .satisfies(s -> assertThat(s.mdc()).containsEntry(VERSION_KEY, "v0"));
    assertThat(mdc()).isEqualTo(before);
  }

  @Test
  void aListenerThatThrowsIsLoggedWithTheStepsMdcAndLeavesNothingBehind() {
    metrics.then(1000, 0.999);
    RolloutResult r = engine(e -> {
      throw new IllegalStateException("listener broke");
    }).deploy(INTEGRATION, policy(5), CANARY, "alice", "good");

    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(CapturedLogs.lines()).filteredOn(l -> l.message().startsWith("rollout listener failed"))
        .hasSize(8).allSatisfy(l -> assertThat(l.mdc()).containsEntry(INTEGRATION_KEY, INTEGRATION)
            .containsKey(VERSION_KEY));
    assertThat(mdc()).isEmpty();
  }

  @Test
  void twoRolloutsOnTwoThreadsEachSeeOnlyTheirOwnIntegrationAndLeaveTheirThreadsClean()
      throws Exception {
    metrics.then(1000, 0.999);
    CyclicBarrier bothStarted = new CyclicBarrier(2);
    RolloutListener listener = e -> {
      seen.add(new Seen(e, mdc()));
      if (e.step() == RolloutStep.DEPLOY_STARTED) {
        await(bothStarted); // the two rollouts now run side by side
      }
    };
    RolloutEngine shared = RolloutEngine.builder().target(target).metrics(metrics).stateStore(store)
        .auditLog(audit).clock(clock).sleeper(clock.sleeper()).random(new SplittableRandom(7))
        .listener(listener).owner("test").build();
    ExecutorService a = Executors.newSingleThreadExecutor();
    ExecutorService b = Executors.newSingleThreadExecutor();
    try {
      Future<RolloutResult> ra = a.submit(() -> shared.deploy(INTEGRATION, policy(5), CANARY, "a", ""));
      Future<RolloutResult> rb = b.submit(() -> shared.deploy(OTHER, policy(6), CANARY, "b", ""));
      assertThat(ra.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.COMPLETED);
      assertThat(rb.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.COMPLETED);

      assertThat(seen).extracting(s -> s.event().integrationId()).contains(INTEGRATION, OTHER);
      assertThat(seen).allSatisfy(s -> assertThat(s.mdc())
          .containsEntry(INTEGRATION_KEY, s.event().integrationId()));
      // The pool threads are reused by whatever runs next: it finds their MDC empty.
      assertThat(a.submit(RolloutMdcTest::mdc).get(30, TimeUnit.SECONDS)).isEmpty();
      assertThat(b.submit(RolloutMdcTest::mdc).get(30, TimeUnit.SECONDS)).isEmpty();
      assertThat(mdc()).isEmpty();
    } finally {
      a.shutdownNow();
      b.shutdownNow();
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other rollout did not start", e);
    }
  }
}
