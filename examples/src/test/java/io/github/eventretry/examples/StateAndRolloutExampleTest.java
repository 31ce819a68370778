package io.github.eventretry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.rollout.RolloutEngine;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutResult;
import io.github.eventretry.state.VersionStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the code that docs/rollout.md and docs/state-and-audit.md show, on a temp folder. */
class StateAndRolloutExampleTest {
  private static final String INTEGRATION = "3f1c2a9e-0b7d-4c55-9a1e-2d6f8b7c1a00";
  private static final byte[] KEY = "a test key, not a secret".getBytes(StandardCharsets.UTF_8);

  @TempDir Path folder;

  private final ManualClock clock = new ManualClock();
  private final RecordingTarget target = new RecordingTarget();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  /** Every delivery in the bake window succeeded at this rate, over 1000 deliveries. */
  private DeliveryMetricsSource metrics(double successRate) {
    return (id, from, to) -> new DeliveryMetrics(id, from, to, 1000, successRate, 3, Duration.ofMillis(40));
  }

  private RolloutResult deploy(RetryPolicy policy, double successRate) {
    return StateAndRolloutExample.deploy(target, metrics(successRate), folder, clock, clock.sleeper(),
        INTEGRATION, policy, out);
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aHealthyCanaryCompletesInThreeStagesAndBakesOnTheInjectedClock() {
    Instant start = clock.instant();
    RolloutResult r = deploy(PolicyExample.build(), 0.99);

    assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.COMPLETED);
    assertThat(r.activeVersionId()).contains("v1");
    assertThat(target.splits).containsExactly(10, 50, 100);
    assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(15)));
    assertThat(printed()).endsWith("active: v1" + System.lineSeparator());
    try (FileAuditLog audit = FileAuditLog.open(folder)) {
      assertThat(audit.verify().intact()).isTrue();
      assertThat(audit.records()).extracting(rec -> rec.action())
          .startsWith("baseline_recorded", "deploy_started").endsWith("deploy_completed");
    }
  }

  @Test
  void aFailingPolicyRollsBackToTheExactLastKnownGoodOne() {
    RetryPolicy good = PolicyExample.build();
    RetryPolicy bad = good.toBuilder().maxRetries(9).build();
    deploy(good, 0.99);

    RolloutResult r = deploy(bad, 0.50);

    assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.ROLLED_BACK);
    assertThat(r.activeVersionId()).contains("v1");
    assertThat(target.policies.get(target.policies.size() - 1).fingerprint()).isEqualTo(good.fingerprint());
    assertThat(target.splits.get(target.splits.size() - 1)).isEqualTo(100);
    assertThat(printed()).contains("rolled back; active: v1");
  }

  @Test
  void theVeryFirstRolloutFailingRestoresTheBaseline() {
    RolloutResult r = deploy(PolicyExample.build(), 0.10);

    assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.ROLLED_BACK);
    assertThat(r.activeVersionId()).contains("v0");
    assertThat(target.restored).containsExactly(RecordingTarget.BEFORE);
    assertThat(printed()).contains("rolled back; active: v0");
  }

  @Test
  void aHostsOwnGateDecidesTheStages() {
    boolean[] firing = {false};
    try (FileAuditLog audit = FileAuditLog.builder(folder).clock(clock).open()) {
      RolloutEngine engine = RolloutEngine.builder().target(target)
          .gate(StateAndRolloutExample.alarmGate(() -> firing[0]))
          .stateStore(FileStateStore.open(folder)).auditLog(audit).clock(clock).sleeper(clock.sleeper())
          .build();
      assertThat(engine.deploy(INTEGRATION, PolicyExample.build(), RolloutPlan.canary(), "alice", "")
          .outcome()).isEqualTo(RolloutResult.Outcome.COMPLETED);
      firing[0] = true;
      RolloutResult r = engine.deploy(INTEGRATION, PolicyExample.build().toBuilder().maxRetries(9).build(),
          RolloutPlan.canary(), "alice", "");
      assertThat(r.outcome()).isEqualTo(RolloutResult.Outcome.ROLLED_BACK);
      assertThat(r.message()).contains("the delivery alarm fired during stage 1");
    }
  }

  @Test
  void inspectShowsHistoryDiffAndAnIntactSignedAuditLog() throws Exception {
    writeTwoVersionsWithASignedLog();

    AuditVerification v = StateAndRolloutExample.inspect(folder, INTEGRATION, KEY, out);

    assertThat(v.intact()).isTrue();
    assertThat(v.anchored()).isTrue();
    assertThat(v.recordsChecked()).isGreaterThan(4);
    DeploymentState state = FileStateStore.open(folder).load(INTEGRATION).orElseThrow();
    assertThat(state.history()).extracting(p -> p.status())
        .containsExactly(VersionStatus.BASELINE, VersionStatus.ACTIVE, VersionStatus.ROLLED_BACK);
    assertThat(printed())
        .contains("v0 baseline 100%", "v1 active 100%", "v2 rolled_back",
            "active: v1, a rollback returns to: v0",
            "policy.max_retries: 5 -> 9", "audit intact: " + v.recordsChecked() + " records");
  }

  @Test
  void inspectReportsATamperedLineAndAWrongKey() throws Exception {
    writeTwoVersionsWithASignedLog();
    Path log = folder.resolve(FileAuditLog.DEFAULT_FILE_NAME);
    List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
    lines.set(1, lines.get(1).replace("\"actor\":\"alice\"", "\"actor\":\"mallory\""));
    assertThat(lines.get(1)).contains("mallory");
    Files.write(log, lines, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);

    AuditVerification tampered = StateAndRolloutExample.inspect(folder, INTEGRATION, KEY, out);
    AuditVerification wrongKey = StateAndRolloutExample.inspect(
        folder, INTEGRATION, "another key of 16+ bytes".getBytes(StandardCharsets.UTF_8), out);

    assertThat(tampered.faults(AuditFault.Kind.HASH_MISMATCH)).extracting(AuditFault::seq)
        .containsExactly(2L);
    assertThat(wrongKey.faults(AuditFault.Kind.HEAD_MISMATCH)).isNotEmpty();
    assertThat(printed()).contains("audit faults: ");
  }

  /** v1 deployed and healthy, v2 rolled back, every transition in a log signed with {@link #KEY}. */
  private void writeTwoVersionsWithASignedLog() {
    RetryPolicy good = PolicyExample.build();
    try (FileAuditLog audit = FileAuditLog.builder(folder).clock(clock).hmacKey(KEY).open()) {
      RolloutEngine engine = RolloutEngine.builder()
          .target(target).metrics(metrics(0.99)).stateStore(FileStateStore.open(folder)).auditLog(audit)
          .clock(clock).sleeper(clock.sleeper()).build();
      engine.deploy(INTEGRATION, good, RolloutPlan.allAtOnce(), "alice", "first");
    }
    try (FileAuditLog audit = FileAuditLog.builder(folder).clock(clock).hmacKey(KEY).open()) {
      RolloutEngine engine = RolloutEngine.builder()
          .target(target).metrics(metrics(0.50)).stateStore(FileStateStore.open(folder)).auditLog(audit)
          .clock(clock).sleeper(clock.sleeper()).build();
      engine.deploy(INTEGRATION, good.toBuilder().maxRetries(9).build(),
          RolloutPlan.allAtOnce(), "alice", "more retries");
    }
  }

  /** Records what was applied, like a Genesys integration would keep it. */
  private static final class RecordingTarget implements PolicyTarget {
    static final io.github.eventretry.core.spi.TargetSnapshot BEFORE =
        io.github.eventretry.core.spi.TargetSnapshot.of("recording", "{\"hand_written\": true}");
    final List<Integer> splits = new ArrayList<>();
    final List<io.github.eventretry.core.spi.TargetSnapshot> restored = new ArrayList<>();
    final List<RetryPolicy> policies = new ArrayList<>();
    private long configurationVersion = 1;

    @Override
    public synchronized ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split) {
      splits.add(split.percent());
      policies.add(policy);
      configurationVersion++;
      return new ApplyResult(integrationId, policy.fingerprint(), split, configurationVersion);
    }

    @Override
    public io.github.eventretry.core.spi.TargetSnapshot read(String integrationId) {
      return BEFORE;
    }

    @Override
    public synchronized io.github.eventretry.core.spi.RestoreResult restore(String integrationId,
        io.github.eventretry.core.spi.TargetSnapshot snapshot) {
      restored.add(snapshot);
      configurationVersion++;
      return new io.github.eventretry.core.spi.RestoreResult(integrationId, snapshot,
          configurationVersion);
    }
  }

  /** A clock that moves only when its sleeper is called. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-11-29T10:00:00Z");

    synchronized void advance(Duration d) {
      now = now.plus(d);
    }

    Sleeper sleeper() {
      return this::advance;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }
  }
}
