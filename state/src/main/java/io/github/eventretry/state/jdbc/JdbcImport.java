package io.github.eventretry.state.jdbc;

import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.StateStoreException;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.internal.StateCodec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Copies deployment states and audit records made elsewhere (a state folder's files) into an empty
 * {@link JdbcSchema}, as they are: the same serials and lineages, the same seqs, timestamps and hashes,
 * so that the chain verifies in the database as it did in the file. Everything is copied in one
 * transaction: a failure copies nothing. Thread-safe (stateless).
 */
public final class JdbcImport {
  private JdbcImport() {}

  /**
   * What was copied. Immutable and thread-safe.
   *
   * @param states the number of integrations whose state was copied
   * @param records the number of audit records copied
   */
  public record Result(int states, long records) {}

  /**
   * Copies states and records into a schema whose tables are empty.
   *
   * @param into the schema, at {@link JdbcSchema#CURRENT_VERSION}
   * @param states the states, at most one per integration
   * @param records the audit records, oldest first: seqs 1, 2, ... each linked to the one before
   * @return what was copied
   * @throws IllegalArgumentException if two states share an integration, or the records are not a
   *     chain from seq 1 (each {@code prev_hash} the hash of the record before)
   * @throws StateStoreException if the schema already holds a state or an audit record (nothing is
   *     copied then), or the database cannot be written
   */
  public static Result copy(JdbcSchema into, Collection<DeploymentState> states, List<AuditRecord> records) {
    Objects.requireNonNull(into, "into");
    List<DeploymentState> ss = List.copyOf(states);
    List<AuditRecord> rs = List.copyOf(records);
    Set<String> ids = new HashSet<>();
    for (DeploymentState s : ss) {
      if (!ids.add(s.integrationId())) {
        throw new IllegalArgumentException("states holds two states of integration " + s.integrationId());
      }
    }
    String prev = AuditRecord.GENESIS_HASH;
    for (int i = 0; i < rs.size(); i++) {
      AuditRecord r = rs.get(i);
      if (r.seq() != i + 1 || !r.prevHash().equals(prev)) {
        throw new IllegalArgumentException("records must be a chain from seq 1: record " + (i + 1)
            + " has seq " + r.seq()
            + (r.prevHash().equals(prev) ? "" : " and is not linked to the one before"));
      }
      prev = r.hash();
    }
    into.requireCurrent();
    try (Connection c = into.connect()) {
      c.setAutoCommit(false);
      try {
        try (Statement st = c.createStatement()) {
          // Locks out appends and other imports until this commits.
          st.execute("LOCK TABLE " + into.table("audit_head") + ", " + into.table("deployment_state")
              + ", " + into.table("audit_record") + " IN EXCLUSIVE MODE");
          try (ResultSet r = st.executeQuery("SELECT (SELECT count(*) FROM " + into.table("deployment_state")
              + "), (SELECT count(*) FROM " + into.table("audit_record") + ")")) {
            r.next();
            if (r.getLong(1) > 0 || r.getLong(2) > 0) {
              throw new StateStoreException("PostgreSQL schema " + into.name() + " already holds "
                  + r.getLong(1) + " state(s) and " + r.getLong(2) + " audit record(s): import only into"
                  + " empty tables. Nothing was imported.");
            }
          }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + into.table("audit_record") + " ("
            + AuditRows.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (AuditRecord r : rs) {
            p.setLong(1, r.seq());
            p.setString(2, r.timestamp().toString());
            p.setString(3, r.action());
            p.setString(4, r.versionId().orElse(null));
            p.setString(5, r.policyFingerprint().orElse(null));
            p.setString(6, r.actor());
            p.setString(7, r.complianceStandard());
            p.setString(8, AuditRows.details(r));
            p.setString(9, r.prevHash());
            p.setString(10, r.hash());
            p.addBatch();
          }
          p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE " + into.table("audit_head")
            + " SET seq = ?, hash = ? WHERE log = 1")) {
          p.setLong(1, rs.size());
          p.setString(2, prev);
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + into.table("deployment_state")
            + " (integration_id, serial, lineage, state_json) VALUES (?, ?, ?, ?)")) {
          for (DeploymentState s : ss) {
            p.setString(1, s.integrationId());
            p.setLong(2, s.serial());
            p.setString(3, s.lineage().toString());
            p.setString(4, new String(StateCodec.write(s), StandardCharsets.UTF_8));
            p.addBatch();
          }
          p.executeBatch();
        }
        c.commit();
        return new Result(ss.size(), rs.size());
      } catch (SQLException | RuntimeException e) {
        JdbcSchema.rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new StateStoreException("cannot import into PostgreSQL schema " + into.name() + ": "
          + JdbcSchema.describe(e) + ". Nothing was imported.", e);
    }
  }
}
