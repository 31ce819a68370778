package io.github.eventretry.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.spi.RolloutLease;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The grants of docs/state-and-audit.md are enough to deploy, and keep the deployers' role from
 * changing the audit table; a role that may change it is warned about.
 */
class JdbcGrantsTest {
  /** The grants as docs/state-and-audit.md gives them, for schema {@code s} and role {@code r}. */
  static List<String> documentedGrants(String s, String r) {
    return List.of(
        "GRANT USAGE ON SCHEMA " + s + " TO " + r,
        "GRANT SELECT ON " + s + ".schema_version TO " + r,
        "GRANT SELECT, INSERT, UPDATE ON " + s + ".deployment_state TO " + r,
        "GRANT SELECT, INSERT, UPDATE, DELETE ON " + s + ".rollout_lease TO " + r,
        "GRANT SELECT, INSERT ON " + s + ".audit_record TO " + r,
        "GRANT SELECT, UPDATE ON " + s + ".audit_head TO " + r);
  }

  @Test
  void theDocumentedGrantsDeployAndKeepTheAuditTableAppendOnly() throws SQLException {
    JdbcSchema admin = TestSchemas.fresh();
    String role = "deployer_" + admin.name();
    try (Connection c = TestSchemas.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE ROLE " + role + " LOGIN");
      for (String g : documentedGrants(admin.name(), role)) {
        st.execute(g);
      }
    }
    JdbcSchema asDeployer = JdbcSchema.of(TestPostgres.shared().dataSource(TestSchemas.database(), role),
        admin.name());

    JdbcAuditLog log = JdbcAuditLog.builder(asDeployer).open();
    assertThat(log.grantWarnings()).isEmpty();
    log.append(AuditEntry.of("deploy_started", "alice"));
    JdbcStateStore store = JdbcStateStore.open(asDeployer);
    try (RolloutLease lease = store.acquireRolloutLease("a-1", "alice")) {
      assertThat(store.locks("a-1")).hasSize(1);
    }
    assertThat(store.clearStaleLocks("a-1")).isEmpty();
    assertThat(log.verify().intact()).isTrue();

    try (Connection c = TestPostgres.shared().dataSource(TestSchemas.database(), role).getConnection();
        Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.execute("UPDATE " + admin.name() + ".audit_record SET actor = 'x'"))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> st.execute("DELETE FROM " + admin.name() + ".audit_record"))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void aRoleThatMayChangeTheAuditTableIsWarnedAbout() {
    JdbcAuditLog log = JdbcAuditLog.builder(TestSchemas.fresh()).open(); // the superuser may do anything

    assertThat(log.grantWarnings()).hasSize(3).allSatisfy(w -> assertThat(w)
        .startsWith("role postgres may ").contains("docs/state-and-audit.md"));
    assertThat(log.grantWarnings().get(0)).contains("may UPDATE the audit table");
  }
}
