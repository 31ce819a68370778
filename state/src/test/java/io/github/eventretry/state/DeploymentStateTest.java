package io.github.eventretry.state;

import static io.github.eventretry.state.Fixtures.INTEGRATION;
import static io.github.eventretry.state.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.state.internal.StateCodec;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutStage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeploymentStateTest {
  static final UUID LINEAGE = UUID.fromString("0b9c7a52-1d0e-4f4e-9d7c-5c3a1e2f9b10");
  static final Instant T = Instant.parse("2026-11-29T10:00:00Z");
  static final PolicyVersion BASELINE =
      PolicyVersion.baseline(T, TargetSnapshot.of("fake", Fixtures.BASELINE_JSON), "alice");

  static PolicyVersion version(String id, RetryPolicy p, VersionStatus s) {
    return PolicyVersion.builder(id, T, p, "alice").status(s).build();
  }

  static DeploymentState history(VersionStatus... statuses) {
    DeploymentState.Builder b = DeploymentState.builder(INTEGRATION, LINEAGE).putVersion(BASELINE);
    for (int i = 0; i < statuses.length; i++) {
      b.putVersion(version("v" + (i + 1), policy(i + 1), statuses[i]));
      if (statuses[i] == VersionStatus.ACTIVE) {
        b.activeVersionId(Optional.of("v" + (i + 1)));
      }
    }
    return b.build();
  }

  @Test
  void queriesHistoryActiveAndTheBaseline() {
    DeploymentState s = history(VersionStatus.SUPERSEDED, VersionStatus.ACTIVE, VersionStatus.ROLLED_BACK)
        .toBuilder().nextSerial().build();

    assertThat(s.history()).extracting(PolicyVersion::id).containsExactly("v0", "v1", "v2", "v3");
    assertThat(s.active()).map(PolicyVersion::id).contains("v2");
    assertThat(s.baseline()).contains(BASELINE);
    assertThat(s.nextVersionId()).isEqualTo("v4");
    assertThat(s.version("v9")).isEmpty();
    assertThat(s.version("x")).isEmpty();
    assertThat(s.serial()).isEqualTo(1);
    assertThat(s.toString()).contains("serial=1").contains("active=v2").contains("versions=v0..v3");
    assertThat(DeploymentState.create(INTEGRATION, LINEAGE).nextVersionId()).isEqualTo("v1");
  }

  @Test
  void aRollbackGoesToTheMostRecentEarlierVersionThatCompletedOrTheBaseline() {
    DeploymentState s = history(VersionStatus.SUPERSEDED, VersionStatus.FAILED, VersionStatus.ROLLED_BACK,
        VersionStatus.ACTIVE);
    assertThat(s.rollbackTarget()).map(PolicyVersion::id).contains("v1");
    assertThat(s.rollbackTarget("v1")).map(PolicyVersion::id).contains("v0");
    assertThat(s.rollbackTarget("v0")).isEmpty();
    assertThat(s.rollbackTarget("v99")).isEmpty();

    DeploymentState legacy = DeploymentState.builder(INTEGRATION, LINEAGE)
        .putVersion(version("v1", policy(1), VersionStatus.ACTIVE))
        .activeVersionId(Optional.of("v1")).build();
    assertThat(legacy.baseline()).isEmpty();
    assertThat(legacy.rollbackTarget()).isEmpty();
  }

  @Test
  void aVersionKeepsItsReasonAndListsLaterChangesBesideIt() {
    PolicyVersion v = PolicyVersion.builder("v1", T, policy(5), "alice").reason("raise retries").build();
    PolicyVersion later = v.withStatus(VersionStatus.ACTIVE, T.plusSeconds(60), "alice", "completed")
        .withStatus(VersionStatus.ROLLED_BACK, T.plusSeconds(120), "bob", "manual rollback: paged");

    assertThat(later.reason()).isEqualTo("raise retries");
    assertThat(later.changes()).extracting(StatusChange::status)
        .containsExactly(VersionStatus.ACTIVE, VersionStatus.ROLLED_BACK);
    assertThat(later.lastChange()).map(StatusChange::actor).contains("bob");
    assertThatThrownBy(() -> later.changes().add(later.changes().get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void diffListsEveryFieldThatDiffersAndTheBaselineHasNoPolicyFields() {
    RetryPolicy a = policy(5);
    RetryPolicy b = a.toBuilder().maxRetries(7).jitter(Jitter.full()).noDeadLetterQueue().build();
    DeploymentState s = DeploymentState.builder(INTEGRATION, LINEAGE).putVersion(BASELINE)
        .putVersion(version("v1", a, VersionStatus.SUPERSEDED))
        .putVersion(version("v2", b, VersionStatus.ACTIVE)).build();

    VersionDiff d = s.diff("v1", "v2");

    assertThat(d.policyChanges()).extracting(VersionDiff.FieldChange::field).containsExactly(
        "policy.dead_letter_queue_arn", "policy.jitter.factor", "policy.jitter.mode", "policy.max_retries");
    assertThat(d.changes()).extracting(VersionDiff.FieldChange::field).contains("fingerprint", "status");
    VersionDiff.FieldChange retries = d.changes().stream()
        .filter(c -> c.field().equals("policy.max_retries")).findFirst().orElseThrow();
    assertThat(retries.from()).contains("5");
    assertThat(retries.to()).contains("7");
    assertThat(s.diff("v1", "v1").isEmpty()).isTrue();
    assertThatThrownBy(() -> s.diff("v1", "v3")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no version v3 in the state of " + INTEGRATION + " (it has v0..v2)");

    VersionDiff fromBaseline = s.diff("v0", "v1");
    assertThat(fromBaseline.policyChanges()).allSatisfy(c -> assertThat(c.from()).isEmpty());
    assertThat(fromBaseline.changes()).filteredOn(c -> c.field().equals("baseline")).singleElement()
        .satisfies(c -> assertThat(c.from()).contains(BASELINE.digest()));
  }

  @Test
  void rejectsInconsistentStatesAndVersions() {
    assertThatThrownBy(() -> DeploymentState.builder(INTEGRATION, LINEAGE)
        .putVersion(version("v2", policy(5), VersionStatus.ACTIVE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nor the next one");
    assertThatThrownBy(() -> DeploymentState.builder(INTEGRATION, LINEAGE)
        .activeVersionId(Optional.of("v1")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("activeVersionId v1");
    assertThatThrownBy(() -> PolicyVersion.builder("v0", T, policy(5), "alice").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v0 is the baseline");
    assertThatThrownBy(() -> PolicyVersion.builder("1", T, policy(5), "alice").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejected: 1");
    assertThatThrownBy(() -> PolicyVersion.builder("v1", T, policy(5), "alice")
        .status(VersionStatus.BASELINE).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only to v0");
    assertThatThrownBy(() -> DeploymentState.create("a/b", LINEAGE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejected: a/b");
    assertThatThrownBy(() -> DeploymentState.create("a\u001b[2Jb", LINEAGE))
        .hasMessageContaining("rejected: a\\u001b[2Jb");
  }

  @Test
  void buildCopiesSoTheBuilderCanGoOn() {
    DeploymentState.Builder b = DeploymentState.builder(INTEGRATION, LINEAGE).putVersion(BASELINE);
    DeploymentState one = b.build();
    b.putVersion(version("v1", policy(5), VersionStatus.PENDING)).nextSerial();
    DeploymentState two = b.build();

    assertThat(one.versions()).hasSize(1);
    assertThat(one.serial()).isZero();
    assertThat(two.versions()).hasSize(2);
    assertThat(one.toBuilder().build()).isEqualTo(one).hasSameHashCodeAs(one);
  }

  @Test
  void theCodecRoundTripsEveryFieldOfSchema2() throws Exception {
    RolloutPlan plan = RolloutPlan.canary().withBakeTime(Duration.ofSeconds(30));
    DeploymentState s = history(VersionStatus.SUPERSEDED, VersionStatus.ACTIVE).toBuilder().serial(9)
        .putVersion(version("v3", policy(9), VersionStatus.PENDING).toBuilder().unchecked(true)
            .reason("why \u001b not").build()
            .withStatus(VersionStatus.PENDING, T.plusSeconds(1), "carol", "resumed"))
        .rollout(Optional.of(RolloutProgress.start("v3", plan, T).rollingBack(Optional.of("v2"), T)
            .stopped(T.plusSeconds(9))))
        .build();

    byte[] bytes = StateCodec.write(s);

    assertThat(StateCodec.read(bytes)).isEqualTo(s);
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\n  \"schema_version\": 2,").contains("\"rollback_to\": \"v2\"");
  }

  @Test
  void plansHavePresetsAndRefuseShrinkingSplitsAndBakesBeyondADay() {
    assertThat(RolloutPlan.canary().stages()).extracting(st -> st.split().percent()).containsExactly(10, 50, 100);
    assertThat(RolloutPlan.allAtOnce().stages()).extracting(st -> st.split().percent()).containsExactly(100);
    assertThat(RolloutPlan.linear(4).stages()).extracting(st -> st.split().percent())
        .containsExactly(25, 50, 75, 100);
    assertThat(RolloutPlan.linear(3).stages()).extracting(st -> st.split().percent())
        .containsExactly(34, 67, 100);
    assertThat(RolloutPlan.canary().describe()).isEqualTo("10% -> 50% -> 100%");
    assertThat(RolloutPlan.canary().splits()).containsExactly(TrafficSplit.ofPercent(10),
        TrafficSplit.ofPercent(50), TrafficSplit.FULL);
    assertThatThrownBy(() -> RolloutPlan.of(RolloutStage.of(50), RolloutStage.of(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not decrease");
    assertThatThrownBy(() -> RolloutStage.of(10).withSuccessThreshold(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    assertThatThrownBy(() -> RolloutStage.of(10).withFailureLimit(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RolloutStage.of(10).withBakeTime(Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 24 hours");
    assertThatThrownBy(() -> RolloutPlan.linear(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(RolloutStage.of(10).withBakeTime(Duration.ZERO).withMinimumSample(0).unchecked()).isTrue();
    assertThat(RolloutStage.of(10).withBakeTime(Duration.ZERO).unchecked()).isFalse();
  }
}
