package io.github.eventretry.state;

import static io.github.eventretry.state.Fixtures.INTEGRATION;
import static io.github.eventretry.state.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.state.audit.AuditCheckpoint;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditHead;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.Fixtures.ManualClock;
import io.github.eventretry.state.internal.LockFiles;
import io.github.eventretry.state.spi.RolloutLease;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class FileStateStoreTest {
  static final UUID LINEAGE = UUID.fromString("0b9c7a52-1d0e-4f4e-9d7c-5c3a1e2f9b10");

  @TempDir Path dir;
  final ManualClock clock = new ManualClock();

  static final java.time.Instant T = java.time.Instant.parse("2026-11-29T10:00:00Z");

  public static DeploymentState withOneVersion() {
    DeploymentState s = DeploymentState.create(INTEGRATION, LINEAGE);
    PolicyVersion baseline = PolicyVersion.baseline(T, TargetSnapshot.of("fake", Fixtures.BASELINE_JSON),
        "alice");
    PolicyVersion v = PolicyVersion.builder("v1", T, policy(5), "alice").split(TrafficSplit.ofPercent(10))
        .status(VersionStatus.ACTIVE).configurationVersion(OptionalLong.of(12)).reason("first").build();
    return s.toBuilder().nextSerial().putVersion(baseline).putVersion(v)
        .activeVersionId(Optional.of("v1")).build();
  }

  @Test
  void aFolderIsCreatedByTheFirstLockAndALeaseThatRecordedNothingRemovesIt() throws Exception {
    Path folder = dir.resolve("not-yet").resolve("state");
    FileStateStore store = FileStateStore.open(folder, clock);
    try (io.github.eventretry.state.audit.FileAuditLog log =
        io.github.eventretry.state.audit.FileAuditLog.open(folder)) {
      assertThat(store.integrations()).isEmpty();
      assertThat(store.load(INTEGRATION)).isEmpty();
      assertThat(log.verify().recordsChecked()).isZero();
      assertThat(log.head()).isEmpty();
      assertThat(log.repairTornTail()).isZero();
      assertThat(folder).as("opening creates nothing").doesNotExist();

      try (RolloutLease lease = store.acquireRolloutLease(INTEGRATION, "alice")) {
        assertThat(folder.resolve(INTEGRATION + ".rollout.lock")).exists();
      }
      assertThat(folder).as("the lease created the folder and left it empty").doesNotExist();

      try (RolloutLease lease = store.acquireRolloutLease(INTEGRATION, "alice")) {
        store.compareAndSet(0, withOneVersion());
        log.append(AuditEntry.of("deploy_started", "alice"));
      }
      assertThat(store.integrations()).containsExactly(INTEGRATION);
      assertThat(log.file()).exists();
      assertThat(log.verify().recordsValid()).isEqualTo(1);
    }
    // A lease on a folder it did not create leaves the folder, even empty.
    Path existing = Files.createDirectories(dir.resolve("existing"));
    try (RolloutLease lease = FileStateStore.open(existing, clock).acquireRolloutLease(INTEGRATION, "bob")) {
      assertThat(lease.holder().owner()).isEqualTo("bob");
    }
    assertThat(existing).isEmptyDirectory();
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThatThrownBy(() -> FileStateStore.open(file, clock)).isInstanceOf(StateStoreException.class)
        .hasMessageContaining("is not a folder");
  }

  @Test
  void savesAndLoadsStateExactly() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    DeploymentState s = withOneVersion();
    DeploymentState withRollout = s.toBuilder().nextSerial()
        .rollout(Optional.of(RolloutProgress.start("v1", RolloutPlan.canary(), clock.instant())
            .at(1, RolloutProgress.Phase.BAKING, 1, clock.instant()).reachedTarget()
            .stopped(clock.instant().plusSeconds(3))))
        .auditCheckpoint(Optional.of(new AuditCheckpoint(Optional.of(new AuditHead(4, "ab".repeat(32))),
            AuditEntry.of("stage_applied", "alice").withDetail("integration_id", INTEGRATION)
                .withDetail("state_serial", "2"))))
        .build();

    store.compareAndSet(0, s);
    store.compareAndSet(1, withRollout);

    DeploymentState loaded = FileStateStore.open(dir).load(INTEGRATION).orElseThrow();
    assertThat(loaded).isEqualTo(withRollout);
    assertThat(loaded.active().orElseThrow().fingerprint().orElseThrow()).isEqualTo(policy(5).fingerprint());
    assertThat(store.integrations()).containsExactly(INTEGRATION);
    assertThat(store.load("other")).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(INTEGRATION + ".state.json");
    }
  }

  @Test
  void compareAndSetRefusesAStaleSerialAndAnUnrelatedLineage() {
    FileStateStore store = FileStateStore.open(dir, clock);
    DeploymentState s = withOneVersion();
    store.compareAndSet(0, s);

    assertThatThrownBy(() -> store.compareAndSet(0, s))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("serial 1, not the expected 0");
    DeploymentState.Builder b = DeploymentState.builder(INTEGRATION, UUID.randomUUID()).serial(2)
        .activeVersionId(s.activeVersionId());
    s.versions().forEach(b::putVersion);
    DeploymentState other = b.build();
    assertThatThrownBy(() -> store.compareAndSet(1, other))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("unrelated lineage");
    assertThatThrownBy(() -> store.compareAndSet(1, s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedSerial + 1 = 2");
  }

  @Test
  void aCorruptFileIsReportedByNameAndLeftUntouched() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    store.compareAndSet(0, withOneVersion());
    Path file = store.stateFile(INTEGRATION);
    byte[] corrupt = Files.readString(file).replace("\"max_retries\": 5", "\"max_retries\": 50")
        .getBytes(StandardCharsets.UTF_8);
    Files.write(file, corrupt);

    assertThatThrownBy(() -> store.load(INTEGRATION))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("max_retries")
        .hasMessageContaining("left untouched");
    assertThatThrownBy(() -> store.compareAndSet(1, withOneVersion().toBuilder().nextSerial().build()))
        .isInstanceOf(CorruptStateException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(corrupt);

    Files.writeString(file, "{\"schema_version\": 3, \"whatever\": true}");
    assertThatThrownBy(() -> store.load(INTEGRATION))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("schema_version 3")
        .hasMessageContaining("reads schema_version 1 and 2 only")
        .hasMessageContaining(file.toString());
    assertThat(Files.readString(file)).isEqualTo("{\"schema_version\": 3, \"whatever\": true}");

    Files.writeString(file, "{\"schema_ver");
    assertThatThrownBy(() -> store.load(INTEGRATION)).isInstanceOf(CorruptStateException.class);
  }

  @Test
  void aFingerprintThatDoesNotMatchItsPolicyIsCorruption() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    store.compareAndSet(0, withOneVersion());
    Path file = store.stateFile(INTEGRATION);
    Files.writeString(file, Files.readString(file).replace(policy(5).fingerprint().value(),
        policy(6).fingerprint().value()));

    assertThatThrownBy(() -> store.load(INTEGRATION))
        .isInstanceOf(CorruptStateException.class).hasMessageContaining("is not the fingerprint");
  }

  @Test
  void aHeldStateLockRefusesAChangeAndAStaleOneIsClearedOnlyOnRequest() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    long deadPid = deadPid();
    Path lock = dir.resolve(INTEGRATION + ".state.lock");
    LockInfo dead = new LockInfo("deployer", deadPid, LockFiles.host(), clock.instant(), "x-1");
    assertThat(LockFiles.tryCreate(lock, dead)).isTrue();

    assertThatThrownBy(() -> store.compareAndSet(0, withOneVersion()))
        .isInstanceOf(LockHeldException.class)
        .hasMessageContaining("pid " + deadPid)
        .hasMessageContaining("no longer running")
        .satisfies(e -> assertThat(((LockHeldException) e).holder()).contains(dead))
        .satisfies(e -> assertThat(((LockHeldException) e).holderStatus())
            .isEqualTo(LockHeldException.HolderStatus.GONE));
    // still there: nothing clears it silently
    assertThatThrownBy(() -> store.compareAndSet(0, withOneVersion()))
        .isInstanceOf(LockHeldException.class);
    assertThat(store.locks(INTEGRATION)).containsExactly(dead);

    assertThat(store.clearStaleLocks(INTEGRATION)).containsExactly(dead);
    store.compareAndSet(0, withOneVersion());
    assertThat(store.locks(INTEGRATION)).isEmpty();
  }

  @Test
  void aLiveLockIsNotStale() {
    FileStateStore store = FileStateStore.open(dir, clock);
    try (RolloutLease lease = store.acquireRolloutLease(INTEGRATION, "alice")) {
      assertThatThrownBy(() -> store.clearStaleLocks(INTEGRATION))
          .isInstanceOf(LockHeldException.class).hasMessageContaining("still running");
      assertThatThrownBy(() -> store.acquireRolloutLease(INTEGRATION, "bob"))
          .isInstanceOf(LockHeldException.class)
          .hasMessageContaining("alice (pid " + ProcessHandle.current().pid());
      assertThat(lease.holder().owner()).isEqualTo("alice");
    }
    try (RolloutLease again = store.acquireRolloutLease(INTEGRATION, "bob")) {
      assertThat(again.holder().owner()).isEqualTo("bob");
    }
  }

  @Test
  void aDeadProcesssRolloutLockSaysSo() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    LockInfo dead = new LockInfo("deployer", deadPid(), LockFiles.host(), clock.instant(), "x-2");
    LockFiles.tryCreate(dir.resolve(INTEGRATION + ".rollout.lock"), dead);

    assertThatThrownBy(() -> store.acquireRolloutLease(INTEGRATION, "bob"))
        .isInstanceOf(LockHeldException.class)
        .hasMessageContaining("no longer running")
        .hasMessageContaining("can be cleared");
    assertThat(store.clearStaleLocks(INTEGRATION)).containsExactly(dead);
    store.acquireRolloutLease(INTEGRATION, "bob").close();
  }

  @Test
  void aLockFromAnotherHostNeedsTheForcedClear() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    LockInfo remote = new LockInfo("deployer", 1, "elsewhere.example", clock.instant(), "x-3");
    LockFiles.tryCreate(dir.resolve(INTEGRATION + ".rollout.lock"), remote);

    assertThatThrownBy(() -> store.clearStaleLocks(INTEGRATION))
        .isInstanceOf(LockHeldException.class).hasMessageContaining("cannot be told from this host");
    assertThat(store.forceClearLocks(INTEGRATION)).containsExactly(remote);
  }

  @Test
  void clearingStaleLocksLeavesTheTempFilesOfAnIdWithADotAlone() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    long dead = deadPid();
    Path mine = dir.resolve("abc.state.json.tmp-" + dead + "-1");
    Path other = dir.resolve("abc.def.state.json.tmp-" + dead + "-1");
    Path otherLock = dir.resolve("abc.def.rollout.lock.tmp-" + dead + "-2");
    Files.write(mine, new byte[] {1});
    Files.write(other, new byte[] {1});
    Files.write(otherLock, new byte[] {1});

    store.clearStaleLocks("abc");

    assertThat(mine).doesNotExist();
    assertThat(other).exists();
    assertThat(otherLock).exists();
    store.clearStaleLocks("abc.def");
    assertThat(other).doesNotExist();
    assertThat(otherLock).doesNotExist();
  }

  @Test
  void theBaselineSnapshotIsStoredVerbatim() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    store.compareAndSet(0, withOneVersion());

    String file = Files.readString(store.stateFile(INTEGRATION));
    assertThat(file).contains("\"json\": \"{ \\\"custom\\\" : [1, 2.50], \\\"note\\\":\\\"kept as is\\\" }\"");
    assertThat(store.load(INTEGRATION).orElseThrow().baseline().orElseThrow().snapshot().orElseThrow().json())
        .isEqualTo(Fixtures.BASELINE_JSON);
    Files.writeString(store.stateFile(INTEGRATION), file.replace("kept as is", "changed"));
    assertThatThrownBy(() -> store.load(INTEGRATION)).isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("snapshot.digest is not the digest of its json");
  }

  @Test
  void aStateFileWrittenByVersion01StillLoads() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    LegacyFiles.copyInto(dir);

    DeploymentState s = store.load(LegacyFiles.INTEGRATION).orElseThrow();

    assertThat(s.baseline()).isEmpty();
    assertThat(s.versions()).extracting(PolicyVersion::id).containsExactly("v1", "v2", "v3");
    assertThat(s.activeVersionId()).contains("v1");
    assertThat(s.auditCheckpoint()).isEmpty();
    assertThat(s.rollbackTarget()).isEmpty();
    assertThat(s.versions()).allSatisfy(v -> assertThat(v.changes()).isEmpty());
  }

  @Test
  void rejectsIntegrationIdsThatAreNotSafeFileNames() {
    FileStateStore store = FileStateStore.open(dir, clock);
    assertThatThrownBy(() -> store.load("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../etc/passwd");
    assertThatThrownBy(() -> store.load(".hidden")).isInstanceOf(IllegalArgumentException.class);
  }

  static long deadPid() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-version").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor();
    return p.pid();
  }

}
