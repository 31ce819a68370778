package io.github.eventretry.state.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.VersionStatus;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM deploys in a loop and is stopped at moments drawn from a seeded generator: mostly killed
 * with SIGKILL ({@code destroyForcibly}), one round in four stopped with SIGINT or SIGTERM. After every
 * kill: the state loads, serials never go back, every version the child reported committed is in the
 * state as active or superseded, and the audit log verifies with at most a torn tail, which is reported
 * and then repaired by an explicit call. After every SIGINT or SIGTERM: the child exits 130 or 143, it
 * left no lock, the audit log is intact, and an unfinished rollout records that it was stopped.
 */
class CrashLoopReliability {
  static final String ID = "7d3f0c1e-crash-loop";
  static final int KILLS = Integer.getInteger("crashloop.kills", 60);
  static final long SEED = Long.getLong("crashloop.seed", 20261129L);

  @Test
  void stateAndAuditSurviveRepeatedSigkill(@TempDir Path dir) throws Exception {
    SplittableRandom rng = new SplittableRandom(SEED);
    Set<String> committed = new LinkedHashSet<>();
    long lastSerial = 0;
    int tornTails = 0;
    int injectedTears = 0;
    int interruptedRollouts = 0;
    int staleLocksCleared = 0;
    int gracefulStops = 0;
    int unrecorded = 0;
    boolean sigint = Signals.childReactsToSigint();
    FileStateStore store = FileStateStore.open(dir);
    for (int kill = 1; kill <= KILLS; kill++) {
      ChildJvm child = new ChildJvm(dir.toString(), ID, "loop", Long.toString(rng.nextLong()),
          Integer.toString(rng.nextInt(1, 5))); // bake ms: 0 with a minimum sample can never pass
      assertThat(child.awaitReady(60)).as("child %d ready", kill).isTrue();
      Thread.sleep(rng.nextInt(1, 600));
      int how = rng.nextInt(8);
      String signal = how == 0 && sigint ? "INT" : how <= 1 ? "TERM" : "KILL";
      if (signal.equals("KILL")) {
        child.process.destroyForcibly();
        child.finish(60);
      } else {
        child.signal(signal);
        int exit = child.finish(60);
        assertThat(exit).as("exit after SIG%s in round %d, output %s, stderr %s", signal, kill,
                child.lines(), child.stderr())
            .isEqualTo(signal.equals("INT") ? 130 : 143);
        assertThat(store.locks(ID)).as("locks after SIG%s", signal).isEmpty();
        try (FileAuditLog log = FileAuditLog.open(dir)) {
          assertThat(log.verify().faults()).as("audit after SIG%s", signal).isEmpty();
        }
        store.load(ID).flatMap(DeploymentState::rollout).ifPresent(p -> assertThat(p.stoppedAt())
            .as("an unfinished rollout after SIG%s records the stop", signal).isPresent());
        gracefulStops++;
      }
      for (String line : child.lines()) {
        if (line.startsWith("committed ")) {
          committed.add(line.substring("committed ".length()));
        }
      }

      staleLocksCleared += store.clearStaleLocks(ID).size();
      DeploymentState s = store.load(ID).orElse(null);
      if (s == null) {
        continue;
      }
      assertThat(s.serial()).as("serial after kill %d", kill).isGreaterThanOrEqualTo(lastSerial);
      lastSerial = s.serial();
      if (s.rollout().isPresent()) {
        interruptedRollouts++;
      }
      for (String vid : committed) {
        PolicyVersion v = s.version(vid).orElseThrow(() -> new AssertionError("committed " + vid + " missing"));
        assertThat(v.status()).as("status of committed %s", vid)
            .isIn(VersionStatus.ACTIVE, VersionStatus.SUPERSEDED);
      }
      if (kill % 10 == 0) {
        // SIGKILL does not interrupt a single write() of one line, so a power loss is simulated too: the
        // first bytes of a record reached the disk, the newline did not.
        java.nio.file.Files.write(dir.resolve(FileAuditLog.DEFAULT_FILE_NAME),
            "{\"action\":\"stage_appl".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.nio.file.StandardOpenOption.APPEND);
        injectedTears++;
      }
      try (FileAuditLog log = FileAuditLog.open(dir)) {
        AuditVerification v = log.verify();
        assertThat(v.faults()).extracting(AuditFault::kind).allMatch(k -> k == AuditFault.Kind.TORN_TAIL);
        if (!v.intact()) {
          tornTails++;
          assertThat(v.faults()).hasSize(1);
          assertThat(v.faults().get(0).line()).isEqualTo(v.recordsChecked());
          assertThatThrownBy(() -> log.append(io.github.eventretry.state.audit.AuditEntry.of("x", "test")))
              .hasMessageContaining("torn");
          assertThat(log.repairTornTail()).isPositive();
          assertThat(log.verify().intact()).isTrue();
        }
        // Against the state: at most the record of its last change is missing (killed between the
        // save and the append); the next child's resume writes it from the state.
        List<AuditFault> againstState = log.verify(List.of(s.auditExpectation())).faults();
        assertThat(againstState).as("audit against the state after round %d", kill)
            .extracting(AuditFault::kind).allMatch(k -> k == AuditFault.Kind.UNRECORDED_CHANGE);
        unrecorded += againstState.size();
      }
    }
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      Set<String> completedInAudit = log.records().stream()
          .filter(r -> r.action().equals("deploy_completed"))
          .map(r -> r.versionId().orElseThrow()).collect(Collectors.toSet());
      assertThat(completedInAudit).containsAll(committed);
      System.out.printf("crash loop: %d kills, %d versions committed, final serial %d, %d audit records,"
              + " %d torn tails reported and repaired (%d injected), %d interrupted rollouts found,"
              + " %d stale locks cleared, %d SIGINT/SIGTERM stops (SIGINT %s), %d unrecorded changes"
              + " found and written by the next resume%n",
          KILLS, committed.size(), lastSerial, log.head().map(AuditRecord::seq).orElse(0L), tornTails,
          injectedTears,
          interruptedRollouts, staleLocksCleared, gracefulStops, sigint ? "sent" : "ignored here",
          unrecorded);
    }
    assertThat(committed).isNotEmpty();
    assertThat(tornTails).isGreaterThanOrEqualTo(injectedTears);
    assertThat(gracefulStops).isPositive();
  }
}
