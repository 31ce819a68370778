package io.github.eventretry.state;

import static io.github.eventretry.state.Fixtures.INTEGRATION;
import static io.github.eventretry.state.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.TrafficSplit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeploymentStateTest {
  static final UUID LINEAGE = UUID.fromString("0b9c7a52-1d0e-4f4e-9d7c-5c3a1e2f9b10");
  static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

  static PolicyVersion version(String id, io.github.eventretry.core.RetryPolicy p, VersionStatus s) {
    return new PolicyVersion(id, T, p, p.fingerprint(), TrafficSplit.FULL, s, "alice", OptionalLong.empty(), "");
  }

  @Test
  void queriesHistoryActiveAndLastKnownGood() {
    DeploymentState s = DeploymentState.create(INTEGRATION, LINEAGE).toBuilder().nextSerial()
        .putVersion(version("v1", policy(5), VersionStatus.SUPERSEDED))
        .putVersion(version("v2", policy(6), VersionStatus.ACTIVE))
        .putVersion(version("v3", policy(7), VersionStatus.ROLLED_BACK))
        .activeVersionId(Optional.of("v2")).lastKnownGoodVersionId(Optional.of("v2")).build();

    assertThat(s.history()).extracting(PolicyVersion::id).containsExactly("v1", "v2", "v3");
    assertThat(s.active()).map(PolicyVersion::id).contains("v2");
    assertThat(s.lastKnownGood()).map(PolicyVersion::policy).contains(policy(6));
    assertThat(s.nextVersionId()).isEqualTo("v4");
    assertThat(s.version("v9")).isEmpty();
    assertThat(s.version("x")).isEmpty();
    assertThat(s.serial()).isEqualTo(1);
    assertThat(s.toString()).contains("serial=1").contains("active=v2");
  }

  @Test
  void diffListsEveryFieldThatDiffers() {
    io.github.eventretry.core.RetryPolicy a = policy(5);
    io.github.eventretry.core.RetryPolicy b = a.toBuilder().maxRetries(7).jitter(Jitter.full())
        .noDeadLetterQueue().build();
    DeploymentState s = DeploymentState.create(INTEGRATION, LINEAGE).toBuilder()
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
    assertThat(d.changes().get(0).to()).isEmpty();
    assertThat(s.diff("v1", "v1").isEmpty()).isTrue();
    assertThatThrownBy(() -> s.diff("v1", "v3")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no version v3");
  }

  @Test
  void rejectsInconsistentStates() {
    assertThatThrownBy(() -> new DeploymentState(INTEGRATION, LINEAGE, 0, 1,
        List.of(version("v2", policy(5), VersionStatus.ACTIVE)), Optional.empty(), Optional.empty(),
        Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must have id v1");
    assertThatThrownBy(() -> new DeploymentState(INTEGRATION, LINEAGE, 0, 1, List.of(), Optional.of("v1"),
        Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("activeVersionId v1");
    assertThatThrownBy(() -> new PolicyVersion("v1", T, policy(5), policy(6).fingerprint(),
        TrafficSplit.FULL, VersionStatus.ACTIVE, "alice", OptionalLong.empty(), ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not the fingerprint");
    assertThatThrownBy(() -> new PolicyVersion("1", T, policy(5), policy(5).fingerprint(),
        TrafficSplit.FULL, VersionStatus.ACTIVE, "alice", OptionalLong.empty(), ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejected: 1");
    assertThatThrownBy(() -> DeploymentState.create(INTEGRATION, LINEAGE).toBuilder()
        .putVersion(version("v3", policy(5), VersionStatus.ACTIVE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(v1)");
  }

  @Test
  void plansHavePresetsAndRefuseShrinkingSplits() {
    assertThat(RolloutPlan.canary().stages()).extracting(st -> st.split().percent()).containsExactly(10, 50, 100);
    assertThat(RolloutPlan.allAtOnce().stages()).extracting(st -> st.split().percent()).containsExactly(100);
    assertThat(RolloutPlan.linear(4).stages()).extracting(st -> st.split().percent())
        .containsExactly(25, 50, 75, 100);
    assertThat(RolloutPlan.linear(3).stages()).extracting(st -> st.split().percent())
        .containsExactly(34, 67, 100);
    assertThat(RolloutPlan.canary().stages().get(0).successThreshold()).isEqualTo(0.95);
    assertThatThrownBy(() -> RolloutPlan.of(RolloutStage.of(50), RolloutStage.of(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not decrease");
    assertThatThrownBy(() -> RolloutStage.of(10).withSuccessThreshold(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    assertThatThrownBy(() -> RolloutStage.of(10).withFailureLimit(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RolloutPlan.linear(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
