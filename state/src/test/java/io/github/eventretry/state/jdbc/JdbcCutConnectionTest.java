package io.github.eventretry.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.LockHeldException;
import io.github.eventretry.state.StateStoreException;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditLogException;
import io.github.eventretry.state.contract.StateStoreContract;
import io.github.eventretry.state.spi.RolloutLease;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The server ends a connection in the middle of a transaction ({@code pg_terminate_backend} from
 * another session, as when a deployer's network drops or its host dies): nothing of the transaction is
 * left, and the next change goes on from the state before it.
 */
class JdbcCutConnectionTest {
  static final String ID = io.github.eventretry.state.Fixtures.INTEGRATION;

  static DeploymentState sample(long serial) {
    return Samples.of(serial);
  }

  /** Reaches the contract's sample state (not a test class: JUnit runs no static nested class). */
  abstract static class Samples extends StateStoreContract {
    static DeploymentState of(long serial) {
      return sample(serial);
    }
  }

  /** Terminates a connection's own backend, from another session, just before a chosen step. */
  static final class CuttingDataSource implements DataSource {
    final DataSource delegate;
    final Predicate<String> cutBefore; // the SQL text, or "COMMIT"
    final AtomicBoolean armed = new AtomicBoolean();
    final AtomicBoolean cut = new AtomicBoolean();

    CuttingDataSource(DataSource delegate, Predicate<String> cutBefore) {
      this.delegate = delegate;
      this.cutBefore = cutBefore;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection real = delegate.getConnection();
      int pid;
      try (Statement s = real.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
        r.next();
        pid = r.getInt(1);
      }
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            String step = method.getName().equals("commit") ? "COMMIT"
                : method.getName().equals("prepareStatement") ? (String) args[0] : null;
            if (step != null && armed.get() && cutBefore.test(step) && cut.compareAndSet(false, true)) {
              try (Connection other = delegate.getConnection(); PreparedStatement p =
                  other.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
                p.setInt(1, pid);
                p.execute();
              }
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    @Override
    public Connection getConnection(String user, String password) {
      throw new UnsupportedOperationException();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }

  @Test
  void aStateChangeCutBeforeItsCommitLeavesTheStateBeforeIt() {
    JdbcSchema plain = TestSchemas.fresh();
    CuttingDataSource cutting = new CuttingDataSource(TestSchemas.dataSource(), "COMMIT"::equals);
    JdbcStateStore store = JdbcStateStore.open(JdbcSchema.of(cutting, plain.name()));
    DeploymentState first = sample(1);
    store.compareAndSet(0, first);
    DeploymentState second = first.toBuilder().nextSerial().rollout(Optional.empty()).build();

    cutting.armed.set(true);
    assertThatThrownBy(() -> store.compareAndSet(1, second)).isInstanceOf(StateStoreException.class)
        .hasMessageContaining("cannot save the state of " + ID + " at serial 2");
    assertThat(cutting.cut).isTrue();

    assertThat(store.load(ID)).contains(first);
    store.compareAndSet(1, second);
    assertThat(store.load(ID)).contains(second);
  }

  @Test
  void anAppendCutBetweenItsRecordAndItsHeadLeavesNeither() throws SQLException {
    JdbcSchema plain = TestSchemas.fresh();
    CuttingDataSource cutting = new CuttingDataSource(TestSchemas.dataSource(),
        sql -> sql.startsWith("UPDATE") && sql.contains("audit_head"));
    JdbcAuditLog log = JdbcAuditLog.builder(JdbcSchema.of(cutting, plain.name())).open();
    log.append(AuditEntry.of("deploy_started", "alice"));

    cutting.armed.set(true);
    assertThatThrownBy(() -> log.append(AuditEntry.of("stage_applied", "alice")))
        .isInstanceOf(AuditLogException.class).hasMessageContaining("Nothing was appended");
    assertThat(cutting.cut).isTrue();

    try (Connection c = TestSchemas.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), max(seq) FROM \"" + plain.name() + "\".audit_record")) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(1);
      assertThat(r.getLong(2)).isEqualTo(1);
    }
    assertThat(log.append(AuditEntry.of("stage_applied", "alice")).seq()).isEqualTo(2);
    assertThat(log.verify().intact()).isTrue();
  }

  @Test
  void aLeaseWhoseConnectionIsCutEndsAndItsHolderCanNoLongerChangeTheState() throws SQLException {
    JdbcSchema schema = TestSchemas.fresh();
    JdbcStateStore store = JdbcStateStore.open(schema);
    store.compareAndSet(0, sample(1));
    try (RolloutLease lease = store.acquireRolloutLease(ID, "carol")) {
      try (Connection c = TestSchemas.dataSource().getConnection(); PreparedStatement p = c.prepareStatement(
          "SELECT pg_terminate_backend(backend_pid, 10000) FROM \"" + schema.name() + "\".rollout_lease")) {
        p.execute();
      }
      assertThat(store.locks(ID)).isEmpty();
      JdbcStateStore other = JdbcStateStore.open(schema);
      try (RolloutLease next = other.acquireRolloutLease(ID, "dave")) {
        DeploymentState cur = store.load(ID).orElseThrow();
        assertThatThrownBy(() -> store.compareAndSet(1, cur.toBuilder().nextSerial().build()))
            .isInstanceOfSatisfying(LockHeldException.class, e -> {
              assertThat(e.holder()).map(h -> h.owner()).contains("dave");
              assertThat(e.getMessage()).contains("rollout lease").contains("was lost with its connection");
            });
        assertThat(store.load(ID)).contains(cur);
      }
    }
  }
}
