package io.github.eventretry.state.contract;

import static io.github.eventretry.state.Fixtures.INTEGRATION;
import static io.github.eventretry.state.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.Fixtures;
import io.github.eventretry.state.LockHeldException;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.RolloutProgress;
import io.github.eventretry.state.StateConflictException;
import io.github.eventretry.state.VersionStatus;
import io.github.eventretry.state.audit.AuditCheckpoint;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditHead;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.spi.RolloutLease;
import io.github.eventretry.state.spi.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStore} must do. A new implementation (a database, say) extends this class
 * and returns a fresh, empty store from {@link #newStore()}; the file and in-memory stores run it.
 */
public abstract class StateStoreContract {
  protected static final UUID LINEAGE = UUID.fromString("0b9c7a52-1d0e-4f4e-9d7c-5c3a1e2f9b10");
  protected static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

  protected StateStore store;

  /** Returns a new, empty store. Called before each test. */
  protected abstract StateStore newStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  /** A state with the baseline, one active version, an unfinished rollout and a checkpoint. */
  protected static DeploymentState sample(long serial) {
    PolicyVersion v1 = PolicyVersion.builder("v1", T, policy(5), "alice").split(TrafficSplit.ofPercent(10))
        .status(VersionStatus.ACTIVE).configurationVersion(OptionalLong.of(12)).reason("first").build()
        .withStatus(VersionStatus.ACTIVE, T.plusSeconds(60), "alice", "completed its rollout");
    PolicyVersion v2 = PolicyVersion.builder("v2", T.plusSeconds(90), policy(6), "bob")
        .reason("more \u001b retries").unchecked(true).build();
    return DeploymentState.builder(INTEGRATION, LINEAGE).serial(serial)
        .putVersion(PolicyVersion.baseline(T, TargetSnapshot.of("fake", Fixtures.BASELINE_JSON), "alice"))
        .putVersion(v1).putVersion(v2).activeVersionId(Optional.of("v1"))
        .rollout(Optional.of(RolloutProgress.start("v2", RolloutPlan.canary(), T.plusSeconds(90))
            .at(1, RolloutProgress.Phase.BAKING, 1, T.plusSeconds(95)).reachedTarget()))
        .auditCheckpoint(Optional.of(new AuditCheckpoint(Optional.of(new AuditHead(3, "0f".repeat(32))),
            AuditEntry.of("stage_applied", "bob").withVersion("v2", policy(6).fingerprint())
                .withDetail("integration_id", INTEGRATION).withDetail("state_serial", Long.toString(serial)))))
        .build();
  }

  @Test
  void nothingIsStoredBeforeTheFirstSave() {
    assertThat(store.load(INTEGRATION)).isEmpty();
    assertThat(store.locks(INTEGRATION)).isEmpty();
  }

  @Test
  void aSavedStateLoadsExactly() {
    DeploymentState s = sample(1);
    assertThat(store.compareAndSet(0, s)).isEqualTo(s);
    assertThat(store.load(INTEGRATION)).contains(s);
    DeploymentState next = s.toBuilder().nextSerial().rollout(Optional.empty()).build();
    store.compareAndSet(1, next);
    assertThat(store.load(INTEGRATION)).contains(next);
  }

  @Test
  void compareAndSetRefusesAStaleSerialAndAnUnrelatedLineage() {
    DeploymentState s = sample(1);
    store.compareAndSet(0, s);

    assertThatThrownBy(() -> store.compareAndSet(0, s)).isInstanceOf(StateConflictException.class);
    DeploymentState.Builder other = DeploymentState.builder(INTEGRATION, UUID.randomUUID()).serial(2);
    assertThatThrownBy(() -> store.compareAndSet(1, other.build()))
        .isInstanceOf(StateConflictException.class);
    assertThatThrownBy(() -> store.compareAndSet(1, s)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedSerial + 1 = 2");
    assertThat(store.load(INTEGRATION)).contains(s);
  }

  @Test
  void aLeaseIsExclusiveNamesItsHolderAndCanBeTakenAgainOnceClosed() {
    try (RolloutLease lease = store.acquireRolloutLease(INTEGRATION, "carol")) {
      assertThat(lease.holder().owner()).isEqualTo("carol");
      assertThat(store.locks(INTEGRATION)).extracting(l -> l.owner()).contains("carol");
      assertThatThrownBy(() -> store.acquireRolloutLease(INTEGRATION, "dave"))
          .isInstanceOfSatisfying(LockHeldException.class, e -> {
            assertThat(e.integrationId()).isEqualTo(INTEGRATION);
            assertThat(e.holder()).map(h -> h.owner()).contains("carol");
            assertThat(e.holderStatus()).isEqualTo(LockHeldException.HolderStatus.RUNNING);
          });
      assertThatThrownBy(() -> store.clearStaleLocks(INTEGRATION))
          .isInstanceOf(LockHeldException.class);
      lease.close();
      lease.close();
    }
    try (RolloutLease again = store.acquireRolloutLease(INTEGRATION, "dave")) {
      assertThat(again.holder().owner()).isEqualTo("dave");
    }
    assertThat(store.locks(INTEGRATION)).isEmpty();
    assertThat(store.clearStaleLocks(INTEGRATION)).isEmpty();
  }

  @Test
  void leasesOfDifferentIntegrationsDoNotMeet() {
    try (RolloutLease a = store.acquireRolloutLease(INTEGRATION, "carol");
        RolloutLease b = store.acquireRolloutLease("another-integration", "dave")) {
      assertThat(a.holder().owner()).isEqualTo("carol");
      assertThat(b.holder().owner()).isEqualTo("dave");
    }
  }

  @Test
  void refusesIntegrationIdsThatAreNotSafeNames() {
    assertThatThrownBy(() -> store.load("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.acquireRolloutLease("a/b", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentChangesNeverLoseAnUpdate() throws Exception {
    store.compareAndSet(0, sample(1));
    int threads = 4;
    int perThread = 10;
    AtomicInteger done = new AtomicInteger();
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        int mine = 0;
        for (int attempt = 0; mine < perThread && attempt < 100_000; attempt++) {
          DeploymentState cur = store.load(INTEGRATION).orElseThrow();
          try {
            store.compareAndSet(cur.serial(), cur.toBuilder().nextSerial().build());
            mine++;
          } catch (StateConflictException | LockHeldException e) {
            Thread.onSpinWait();
          }
        }
        done.addAndGet(mine);
      });
      ts.add(th);
      th.start();
    }
    for (Thread th : ts) {
      th.join();
    }
    assertThat(done).hasValue(threads * perThread);
    assertThat(store.load(INTEGRATION).orElseThrow().serial()).isEqualTo(1 + threads * perThread);
  }
}
