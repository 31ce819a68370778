package io.github.eventretry.state.jdbc;

import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.CorruptStateException;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.LockHeldException;
import io.github.eventretry.state.LockInfo;
import io.github.eventretry.state.StateConflictException;
import io.github.eventretry.state.StateStoreException;
import io.github.eventretry.state.internal.CompareAndSet;
import io.github.eventretry.state.internal.Json;
import io.github.eventretry.state.internal.LockFiles;
import io.github.eventretry.state.internal.StateCodec;
import io.github.eventretry.state.spi.RolloutLease;
import io.github.eventretry.state.spi.StateStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each integration's {@link DeploymentState} in a PostgreSQL table ({@code deployment_state} of
 * a {@link JdbcSchema}), so that deployers on several hosts share it.
 *
 * <p>A change is one transaction: the row is read {@code FOR UPDATE}, the serial and lineage are checked
 * as by every store ({@link StateConflictException} when they differ), and the row is written; a
 * failure at any point (the connection cut included) rolls it back, leaving the old state.
 *
 * <p>The rollout lease is a PostgreSQL session-level advisory lock, taken with {@code
 * pg_try_advisory_lock} on a connection of its own that the lease keeps open until it is closed. It
 * ends with that connection: a deployer killed with SIGKILL, or whose host dies, loses it as soon as the
 * server sees the connection gone, with nothing to clear and no expiry to wait for. Beside it, a row of
 * {@code rollout_lease} names the holder (owner, process, host, since when) for the {@link
 * LockHeldException} another deployer gets. While this store holds an integration's lease, each change
 * of that integration first checks, in its transaction, that the lease's lock is still held, so that a
 * deployer whose lease connection broke stops instead of racing the next one.
 *
 * <p>Thread-safe, and safe between processes and hosts sharing the database.
 *
 * <pre>{@code
 * JdbcStateStore store = JdbcStateStore.open(JdbcSchema.of(dataSource));
 * }</pre>
 */
public final class JdbcStateStore implements StateStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStateStore.class);

  private final JdbcSchema schema;
  private final Clock clock;
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();

  private JdbcStateStore(JdbcSchema schema, Clock clock) {
    this.schema = schema;
    this.clock = clock;
  }

  /**
   * Opens the store of a schema, with the system UTC clock for lease times.
   *
   * @param schema the schema, at {@link JdbcSchema#CURRENT_VERSION}
   * @return the store
   * @throws StateStoreException if the schema is missing, older or newer than this version knows, or
   *     the database cannot be reached
   */
  public static JdbcStateStore open(JdbcSchema schema) {
    return open(schema, Clock.systemUTC());
  }

  /**
   * Opens the store of a schema.
   *
   * @param schema the schema, at {@link JdbcSchema#CURRENT_VERSION}
   * @param clock the clock for lease times
   * @return the store
   * @throws StateStoreException if the schema is missing, older or newer than this version knows, or
   *     the database cannot be reached
   */
  public static JdbcStateStore open(JdbcSchema schema, Clock clock) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(clock, "clock");
    schema.requireCurrent();
    return new JdbcStateStore(schema, clock);
  }

  /**
   * Returns the schema.
   *
   * @return the schema
   */
  public JdbcSchema schema() {
    return schema;
  }

  /**
   * Lists the integrations that have a state.
   *
   * @return their ids, sorted
   * @throws StateStoreException if they cannot be read
   */
  public List<String> integrations() {
    try (Connection c = schema.connect(); PreparedStatement p = c.prepareStatement(
        "SELECT integration_id FROM " + schema.table("deployment_state") + " ORDER BY integration_id");
        ResultSet r = p.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      return List.copyOf(out);
    } catch (SQLException e) {
      throw failure("cannot list the integrations", e);
    }
  }

  @Override
  public Optional<DeploymentState> load(String integrationId) {
    DeploymentState.checkIntegrationId(integrationId);
    try (Connection c = schema.connect()) {
      return read(c, integrationId, false);
    } catch (SQLException e) {
      throw failure("cannot read the state of " + integrationId, e);
    }
  }

  private Optional<DeploymentState> read(Connection c, String id, boolean forUpdate) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT state_json FROM " + schema.table("deployment_state")
        + " WHERE integration_id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(decode(id, r.getString(1)));
      }
    }
  }

  private DeploymentState decode(String id, String json) {
    String where = "the row of " + id + " in " + schema.table("deployment_state");
    DeploymentState s;
    try {
      s = StateCodec.read(json.getBytes(StandardCharsets.UTF_8));
    } catch (StateCodec.UnknownSchema e) {
      throw new CorruptStateException(where + " has schema_version " + SafeText.quote(e.version)
          + "; this version of eventretry reads schema_version 1 and " + DeploymentState.SCHEMA_VERSION
          + " only. The row was left untouched.");
    } catch (Json.Bad e) {
      throw new CorruptStateException(where + " is not valid deployment state: "
          + SafeText.escape(e.getMessage()) + ". The row was left untouched.");
    }
    if (!s.integrationId().equals(id)) {
      throw new CorruptStateException(where + " holds the state of integration "
          + SafeText.quote(s.integrationId()) + ". The row was left untouched.");
    }
    return s;
  }

  @Override
  public DeploymentState compareAndSet(long expectedSerial, DeploymentState next) {
    CompareAndSet.checkNext(expectedSerial, next);
    String id = next.integrationId();
    String json = new String(StateCodec.write(next), StandardCharsets.UTF_8);
    boolean committing = false;
    try (Connection c = schema.connect()) {
      c.setAutoCommit(false);
      try {
        Lease lease = leases.get(id);
        if (lease != null) {
          lease.checkHeld(c);
        }
        Optional<DeploymentState> current = read(c, id, true);
        CompareAndSet.checkAgainst(current, expectedSerial, next);
        int rows;
        if (current.isEmpty()) {
          try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema.table("deployment_state")
              + " (integration_id, serial, lineage, state_json) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT (integration_id) DO NOTHING")) {
            p.setString(1, id);
            p.setLong(2, next.serial());
            p.setString(3, next.lineage().toString());
            p.setString(4, json);
            rows = p.executeUpdate();
          }
        } else {
          try (PreparedStatement p = c.prepareStatement("UPDATE " + schema.table("deployment_state")
              + " SET serial = ?, lineage = ?, state_json = ? WHERE integration_id = ? AND serial = ?")) {
            p.setLong(1, next.serial());
            p.setString(2, next.lineage().toString());
            p.setString(3, json);
            p.setString(4, id);
            p.setLong(5, expectedSerial);
            rows = p.executeUpdate();
          }
        }
        if (rows != 1) {
          // Another deployer saved the first state between our read and our insert.
          throw new StateConflictException("state of " + id + " was saved by another deployer at the same"
              + " moment; load it again and redo the change");
        }
        committing = true;
        c.commit();
        return next;
      } catch (SQLException | RuntimeException e) {
        JdbcSchema.rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw failure("cannot save the state of " + id + " at serial " + next.serial(), e,
          committing ? " The connection broke during COMMIT: load the state to see whether it was saved."
              : " The stored state is unchanged.");
    }
  }

  @Override
  public RolloutLease acquireRolloutLease(String integrationId, String owner) {
    DeploymentState.checkIntegrationId(integrationId);
    Objects.requireNonNull(owner, "owner");
    long key = schema.lockKey("rollout", integrationId);
    LockInfo me = LockFiles.mine(owner, clock);
    Connection c;
    try {
      c = schema.connect();
    } catch (SQLException e) {
      throw failure("cannot connect to take the rollout lease of " + integrationId, e);
    }
    try {
      c.setAutoCommit(true);
      boolean got;
      try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?), pg_backend_pid()")) {
        p.setLong(1, key);
        try (ResultSet r = p.executeQuery()) {
          r.next();
          got = r.getBoolean(1);
          if (got) {
            writeLeaseRow(c, integrationId, me, r.getInt(2));
          }
        }
      }
      if (!got) {
        Optional<LockInfo> holder = held(c, integrationId).stream().findFirst();
        throw new LockHeldException(integrationId, holder, LockHeldException.HolderStatus.RUNNING,
            "PostgreSQL advisory lock in schema " + schema.name());
      }
      Lease lease = new Lease(integrationId, key, me, c);
      leases.put(integrationId, lease);
      return lease;
    } catch (SQLException | RuntimeException e) {
      try {
        c.close(); // ends the session, and with it the advisory lock if it was taken
      } catch (SQLException ignored) {
        // already broken
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw failure("cannot take the rollout lease of " + integrationId, (SQLException) e);
    }
  }

  private void writeLeaseRow(Connection c, String id, LockInfo me, int backendPid) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema.table("rollout_lease")
        + " (integration_id, owner, pid, host, acquired_at, nonce, backend_pid) VALUES (?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (integration_id) DO UPDATE SET owner = EXCLUDED.owner, pid = EXCLUDED.pid,"
        + " host = EXCLUDED.host, acquired_at = EXCLUDED.acquired_at, nonce = EXCLUDED.nonce,"
        + " backend_pid = EXCLUDED.backend_pid")) {
      p.setString(1, id);
      p.setString(2, me.owner());
      p.setLong(3, me.pid());
      p.setString(4, me.host());
      p.setString(5, me.acquiredAt().toString());
      p.setString(6, me.nonce());
      p.setInt(7, backendPid);
      p.executeUpdate();
    }
  }

  /** The lease rows of an integration, each with whether its advisory lock is held by its backend. */
  private List<Row> rows(Connection c, String id) throws SQLException {
    long key = schema.lockKey("rollout", id);
    try (PreparedStatement p = c.prepareStatement("SELECT l.owner, l.pid, l.host, l.acquired_at, l.nonce,"
        + " EXISTS (SELECT 1 FROM pg_locks k WHERE k.locktype = 'advisory' AND k.granted"
        + " AND k.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        + " AND k.classid::bigint = ? AND k.objid::bigint = ? AND k.objsubid = 1 AND k.pid = l.backend_pid)"
        + " FROM " + schema.table("rollout_lease") + " l WHERE l.integration_id = ?")) {
      p.setLong(1, key >>> 32);
      p.setLong(2, key & 0xffffffffL);
      p.setString(3, id);
      try (ResultSet r = p.executeQuery()) {
        List<Row> out = new ArrayList<>();
        while (r.next()) {
          Instant at;
          try {
            at = Instant.parse(r.getString(4));
          } catch (DateTimeParseException e) {
            at = Instant.EPOCH; // a row written by hand: the holder is still named
          }
          out.add(new Row(new LockInfo(r.getString(1), r.getLong(2), r.getString(3), at, r.getString(5)),
              r.getBoolean(6)));
        }
        return out;
      }
    }
  }

  private record Row(LockInfo info, boolean held) {}

  private List<LockInfo> held(Connection c, String id) throws SQLException {
    return rows(c, id).stream().filter(Row::held).map(Row::info).toList();
  }

  /**
   * Returns the holder of the integration's rollout lease, if its advisory lock is held now. A row left
   * by a deployer that died is not a holder (its lease ended with its connection); {@link
   * #clearStaleLocks} removes such a row.
   *
   * @param integrationId the integration
   * @return the holder, or none
   * @throws StateStoreException if the database cannot be read
   */
  @Override
  public List<LockInfo> locks(String integrationId) {
    DeploymentState.checkIntegrationId(integrationId);
    try (Connection c = schema.connect()) {
      return List.copyOf(held(c, integrationId));
    } catch (SQLException e) {
      throw failure("cannot read the rollout lease of " + integrationId, e);
    }
  }

  /**
   * Removes the lease row of an integration whose holder is gone. The lease itself needs no clearing: it
   * ended with the holder's connection.
   *
   * @param integrationId the integration
   * @return the holder the removed row named, or none
   * @throws LockHeldException if the lease is held now (its holder's connection is open)
   * @throws StateStoreException if the database cannot be changed
   */
  @Override
  public List<LockInfo> clearStaleLocks(String integrationId) {
    DeploymentState.checkIntegrationId(integrationId);
    try (Connection c = schema.connect()) {
      c.setAutoCommit(false);
      try {
        // Holding the lock while deleting keeps a new holder from writing its row in between.
        long key = schema.lockKey("rollout", integrationId);
        try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
          p.setLong(1, key);
          try (ResultSet r = p.executeQuery()) {
            r.next();
            if (!r.getBoolean(1)) {
              Optional<LockInfo> holder = held(c, integrationId).stream().findFirst();
              throw new LockHeldException(integrationId, holder, LockHeldException.HolderStatus.RUNNING,
                  "PostgreSQL advisory lock in schema " + schema.name());
            }
          }
        }
        List<LockInfo> stale = rows(c, integrationId).stream().map(Row::info).toList();
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + schema.table("rollout_lease")
            + " WHERE integration_id = ?")) {
          p.setString(1, integrationId);
          p.executeUpdate();
        }
        c.commit();
        for (LockInfo l : stale) {
          LOG.info("cleared the rollout lease row of {} left by {}", integrationId, l.describe());
        }
        return List.copyOf(stale);
      } catch (SQLException | RuntimeException e) {
        JdbcSchema.rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw failure("cannot clear the rollout lease row of " + integrationId, e);
    }
  }

  private StateStoreException failure(String what, SQLException e) {
    return failure(what, e, "");
  }

  private StateStoreException failure(String what, SQLException e, String after) {
    return new StateStoreException(what + " in PostgreSQL schema " + schema.name() + ": "
        + JdbcSchema.describe(e) + "." + after, e);
  }

  /** A held lease: its own connection, whose session holds the advisory lock. */
  private final class Lease implements RolloutLease {
    private final String integrationId;
    private final long key;
    private final LockInfo me;
    private final Connection connection;
    private boolean closed;

    Lease(String integrationId, long key, LockInfo me, Connection connection) {
      this.integrationId = integrationId;
      this.key = key;
      this.me = me;
      this.connection = connection;
    }

    @Override
    public LockInfo holder() {
      return me;
    }

    /** Refuses a change when this lease's lock is no longer held (its connection broke). */
    void checkHeld(Connection c) throws SQLException {
      boolean held = rows(c, integrationId).stream()
          .anyMatch(r -> r.held() && r.info().nonce().equals(me.nonce()));
      if (!held) {
        List<LockInfo> other = held(c, integrationId);
        throw new LockHeldException(integrationId, other.stream().findFirst(),
            other.isEmpty() ? LockHeldException.HolderStatus.UNKNOWN : LockHeldException.HolderStatus.RUNNING,
            "this deployer's rollout lease (" + me.describe() + ") was lost with its connection to"
                + " PostgreSQL; the change was not saved");
      }
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      leases.remove(integrationId, this);
      try (Connection c = connection) {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + schema.table("rollout_lease")
            + " WHERE integration_id = ? AND nonce = ?")) {
          p.setString(1, integrationId);
          p.setString(2, me.nonce());
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
          p.setLong(1, key);
          p.execute();
        }
      } catch (SQLException e) {
        // The lock ends with the session anyway; only the row naming this holder may be left.
        LOG.warn("rollout lease of {}: could not remove its row ({}); the lease ended with its connection",
            integrationId, JdbcSchema.describe(e));
      }
    }
  }

  /**
   * Returns {@code JdbcStateStore[schema]}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "JdbcStateStore[" + schema.name() + "]";
  }
}
