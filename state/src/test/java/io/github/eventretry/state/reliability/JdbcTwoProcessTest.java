package io.github.eventretry.state.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.jdbc.JdbcAuditLog;
import io.github.eventretry.state.jdbc.JdbcSchema;
import io.github.eventretry.state.jdbc.JdbcStateStore;
import io.github.eventretry.state.jdbc.TestPostgres;
import io.github.eventretry.state.jdbc.TestSchemas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two JVMs (two deployers, as on two hosts) deploy to the same integration through one PostgreSQL
 * database at once: exactly one proceeds, the other gets the lease error naming the holder; serials only
 * increase, and the audit chain verifies against the state.
 */
class JdbcTwoProcessTest {
  static final String ID = "7d3f0c1e-pg-race";

  static String spec(JdbcSchema schema) {
    return "pg:" + TestPostgres.shared().port() + ":" + TestSchemas.database() + ":" + schema.name();
  }

  @Test
  void oneDeployerProceedsTheOtherIsToldWhoHoldsTheLease() throws Exception {
    JdbcSchema schema = TestSchemas.fresh();
    JdbcStateStore store = JdbcStateStore.open(schema);
    long lastSerial = 0;
    for (int round = 1; round <= 2; round++) {
      ChildJvm a = new ChildJvm(spec(schema), ID, "once", Integer.toString(round), "2500");
      ChildJvm b = new ChildJvm(spec(schema), ID, "once", Integer.toString(100 + round), "2500");
      int ea = a.finish(120);
      int eb = b.finish(120);
      List<String> all = new ArrayList<>(a.lines());
      all.addAll(b.lines());
      assertThat(List.of(ea, eb)).as("exit codes, output %s, stderr %s %s", all, a.stderr(), b.stderr())
          .containsExactlyInAnyOrder(0, 3);
      ChildJvm loser = ea == 3 ? a : b;
      ChildJvm winner = ea == 3 ? b : a;
      assertThat(loser.lines()).anySatisfy(l -> assertThat(l)
          .startsWith("concurrent integration " + ID + " is locked by deployer-once (pid "
              + winner.process.pid() + " on ")
          .contains("which is still running (PostgreSQL advisory lock in schema " + schema.name() + ")"));
      assertThat(winner.lines()).anySatisfy(l -> assertThat(l).startsWith("result COMPLETED"));
      DeploymentState s = store.load(ID).orElseThrow();
      assertThat(s.serial()).isGreaterThan(lastSerial);
      assertThat(s.versions()).hasSize(round + 1);
      assertThat(store.locks(ID)).isEmpty();
      assertThat(store.clearStaleLocks(ID)).isEmpty(); // the winner removed its row when it closed
      lastSerial = s.serial();
    }
    assertThat(JdbcAuditLog.builder(schema).open()
        .verify(List.of(store.load(ID).orElseThrow().auditExpectation())).intact()).isTrue();
  }
}
