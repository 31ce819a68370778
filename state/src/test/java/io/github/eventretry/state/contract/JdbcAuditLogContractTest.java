package io.github.eventretry.state.contract;

import io.github.eventretry.state.jdbc.JdbcAuditLog;
import io.github.eventretry.state.jdbc.JdbcSchema;
import io.github.eventretry.state.jdbc.TestSchemas;
import io.github.eventretry.state.spi.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** The audit log contract against a real PostgreSQL server (started by the build). */
class JdbcAuditLogContractTest extends AuditLogContract {
  private JdbcSchema schema;

  @Override
  protected AuditLog newLog() {
    schema = TestSchemas.fresh();
    return JdbcAuditLog.builder(schema).open();
  }

  /** As a DBA cutting the log's tail would: the rows and the head row both. */
  @Override
  protected void dropLast(int n) throws Exception {
    String records = "\"" + schema.name() + "\".audit_record";
    try (Connection c = TestSchemas.dataSource().getConnection()) {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM " + records
          + " WHERE seq > (SELECT max(seq) FROM " + records + ") - ?")) {
        p.setInt(1, n);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("UPDATE \"" + schema.name() + "\".audit_head SET"
          + " seq = coalesce((SELECT max(seq) FROM " + records + "), 0), hash = coalesce((SELECT hash FROM "
          + records + " ORDER BY seq DESC LIMIT 1), repeat('0', 64))")) {
        p.executeUpdate();
      }
    }
  }
}
