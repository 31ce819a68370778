package io.github.eventretry.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.eventretry.state.Fixtures;
import io.github.eventretry.state.Fixtures.ManualClock;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.audit.AuditFault.Kind;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.audit.InMemoryAuditLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows of the audit table changed behind the log's back (by a role that should not have UPDATE or
 * DELETE) are found with the right kind and seq, and verification goes on after the first fault.
 */
class JdbcAuditTamperingTest {
  JdbcSchema schema;
  JdbcAuditLog log;
  final ManualClock clock = new ManualClock();

  @BeforeEach
  void write() {
    schema = TestSchemas.fresh();
    log = JdbcAuditLog.builder(schema).clock(clock).open();
    for (int i = 1; i <= 10; i++) {
      clock.advance(Duration.ofSeconds(1));
      log.append(AuditEntry.of("stage_applied", "alice")
          .withVersion("v" + i, Fixtures.policy(1 + i % 10).fingerprint())
          .withDetail("stage", Integer.toString(i)));
    }
    assertThat(log.verify().intact()).isTrue();
  }

  void sql(String... statements) throws SQLException {
    try (Connection c = TestSchemas.dataSource().getConnection(); Statement s = c.createStatement()) {
      for (String st : statements) {
        s.execute(st.replace("$records", "\"" + schema.name() + "\".audit_record")
            .replace("$head", "\"" + schema.name() + "\".audit_head"));
      }
    }
  }

  @Test
  void theSameRecordsHashAsInTheFileLog() {
    ManualClock again = new ManualClock();
    InMemoryAuditLog memory = new InMemoryAuditLog(again);
    for (int i = 1; i <= 10; i++) {
      again.advance(Duration.ofSeconds(1));
      memory.append(AuditEntry.of("stage_applied", "alice")
          .withVersion("v" + i, Fixtures.policy(1 + i % 10).fingerprint())
          .withDetail("stage", Integer.toString(i)));
    }
    assertThat(log.records()).isEqualTo(memory.records());
  }

  @Test
  void anUpdatedRecordIsAHashMismatchAtItsSeq() throws SQLException {
    sql("UPDATE $records SET actor = 'mallory' WHERE seq = 7");

    AuditVerification v = log.verify();

    assertThat(v.faults()).extracting(AuditFault::kind, AuditFault::seq, AuditFault::line)
        .containsExactly(tuple(Kind.HASH_MISMATCH, 7L, 7L));
    assertThat(v.recordsChecked()).isEqualTo(10);
    assertThat(v.recordsValid()).isEqualTo(9);
  }

  @Test
  void anUpdatedDetailIsAHashMismatchAndABrokenDetailsColumnIsUnparsable() throws SQLException {
    sql("UPDATE $records SET details = '{\"stage\":\"99\"}' WHERE seq = 3",
        "UPDATE $records SET details = 'not json' WHERE seq = 8");

    assertThat(log.verify().faults()).extracting(AuditFault::kind, AuditFault::seq).containsExactly(
        tuple(Kind.HASH_MISMATCH, 3L), tuple(Kind.UNPARSABLE_LINE, 8L));
    assertThat(log.records()).hasSize(9);
  }

  @Test
  void aDeletedRecordIsAGapAtTheNextSeq() throws SQLException {
    sql("DELETE FROM $records WHERE seq = 4");

    assertThat(log.verify().faults()).extracting(AuditFault::kind, AuditFault::seq)
        .containsExactly(tuple(Kind.GAP, 5L), tuple(Kind.BROKEN_LINK, 5L));
  }

  @Test
  void aDeletedLastRecordDisagreesWithTheHeadRow() throws SQLException {
    sql("DELETE FROM $records WHERE seq = 10");

    assertThat(log.verify().faults()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Kind.HEAD_MISMATCH);
      assertThat(f.seq()).isEqualTo(10);
      assertThat(f.detail()).contains("ends at seq 9").contains("head row says seq 10");
    });
  }

  @Test
  void reorderedSeqsAreHashMismatchesAtBothAndBrokenLinks() throws SQLException {
    sql("UPDATE $records SET seq = 1000 WHERE seq = 3", "UPDATE $records SET seq = 3 WHERE seq = 4",
        "UPDATE $records SET seq = 4 WHERE seq = 1000");

    assertThat(log.verify().faults()).extracting(AuditFault::kind, AuditFault::seq).containsExactly(
        tuple(Kind.BROKEN_LINK, 3L), tuple(Kind.HASH_MISMATCH, 3L),
        tuple(Kind.BROKEN_LINK, 4L), tuple(Kind.HASH_MISMATCH, 4L),
        tuple(Kind.BROKEN_LINK, 5L));
  }

  @Test
  void aRowInsertedPastTheHeadIsFound() throws SQLException {
    sql("INSERT INTO $records SELECT 11, recorded_at, action, version_id, policy_fingerprint, actor,"
        + " compliance_standard, details, hash, hash FROM $records WHERE seq = 10");

    assertThat(log.verify().faults()).extracting(AuditFault::kind, AuditFault::seq)
        .contains(tuple(Kind.HASH_MISMATCH, 11L), tuple(Kind.HEAD_MISMATCH, 11L));
  }

  @Test
  void appendsGoOnFromTheHeadRow() {
    assertThat(log.append(AuditEntry.of("x", "bob")).seq()).isEqualTo(11);
    assertThat(log.head()).map(r -> r.seq()).contains(11L);
    assertThat(log.verify().intact()).isTrue();
  }
}
