package io.github.eventretry.state.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.FileStateStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs deploy to the same integration at once: one proceeds, the other is turned away naming the
 * holder. A deployer stopped with SIGINT (or SIGTERM) while it bakes releases its lock, and the next
 * deploy proceeds with no other step.
 */
class TwoProcessReliability {
  static final String ID = "7d3f0c1e-race";

  @Test
  void oneDeployerProceedsTheOtherGetsLockHeldException(@TempDir Path dir) throws Exception {
    FileStateStore store = FileStateStore.open(dir);
    long lastSerial = 0;
    for (int round = 1; round <= 3; round++) {
      ChildJvm a = new ChildJvm(dir.toString(), ID, "once", Integer.toString(round), "2500");
      ChildJvm b = new ChildJvm(dir.toString(), ID, "once", Integer.toString(100 + round), "2500");
      int ea = a.finish(120);
      int eb = b.finish(120);
      List<String> all = new java.util.ArrayList<>(a.lines());
      all.addAll(b.lines());
      assertThat(List.of(ea, eb)).as("exit codes, output %s", all).containsExactlyInAnyOrder(0, 3);
      ChildJvm loser = ea == 3 ? a : b;
      ChildJvm winner = ea == 3 ? b : a;
      assertThat(loser.lines()).anySatisfy(l -> assertThat(l)
          .startsWith("concurrent integration " + ID + " is locked by deployer-once (pid ")
          .contains("which is still running"));
      assertThat(winner.lines()).anySatisfy(l -> assertThat(l).startsWith("result COMPLETED"));
      DeploymentState s = store.load(ID).orElseThrow();
      assertThat(s.serial()).isGreaterThan(lastSerial);
      assertThat(s.versions()).hasSize(round + 1); // the baseline v0 and one version per round
      assertThat(store.locks(ID)).isEmpty();
      lastSerial = s.serial();
    }
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      assertThat(log.verify(List.of(store.load(ID).orElseThrow().auditExpectation())).intact()).isTrue();
    }
  }

  @Test
  void aDeployerStoppedBySignalWhileBakingReleasesItsLockAndTheNextDeployProceeds(@TempDir Path dir)
      throws Exception {
    String signal = Signals.childReactsToSigint() ? "INT" : "TERM";
    FileStateStore store = FileStateStore.open(dir);
    ChildJvm baker = new ChildJvm(dir.toString(), ID, "once", "7", "60000");
    assertThat(baker.awaitLine("step stage_applied", 60)).as("baker output %s", baker.lines()).isTrue();

    ChildJvm turnedAway = new ChildJvm(dir.toString(), ID, "once", "8", "10");
    assertThat(turnedAway.finish(120)).isEqualTo(3);
    assertThat(turnedAway.lines()).anySatisfy(l -> assertThat(l)
        .contains("pid " + baker.process.pid()).contains("which is still running"));

    baker.signal(signal);
    assertThat(baker.finish(60)).as("exit after SIG%s, output %s", signal, baker.lines())
        .isEqualTo(signal.equals("INT") ? 130 : 143);
    assertThat(baker.lines()).contains("step rollout_interrupted", "result INTERRUPTED v1 "
        + store.load(ID).orElseThrow().serial());
    assertThat(store.locks(ID)).isEmpty();
    assertThat(store.load(ID).orElseThrow().rollout()).hasValueSatisfying(
        p -> assertThat(p.stoppedAt()).isPresent());

    ChildJvm next = new ChildJvm(dir.toString(), ID, "once", "9", "10");
    assertThat(next.finish(120)).as("output %s", next.lines()).isZero();
    assertThat(next.lines()).contains("step rollout_abandoned")
        .anySatisfy(l -> assertThat(l).startsWith("result COMPLETED v2"));
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      assertThat(log.verify(List.of(store.load(ID).orElseThrow().auditExpectation())).intact()).isTrue();
    }
  }
}
