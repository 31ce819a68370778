package io.github.eventretry.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.state.audit.AuditEntry;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The Java snippet of docs/state-and-audit.md's PostgreSQL section, line for line (DocsSnippetsTest). */
class JdbcDocsExampleTest {
  static List<String> docsExample(DataSource dataSource) {
    JdbcSchema schema = JdbcSchema.of(dataSource);            // schema "eventretry"; of(ds, name) for another
    schema.migrate();                                          // once, as a role that may create tables
    JdbcStateStore store = JdbcStateStore.open(schema);        // a StateStore
    JdbcAuditLog audit = JdbcAuditLog.builder(schema).open();  // an AuditLog; warns about loose grants
    List<String> warnings = audit.grantWarnings();             // what the role may do and should not
    assertThat(store.integrations()).isEmpty();
    assertThat(audit.append(AuditEntry.of("deploy_started", "alice")).seq()).isEqualTo(1);
    return warnings;
  }

  @Test
  void theDocsExampleRunsOnAFreshDatabase() {
    DataSource ds = TestPostgres.shared().dataSource(TestPostgres.shared().newDatabase("docs"));
    assertThat(docsExample(ds)).hasSize(3); // the test server's superuser may do anything
    assertThat(JdbcSchema.of(ds).version()).isEqualTo(JdbcSchema.CURRENT_VERSION);
  }
}
