package io.github.eventretry.state.jdbc;

import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.StateStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The PostgreSQL schema (a namespace in one database, {@value #DEFAULT_NAME} by default) that holds
 * eventretry's tables: {@code deployment_state}, {@code rollout_lease}, {@code audit_record},
 * {@code audit_head} and {@code schema_version}. The tables are created and changed only by
 * {@link #migrate()}, which applies the versioned SQL migrations shipped in this jar; a schema newer
 * than this version of eventretry knows ({@value #CURRENT_VERSION}) is refused, never altered.
 * {@link JdbcStateStore} and {@link JdbcAuditLog} open only a schema at exactly that version.
 *
 * <pre>{@code
 * JdbcSchema schema = JdbcSchema.of(dataSource);
 * schema.migrate();                                  // once, by a role that may create tables
 * JdbcStateStore store = JdbcStateStore.open(schema);
 * }</pre>
 *
 * <p>Immutable and thread-safe (the data source must be too, as JDBC data sources are).
 */
public final class JdbcSchema {
  /** The schema name used when none is given. */
  public static final String DEFAULT_NAME = "eventretry";
  /** The schema version this version of eventretry reads and writes. */
  public static final int CURRENT_VERSION = 1;

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final List<String> MIGRATIONS = List.of("V1__deployment_state_lease_audit.sql");

  private final DataSource dataSource;
  private final String name;

  private JdbcSchema(DataSource dataSource, String name) {
    this.dataSource = dataSource;
    this.name = name;
  }

  /**
   * Returns the schema {@value #DEFAULT_NAME} of a database.
   *
   * @param dataSource connects to the database
   * @return the schema
   */
  public static JdbcSchema of(DataSource dataSource) {
    return of(dataSource, DEFAULT_NAME);
  }

  /**
   * Returns a named schema of a database.
   *
   * @param dataSource connects to the database
   * @param name the schema's name: a lowercase letter or underscore, then up to 62 lowercase letters,
   *     digits or underscores
   * @return the schema
   * @throws IllegalArgumentException if the name is not such a name
   */
  public static JdbcSchema of(DataSource dataSource, String name) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("schema name must be a lowercase letter or _ followed by up to 62"
          + " lowercase letters, digits or _ (rejected: " + SafeText.quote(name) + ")");
    }
    return new JdbcSchema(dataSource, name);
  }

  /**
   * Returns the schema's name.
   *
   * @return such as {@code eventretry}
   */
  public String name() {
    return name;
  }

  /** What {@link #migrate()} did. Immutable and thread-safe.
   *
   * @param fromVersion the version found (0: no eventretry tables yet)
   * @param toVersion the version now, {@link #CURRENT_VERSION}
   */
  public record Migration(int fromVersion, int toVersion) {
    /**
     * Returns whether a migration was applied.
     *
     * @return false if the schema was already at the current version
     */
    public boolean applied() {
      return fromVersion != toVersion;
    }
  }

  /**
   * Creates the schema and its tables, or brings them to {@link #CURRENT_VERSION}, in one transaction
   * (PostgreSQL changes tables transactionally: a failure leaves the schema as it was). Two calls at once
   * are serialized by a transaction-level advisory lock. Needs a role that may create a schema and
   * tables; the deployers' role needs only the grants in {@code docs/state-and-audit.md}.
   *
   * @return the versions before and after
   * @throws StateStoreException if the schema is newer than this version of eventretry knows (it is
   *     left untouched), or the database cannot be reached or changed
   */
  public Migration migrate() {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          p.setLong(1, lockKey("migrate", ""));
          p.execute();
        }
        try (Statement s = c.createStatement()) {
          s.execute("CREATE SCHEMA IF NOT EXISTS " + quoted());
          s.execute("SET LOCAL search_path TO " + quoted());
          s.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY,"
              + " migration text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        }
        int from = readVersion(c);
        if (from > CURRENT_VERSION) {
          throw tooNew(from);
        }
        for (int v = from + 1; v <= CURRENT_VERSION; v++) {
          String script = MIGRATIONS.get(v - 1);
          try (Statement s = c.createStatement()) {
            for (String statement : statements(script)) {
              s.execute(statement);
            }
          }
          try (PreparedStatement p = c.prepareStatement(
              "INSERT INTO schema_version (version, migration) VALUES (?, ?)")) {
            p.setInt(1, v);
            p.setString(2, script);
            p.executeUpdate();
          }
        }
        c.commit();
        return new Migration(from, CURRENT_VERSION);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new StateStoreException("cannot migrate PostgreSQL schema " + name + ": " + describe(e)
          + ". Nothing was changed.", e);
    }
  }

  /**
   * Returns the version of the schema's tables.
   *
   * @return 0 if the schema has no eventretry tables yet
   * @throws StateStoreException if the database cannot be read
   */
  public int version() {
    try (Connection c = connect()) {
      return versionOn(c);
    } catch (SQLException e) {
      throw new StateStoreException("cannot read the version of PostgreSQL schema " + name + ": "
          + describe(e), e);
    }
  }

  private int versionOn(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      p.setString(1, quoted() + ".schema_version");
      try (ResultSet r = p.executeQuery()) {
        r.next();
        if (!r.getBoolean(1)) {
          return 0;
        }
      }
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + table("schema_version"))) {
      r.next();
      return r.getInt(1);
    }
  }

  private static int readVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      r.next();
      return r.getInt(1);
    }
  }

  private StateStoreException tooNew(int found) {
    return new StateStoreException("PostgreSQL schema " + name + " is at version " + found
        + ", newer than this version of eventretry knows (" + CURRENT_VERSION + "): use a newer eventretry."
        + " The schema was left untouched.");
  }

  /** Refuses a schema that is not at the current version; called when a store or log opens. */
  void requireCurrent() {
    int v = version();
    if (v == 0) {
      throw new StateStoreException("PostgreSQL schema " + name + " has no eventretry tables: create them"
          + " with `eventretry state init --state URL` (or JdbcSchema.migrate())");
    }
    if (v > CURRENT_VERSION) {
      throw tooNew(v);
    }
    if (v < CURRENT_VERSION) {
      throw new StateStoreException("PostgreSQL schema " + name + " is at version " + v + "; this version"
          + " of eventretry needs version " + CURRENT_VERSION + ": migrate it with `eventretry state init"
          + " --state URL` (or JdbcSchema.migrate())");
    }
  }

  /** The statements of a migration script: split at a semicolon that ends a line; comments dropped. */
  static List<String> statements(String script) {
    String text;
    try (InputStream in = JdbcSchema.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("migration " + script + " is missing from the jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + script + " from the jar", e);
    }
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("--") || t.isEmpty()) {
        continue;
      }
      cur.append(line).append('\n');
      if (t.endsWith(";")) {
        String st = cur.toString().strip();
        out.add(st.substring(0, st.length() - 1));
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      throw new IllegalStateException("migration " + script + " ends without a semicolon");
    }
    return List.copyOf(out);
  }

  /** A connection from the data source. */
  Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  /** The schema-qualified name of a table. */
  String table(String table) {
    return quoted() + "." + table;
  }

  private String quoted() {
    return "\"" + name + "\"";
  }

  /**
   * A 64-bit advisory lock key for one purpose and one integration in this schema: the first eight bytes
   * of the SHA-256 of {@code eventretry/<schema>/<purpose>/<id>}. Advisory locks are database-wide, so
   * the schema is part of the key.
   */
  long lockKey(String purpose, String integrationId) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("eventretry/" + name + "/" + purpose + "/"
          + integrationId).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(d).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** An SQL failure in a person's words: the message (escaped) and SQLSTATE. */
  static String describe(SQLException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return SafeText.escape(m) + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
  }

  /** Rolls back, ignoring a failure (the connection may be the thing that broke). */
  static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the transaction is gone with the connection
    }
  }

  /**
   * Returns {@code JdbcSchema[name]} (never the data source, which may hold a password).
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "JdbcSchema[" + name + "]";
  }
}
