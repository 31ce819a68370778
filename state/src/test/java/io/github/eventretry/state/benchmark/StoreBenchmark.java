package io.github.eventretry.state.benchmark;

import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.Fixtures;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.jdbc.JdbcAuditLog;
import io.github.eventretry.state.jdbc.JdbcSchema;
import io.github.eventretry.state.jdbc.JdbcStateStore;
import io.github.eventretry.state.jdbc.TestPostgres;
import io.github.eventretry.state.spi.AuditLog;
import io.github.eventretry.state.spi.StateStore;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Deploy-state write latency (p50, p99 of {@code compareAndSet}) and audit appends per second, for the
 * file store and log beside PostgreSQL, in one run with the rounds interleaved (a round of each in
 * turn), so that the machine's load falls on all of them alike. PostgreSQL runs with {@code fsync} on
 * (a server of its own, started here); the file store forces each write. PostgreSQL is measured twice:
 * with a new connection per operation (as the command line does) and with one connection reused (as a
 * connection pool would hand out). Run by {@code mvn -B -Dquick -Pjdbc-benchmark -pl state -am verify}
 * ({@code -Dwrites=}, {@code -Drounds=} change the sizes). Wall-clock measurement is the point here, so
 * this main uses System.nanoTime; no library code does.
 */
public final class StoreBenchmark {
  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "target/store-benchmark");
    int perRound = Integer.getInteger("writes", 250);
    int rounds = Integer.getInteger("rounds", 8);
    Files.createDirectories(root);
    Path folder = Files.createTempDirectory(root, "files-");
    TestPostgres pg = TestPostgres.start(true);
    try {
      String db = pg.newDatabase("bench");
      DataSource perOp = pg.dataSource(db);
      JdbcSchema fresh = JdbcSchema.of(perOp, "bench");
      fresh.migrate();
      DataSource reused = new OneConnection(perOp.getConnection());
      Map<String, StateStore> stores = new LinkedHashMap<>();
      stores.put("file (FileStateStore)", FileStateStore.open(folder));
      stores.put("PostgreSQL, connection per operation", JdbcStateStore.open(fresh));
      stores.put("PostgreSQL, one reused connection", JdbcStateStore.open(JdbcSchema.of(reused, "bench")));
      Map<String, AuditLog> logs = new LinkedHashMap<>();
      FileAuditLog fileLog = FileAuditLog.open(folder);
      logs.put("file (FileAuditLog, force per append)", fileLog);
      logs.put("PostgreSQL, connection per operation", JdbcAuditLog.builder(fresh).open());
      logs.put("PostgreSQL, one reused connection", JdbcAuditLog.builder(JdbcSchema.of(reused, "bench"))
          .open());

      Map<String, long[]> latencies = new LinkedHashMap<>();
      Map<String, DeploymentState> last = new LinkedHashMap<>();
      int k = 0;
      for (String name : stores.keySet()) {
        latencies.put(name, new long[perRound * rounds]);
        // Each store its own integration: the two PostgreSQL stores share one schema.
        DeploymentState first = state("3f1c2a9e-bench-" + k++, 1);
        stores.get(name).compareAndSet(0, first);
        last.put(name, first);
      }
      Map<String, long[]> appendNanos = new LinkedHashMap<>();
      logs.keySet().forEach(n -> appendNanos.put(n, new long[rounds]));
      // Warm-up: one round of each, not counted.
      for (int r = -1; r < rounds; r++) {
        for (Map.Entry<String, StateStore> e : stores.entrySet()) {
          DeploymentState s = last.get(e.getKey());
          for (int i = 0; i < perRound; i++) {
            DeploymentState next = s.toBuilder().nextSerial().build();
            long t0 = System.nanoTime();
            e.getValue().compareAndSet(s.serial(), next);
            long t = System.nanoTime() - t0;
            if (r >= 0) {
              latencies.get(e.getKey())[r * perRound + i] = t;
            }
            s = next;
          }
          last.put(e.getKey(), s);
        }
        for (Map.Entry<String, AuditLog> e : logs.entrySet()) {
          long t0 = System.nanoTime();
          for (int i = 0; i < perRound; i++) {
            e.getValue().append(AuditEntry.of("stage_applied", "bench").withDetail("i", Integer.toString(i)));
          }
          if (r >= 0) {
            appendNanos.get(e.getKey())[r] = System.nanoTime() - t0;
          }
        }
      }
      System.out.printf(Locale.ROOT, "%n%d writes and %d appends per store and log, %d interleaved rounds"
          + " (after one warm-up round); PostgreSQL 15 on 127.0.0.1 with fsync on%n%n", perRound * rounds,
          perRound * rounds, rounds);
      System.out.printf(Locale.ROOT, "| deploy-state write (compareAndSet) | p50 ms | p99 ms |%n|---|---|---|%n");
      for (Map.Entry<String, long[]> e : latencies.entrySet()) {
        long[] l = e.getValue().clone();
        Arrays.sort(l);
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f |%n", e.getKey(), l[l.length / 2] / 1e6,
            l[(int) Math.ceil(l.length * 0.99) - 1] / 1e6);
      }
      System.out.printf(Locale.ROOT, "%n| audit append (one thread) | appends/s |%n|---|---|%n");
      for (Map.Entry<String, long[]> e : appendNanos.entrySet()) {
        long total = Arrays.stream(e.getValue()).sum();
        System.out.printf(Locale.ROOT, "| %s | %.0f |%n", e.getKey(), perRound * rounds / (total / 1e9));
      }
      for (AuditLog l : logs.values()) {
        if (!l.verify().intact()) {
          throw new AssertionError("the log of " + l + " does not verify after the benchmark");
        }
      }
      fileLog.close();
      ((OneConnection) reused).connection.close();
    } finally {
      pg.stop();
    }
  }

  private static DeploymentState state(String id, long serial) {
    return DeploymentState.builder(id, UUID.fromString("0b9c7a52-1d0e-4f4e-9d7c-5c3a1e2f9b10")).serial(serial)
        .putVersion(PolicyVersion.baseline(Instant.parse("2026-12-02T10:00:00Z"),
            TargetSnapshot.of("bench", Fixtures.BASELINE_JSON), "bench"))
        .build();
  }

  /** Hands out one connection again and again (closing it is a no-op), as a pool would. */
  private static final class OneConnection implements DataSource {
    final Connection connection;
    private final Connection shared;

    OneConnection(Connection connection) {
      this.connection = connection;
      this.shared = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (p, m, a) -> {
            if (m.getName().equals("close")) {
              if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
              }
              connection.setReadOnly(false);
              connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
              return null;
            }
            try {
              return m.invoke(connection, a);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    @Override
    public synchronized Connection getConnection() {
      return shared;
    }

    @Override
    public Connection getConnection(String u, String p) throws SQLException {
      throw new SQLFeatureNotSupportedException();
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
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
