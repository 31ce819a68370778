package io.github.eventretry.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.state.StateStoreException;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class JdbcSchemaTest {
  @Test
  void migrateCreatesTheTablesOnceAndRecordsTheVersion() {
    JdbcSchema s = JdbcSchema.of(TestSchemas.dataSource(), "migrate_once");
    assertThat(s.version()).isZero();
    assertThat(s.migrate()).isEqualTo(new JdbcSchema.Migration(0, JdbcSchema.CURRENT_VERSION));
    assertThat(s.migrate().applied()).isFalse();
    assertThat(s.version()).isEqualTo(JdbcSchema.CURRENT_VERSION);
  }

  @Test
  void aStoreRefusesASchemaWithoutTables() {
    JdbcSchema s = JdbcSchema.of(TestSchemas.dataSource(), "never_created");
    assertThatThrownBy(() -> JdbcStateStore.open(s)).isInstanceOf(StateStoreException.class)
        .hasMessage("PostgreSQL schema never_created has no eventretry tables: create them with"
            + " `eventretry state init --state URL` (or JdbcSchema.migrate())");
  }

  @Test
  void aNewerSchemaIsRefusedAndLeftUntouched() throws Exception {
    JdbcSchema s = TestSchemas.fresh();
    try (Connection c = TestSchemas.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO \"" + s.name() + "\".schema_version (version, migration) VALUES (2, 'V2__future.sql')");
    }
    String refused = "PostgreSQL schema " + s.name() + " is at version 2, newer than this version of"
        + " eventretry knows (1): use a newer eventretry. The schema was left untouched.";
    assertThatThrownBy(s::migrate).isInstanceOf(StateStoreException.class).hasMessageContaining(refused);
    assertThatThrownBy(() -> JdbcStateStore.open(s)).hasMessage(refused);
    assertThatThrownBy(() -> JdbcAuditLog.builder(s).open()).hasMessageContaining(refused);
    assertThat(s.version()).isEqualTo(2);
  }

  @Test
  void namesThatAreNotPlainIdentifiersAreRefused() {
    assertThatThrownBy(() -> JdbcSchema.of(TestSchemas.dataSource(), "x\"; DROP TABLE y; --"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema name must be");
  }

  @Test
  void migrationsSplitIntoStatements() {
    assertThat(JdbcSchema.statements("V1__deployment_state_lease_audit.sql")).hasSize(5)
        .allSatisfy(st -> assertThat(st).doesNotEndWith(";").doesNotStartWith("--"));
  }
}
