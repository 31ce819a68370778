package io.github.eventretry.state;

import static io.github.eventretry.state.Fixtures.INTEGRATION;
import static io.github.eventretry.state.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.TrafficSplit;
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

class FileStateStoreTest {
  static final UUID LINEAGE = UUID.fromString("0b9c7a52-1d0e-4f4e-9d7c-5c3a1e2f9b10");

  @TempDir Path dir;
  final ManualClock clock = new ManualClock();

  static DeploymentState withOneVersion() {
    DeploymentState s = DeploymentState.create(INTEGRATION, LINEAGE);
    PolicyVersion v = new PolicyVersion("v1", java.time.Instant.parse("2026-11-29T10:00:00Z"), policy(5),
        policy(5).fingerprint(), TrafficSplit.ofPercent(10), VersionStatus.ACTIVE, "alice",
        OptionalLong.of(12), "first");
    return s.toBuilder().nextSerial().putVersion(v).activeVersionId(Optional.of("v1"))
        .lastKnownGoodVersionId(Optional.of("v1")).build();
  }

  @Test
  void savesAndLoadsStateExactly() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    DeploymentState s = withOneVersion();
    DeploymentState withRollout = s.toBuilder().nextSerial()
        .rollout(Optional.of(new RolloutProgress("v1", RolloutPlan.canary(), 1,
            RolloutProgress.Phase.BAKING, 1, clock.instant())))
        .build();

    store.compareAndSet(0, s);
    store.compareAndSet(1, withRollout);

    DeploymentState loaded = FileStateStore.open(dir).load(INTEGRATION).orElseThrow();
    assertThat(loaded).isEqualTo(withRollout);
    assertThat(loaded.active().orElseThrow().policy().fingerprint()).isEqualTo(policy(5).fingerprint());
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
    DeploymentState other = new DeploymentState(INTEGRATION, UUID.randomUUID(), 2, 1, s.versions(),
        s.activeVersionId(), s.lastKnownGoodVersionId(), Optional.empty());
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

    Files.writeString(file, "{\"schema_version\": 2, \"whatever\": true}");
    assertThatThrownBy(() -> store.load(INTEGRATION))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("schema_version 2")
        .hasMessageContaining(file.toString());
    assertThat(Files.readString(file)).isEqualTo("{\"schema_version\": 2, \"whatever\": true}");

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
        .isInstanceOf(StateLockedException.class)
        .hasMessageContaining("pid " + deadPid)
        .hasMessageContaining("clearStaleLocks")
        .satisfies(e -> assertThat(((StateLockedException) e).holder()).contains(dead));
    // still there: nothing clears it silently
    assertThatThrownBy(() -> store.compareAndSet(0, withOneVersion()))
        .isInstanceOf(StateLockedException.class);
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
          .isInstanceOf(StateLockedException.class).hasMessageContaining("still running");
      assertThatThrownBy(() -> store.acquireRolloutLease(INTEGRATION, "bob"))
          .isInstanceOf(ConcurrentRolloutException.class)
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
        .isInstanceOf(ConcurrentRolloutException.class)
        .hasMessageContaining("no longer running")
        .hasMessageContaining("clearStaleLocks");
    assertThat(store.clearStaleLocks(INTEGRATION)).containsExactly(dead);
    store.acquireRolloutLease(INTEGRATION, "bob").close();
  }

  @Test
  void aLockFromAnotherHostNeedsTheForcedClear() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    LockInfo remote = new LockInfo("deployer", 1, "elsewhere.example", clock.instant(), "x-3");
    LockFiles.tryCreate(dir.resolve(INTEGRATION + ".rollout.lock"), remote);

    assertThatThrownBy(() -> store.clearStaleLocks(INTEGRATION))
        .isInstanceOf(StateLockedException.class).hasMessageContaining("another host");
    assertThat(store.forceClearLocks(INTEGRATION)).containsExactly(remote);
  }

  @Test
  void concurrentChangesFromTwoThreadsNeverLoseAnUpdate() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    store.compareAndSet(0, withOneVersion());
    int threads = 4;
    int perThread = 15;
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> ts = new java.util.ArrayList<>();
    // A deadline, so that a lock that is never released fails the test instead of hanging it.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        int mine = 0;
        while (mine < perThread) {
          if (System.nanoTime() - deadline > 0) {
            timedOut.set(true);
            return;
          }
          DeploymentState cur = store.load(INTEGRATION).orElseThrow();
          try {
            store.compareAndSet(cur.serial(), cur.toBuilder().nextSerial().build());
            mine++;
          } catch (StateConflictException | StateLockedException e) {
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
    assertThat(timedOut).as("a thread gave up at the deadline (lock never released?)").isFalse();
    assertThat(store.load(INTEGRATION).orElseThrow().serial()).isEqualTo(1 + threads * perThread);
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
  void thePreviousActiveVersionIsSavedAndAFileWrittenWithoutItStillLoads() throws Exception {
    FileStateStore store = FileStateStore.open(dir, clock);
    DeploymentState one = withOneVersion();
    DeploymentState two = one.toBuilder().nextSerial().putVersion(new PolicyVersion("v2",
            java.time.Instant.parse("2026-11-29T11:00:00Z"), policy(6), policy(6).fingerprint(),
            TrafficSplit.FULL, VersionStatus.ACTIVE, "bob", OptionalLong.of(13), "second"))
        .putVersion(one.version("v1").orElseThrow().withStatus(VersionStatus.SUPERSEDED, "superseded by v2"))
        .activeVersionId(Optional.of("v2")).previousActiveVersionId(Optional.of("v1")).build();
    store.compareAndSet(0, one);
    store.compareAndSet(1, two);
    assertThat(store.load(INTEGRATION)).contains(two);
    assertThat(Files.readString(store.stateFile(INTEGRATION)))
        .contains("\"previous_active_version\": \"v1\"");

    String legacy = Files.readString(store.stateFile(INTEGRATION))
        .replace("  \"previous_active_version\": \"v1\",\n", "");
    assertThat(legacy).doesNotContain("previous_active_version");
    Files.writeString(store.stateFile(INTEGRATION), legacy);

    DeploymentState loaded = store.load(INTEGRATION).orElseThrow();
    assertThat(loaded.previousActiveVersionId()).isEmpty();
    assertThat(loaded.toBuilder().previousActiveVersionId(Optional.of("v1")).build()).isEqualTo(two);
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
