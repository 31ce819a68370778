package io.github.eventretry.state.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.FileAuditLog;
import io.github.eventretry.state.FileStateStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs deploy to the same integration at once: one proceeds, the other is turned away. */
class TwoProcessReliability {
  static final String ID = "7d3f0c1e-race";

  @Test
  void oneDeployerProceedsTheOtherGetsConcurrentRolloutException(@TempDir Path dir) throws Exception {
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
          .startsWith("concurrent a rollout of " + ID + " is already in progress, held by deployer-once"));
      assertThat(winner.lines()).anySatisfy(l -> assertThat(l).startsWith("result COMPLETED"));
      DeploymentState s = store.load(ID).orElseThrow();
      assertThat(s.serial()).isGreaterThan(lastSerial);
      assertThat(s.versions()).hasSize(round);
      assertThat(store.locks(ID)).isEmpty();
      lastSerial = s.serial();
    }
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      assertThat(log.verify().intact()).isTrue();
    }
  }
}
