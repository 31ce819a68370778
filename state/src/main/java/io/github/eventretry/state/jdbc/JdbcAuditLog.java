package io.github.eventretry.state.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditExpectation;
import io.github.eventretry.state.audit.AuditLogException;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.spi.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An audit log in a PostgreSQL table ({@code audit_record} of a {@link JdbcSchema}): the same records,
 * hash chain and {@link #verify()} report as {@link FileAuditLog}. Each row holds one record, member by
 * member; its {@code hash} is the SHA-256 of the record's RFC 8785 canonical JSON without {@code hash}.
 *
 * <p>An append is one transaction: it locks the head row ({@code audit_head}), inserts the record after
 * it and moves the head, so that concurrent appends from any host get consecutive seqs and the head
 * always names the last record. {@link #verify()} walks the rows in seq order (the {@code line} of a
 * fault is the row's position in that order) and reports every fault with its seq, going on after the
 * first; it also compares the head row with the last record, so a record deleted from the end is
 * reported ({@code HEAD_MISMATCH}). There is no HMAC anchor: the head row is guarded by the grants.
 *
 * <p>The table is append-only by grants: the deployers' role may {@code INSERT} and {@code SELECT} but
 * not {@code UPDATE}, {@code DELETE} or {@code TRUNCATE} it (see {@code docs/state-and-audit.md}).
 * {@link #grantWarnings()} says when the connecting role can; opening the log logs it as a warning.
 *
 * <p>Thread-safe, and safe between processes and hosts sharing the database.
 *
 * <pre>{@code
 * JdbcAuditLog log = JdbcAuditLog.builder(JdbcSchema.of(dataSource)).open();
 * }</pre>
 */
public final class JdbcAuditLog implements AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditLog.class);

  private final JdbcSchema schema;
  private final Clock clock;
  private final String standard;
  private final List<String> grantWarnings;

  private JdbcAuditLog(JdbcSchema schema, Clock clock, String standard, List<String> grantWarnings) {
    this.schema = schema;
    this.clock = clock;
    this.standard = standard;
    this.grantWarnings = grantWarnings;
  }

  /**
   * Returns a builder for the log of a schema.
   *
   * @param schema the schema, at {@link JdbcSchema#CURRENT_VERSION}
   * @return the builder
   */
  public static Builder builder(JdbcSchema schema) {
    return new Builder(schema);
  }

  @Override
  public String complianceStandard() {
    return standard;
  }

  /**
   * Returns what the connecting role may do to the audit table that it should not, found when the log was
   * opened: one sentence per privilege ({@code UPDATE}, {@code DELETE}, {@code TRUNCATE}), or none when
   * the grants are as documented.
   *
   * @return the warnings, possibly none
   */
  public List<String> grantWarnings() {
    return grantWarnings;
  }

  @Override
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    try (Connection c = schema.connect()) {
      c.setAutoCommit(false);
      try {
        long seq;
        String prevHash;
        try (PreparedStatement p = c.prepareStatement("SELECT seq, hash FROM " + schema.table("audit_head")
            + " WHERE log = 1 FOR UPDATE"); ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            throw new AuditLogException("the audit log of PostgreSQL schema " + schema.name()
                + " has no head row (audit_head was emptied): nothing was appended");
          }
          seq = r.getLong(1);
          prevHash = r.getString(2);
        }
        AuditRecord rec = AuditRows.seal(seq + 1, clock.instant(), entry, standard, prevHash);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema.table("audit_record") + " ("
            + AuditRows.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          p.setLong(1, rec.seq());
          p.setString(2, rec.timestamp().toString());
          p.setString(3, rec.action());
          p.setString(4, rec.versionId().orElse(null));
          p.setString(5, rec.policyFingerprint().orElse(null));
          p.setString(6, rec.actor());
          p.setString(7, rec.complianceStandard());
          p.setString(8, AuditRows.details(rec));
          p.setString(9, rec.prevHash());
          p.setString(10, rec.hash());
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE " + schema.table("audit_head")
            + " SET seq = ?, hash = ? WHERE log = 1")) {
          p.setLong(1, rec.seq());
          p.setString(2, rec.hash());
          p.executeUpdate();
        }
        c.commit();
        return rec;
      } catch (SQLException | RuntimeException e) {
        JdbcSchema.rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new AuditLogException("cannot append to the audit log of PostgreSQL schema " + schema.name()
          + ": " + JdbcSchema.describe(e) + ". Nothing was appended, unless the connection broke during"
          + " COMMIT.", e);
    }
  }

  @Override
  public Optional<AuditRecord> head() {
    try (Connection c = schema.connect(); PreparedStatement p = c.prepareStatement("SELECT "
        + AuditRows.COLUMNS + " FROM " + schema.table("audit_record") + " ORDER BY seq DESC LIMIT 1");
        ResultSet r = p.executeQuery()) {
      if (!r.next()) {
        return Optional.empty();
      }
      Optional<AuditRecord> last = AuditRows.parse(AuditRows.read(r));
      if (last.isPresent()) {
        return last;
      }
    } catch (SQLException e) {
      throw failure("read", e);
    }
    List<AuditRecord> all = records(); // the last row is not a record: the last readable one
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  @Override
  public List<AuditRecord> records() {
    List<AuditRecord> out = new ArrayList<>();
    walk((row) -> AuditRows.parse(row).ifPresent(out::add), null);
    return List.copyOf(out);
  }

  @Override
  public AuditVerification verify(Collection<AuditExpectation> expectations) {
    List<AuditExpectation> expected = List.copyOf(expectations);
    AuditRows.Walk[] walk = new AuditRows.Walk[1];
    Object[] head = new Object[2];
    walk(row -> walk[0].row(row), (seq, hash) -> {
      walk[0] = new AuditRows.Walk(seq, expected);
      head[0] = seq;
      head[1] = hash;
    });
    walk[0].head((Long) head[0], (String) head[1]);
    return walk[0].finish();
  }

  private interface HeadSink {
    void head(long seq, String hash);
  }

  private interface RowSink {
    void row(ObjectNode row);
  }

  /**
   * Reads the head row, then every record in seq order, in one repeatable-read snapshot (so that an
   * append is in both or in neither), streaming the rows.
   */
  private void walk(RowSink rows, HeadSink headFirst) {
    try (Connection c = schema.connect()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        long headSeq = 0;
        String headHash = AuditRecord.GENESIS_HASH;
        try (PreparedStatement p = c.prepareStatement("SELECT seq, hash FROM " + schema.table("audit_head")
            + " WHERE log = 1"); ResultSet r = p.executeQuery()) {
          if (r.next()) {
            headSeq = r.getLong(1);
            headHash = r.getString(2);
          } else {
            headSeq = -1;
          }
        }
        if (headFirst != null) {
          headFirst.head(headSeq, headHash);
        }
        try (PreparedStatement p = c.prepareStatement("SELECT " + AuditRows.COLUMNS + " FROM "
            + schema.table("audit_record") + " ORDER BY seq")) {
          p.setFetchSize(1000);
          try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
              rows.row(AuditRows.read(r));
            }
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        JdbcSchema.rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  private AuditLogException failure(String what, SQLException e) {
    return new AuditLogException("cannot " + what + " the audit log of PostgreSQL schema " + schema.name()
        + ": " + JdbcSchema.describe(e), e);
  }

  private static List<String> checkGrants(JdbcSchema schema) {
    try (Connection c = schema.connect(); PreparedStatement p = c.prepareStatement("SELECT current_user,"
        + " has_table_privilege(?, 'UPDATE'), has_table_privilege(?, 'DELETE'),"
        + " has_table_privilege(?, 'TRUNCATE')")) {
      String table = schema.table("audit_record");
      p.setString(1, table);
      p.setString(2, table);
      p.setString(3, table);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        List<String> out = new ArrayList<>();
        String[] privileges = {"UPDATE", "DELETE", "TRUNCATE"};
        for (int i = 0; i < privileges.length; i++) {
          if (r.getBoolean(i + 2)) {
            out.add("role " + io.github.eventretry.core.text.SafeText.quote(r.getString(1)) + " may "
                + privileges[i] + " the audit table " + schema.name() + ".audit_record: the audit log is"
                + " append-only only if the deployers' role may INSERT and SELECT it and nothing more"
                + " (see the grants in docs/state-and-audit.md)");
          }
        }
        return List.copyOf(out);
      }
    } catch (SQLException e) {
      throw new AuditLogException("cannot read the grants on the audit log of PostgreSQL schema "
          + schema.name() + ": " + JdbcSchema.describe(e), e);
    }
  }

  /**
   * Returns {@code JdbcAuditLog[schema]}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "JdbcAuditLog[" + schema.name() + "]";
  }

  /**
   * Configures a {@link JdbcAuditLog}. Each setting may be set once. Not thread-safe.
   */
  public static final class Builder {
    private final JdbcSchema schema;
    private Clock clock;
    private String standard;

    private Builder(JdbcSchema schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * Sets the clock that stamps records (default: system UTC).
     *
     * @param c the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock c) {
      Objects.requireNonNull(c, "clock");
      if (clock != null) {
        throw new IllegalStateException("clock is already set to " + clock);
      }
      clock = c;
      return this;
    }

    /**
     * Sets the compliance standard written into records (default {@value
     * FileAuditLog#DEFAULT_COMPLIANCE_STANDARD}).
     *
     * @param s such as {@code ISO27001}; not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if already set
     */
    public Builder complianceStandard(String s) {
      Objects.requireNonNull(s, "complianceStandard");
      if (s.isBlank()) {
        throw new IllegalArgumentException("complianceStandard must not be blank");
      }
      if (standard != null) {
        throw new IllegalStateException("complianceStandard is already set to " + standard);
      }
      standard = s;
      return this;
    }

    /**
     * Opens the log: checks the schema's version, and the connecting role's grants on the audit table
     * (logging a warning for each privilege it should not have).
     *
     * @return the log
     * @throws io.github.eventretry.state.StateStoreException if the schema is missing, older or newer
     *     than this version knows, or the database cannot be reached
     * @throws AuditLogException if the grants cannot be read
     */
    public JdbcAuditLog open() {
      schema.requireCurrent();
      List<String> warnings = checkGrants(schema);
      for (String w : warnings) {
        LOG.warn("{}", w);
      }
      return new JdbcAuditLog(schema, clock == null ? Clock.systemUTC() : clock,
          standard == null ? FileAuditLog.DEFAULT_COMPLIANCE_STANDARD : standard, warnings);
    }
  }
}
