package io.github.eventretry.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.Fixtures.ManualClock;
import io.github.eventretry.state.StateStoreException;
import io.github.eventretry.state.audit.AuditCheckpoint;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditExpectation;
import io.github.eventretry.state.audit.AuditHead;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.InMemoryAuditLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcImportTest {
  @Test
  void statesAndRecordsAreCopiedAsTheyAreAndTheChainStillVerifies() {
    ManualClock clock = new ManualClock();
    InMemoryAuditLog source = new InMemoryAuditLog(clock);
    Optional<AuditHead> before = Optional.empty();
    AuditEntry last = null;
    for (int i = 1; i <= 5; i++) {
      clock.advance(Duration.ofMillis(1234));
      before = source.head().map(AuditHead::of);
      last = AuditEntry.of("stage_applied", "alice")
          .withDetail(AuditCheckpoint.INTEGRATION_ID, JdbcCutConnectionTest.ID)
          .withDetail(AuditCheckpoint.STATE_SERIAL, Long.toString(i));
      source.append(last);
    }
    DeploymentState state = JdbcCutConnectionTest.sample(5).toBuilder()
        .auditCheckpoint(Optional.of(new AuditCheckpoint(before, last))).build();
    JdbcSchema schema = TestSchemas.fresh();

    assertThat(JdbcImport.copy(schema, List.of(state), source.records()))
        .isEqualTo(new JdbcImport.Result(1, 5));

    JdbcAuditLog log = JdbcAuditLog.builder(schema).open();
    assertThat(log.records()).isEqualTo(source.records());
    JdbcStateStore store = JdbcStateStore.open(schema);
    assertThat(store.load(JdbcCutConnectionTest.ID)).contains(state);
    List<AuditExpectation> expected = List.of(state.auditExpectation());
    assertThat(log.verify(expected).intact()).isTrue();
    assertThat(log.append(AuditEntry.of("x", "bob")).prevHash()).isEqualTo(source.head().orElseThrow().hash());

    assertThatThrownBy(() -> JdbcImport.copy(schema, List.of(), source.records()))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("already holds 1 state(s) and 6 audit record(s)")
        .hasMessageContaining("Nothing was imported");
  }

  @Test
  void recordsThatAreNotAChainAreRefusedBeforeAnythingIsWritten() {
    InMemoryAuditLog source = new InMemoryAuditLog(new ManualClock());
    source.append(AuditEntry.of("a", "alice"));
    source.append(AuditEntry.of("b", "alice"));
    List<AuditRecord> skipped = new ArrayList<>(source.records());
    skipped.remove(0);
    JdbcSchema schema = TestSchemas.fresh();

    assertThatThrownBy(() -> JdbcImport.copy(schema, List.of(), skipped))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record 1 has seq 2");
    assertThat(JdbcAuditLog.builder(schema).open().records()).isEmpty();
  }
}
