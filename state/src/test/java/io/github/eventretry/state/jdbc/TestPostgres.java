package io.github.eventretry.state.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.io.PrintWriter;
import java.sql.DriverManager;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A PostgreSQL server that the tests start themselves on 127.0.0.1: {@code initdb} into a fresh folder
 * under {@code target}, {@code postgres} on a free port, and {@code pg_ctl stop} when the JVM exits. It
 * uses the Debian PostgreSQL 15 server binaries in {@code /usr/lib/postgresql/15/bin} (or the folder in
 * the system property {@code eventretry.pg.bin}); when they are missing, {@link #shared()} fails with a
 * line saying how to get them, so that no test skips silently. PostgreSQL refuses to run as root: when
 * the build runs as root the server runs as {@code nobody} (through {@code runuser}).
 *
 * <p>The server trusts every local connection (it listens on 127.0.0.1 only, for the length of a
 * build). Each test takes its own database ({@link #newDatabase}). Thread-safe.
 */
public final class TestPostgres {
  /** Where the Debian package puts the server binaries. */
  public static final String DEFAULT_BIN = "/usr/lib/postgresql/15/bin";
  /** The superuser the server is created with. */
  public static final String SUPERUSER = "postgres";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static TestPostgres shared;

  private final Path bin;
  private final Path data;
  private final Path sockets;
  private final Path log;
  private final int port;
  private final boolean asNobody;

  private TestPostgres(Path bin, Path data, Path sockets, Path log, int port, boolean asNobody) {
    this.bin = bin;
    this.data = data;
    this.sockets = sockets;
    this.log = log;
    this.port = port;
    this.asNobody = asNobody;
  }

  /**
   * Returns the server shared by the tests of this JVM, starting it the first time (fsync off: the
   * tests kill clients, not the server).
   *
   * @return the server
   * @throws IllegalStateException if the binaries are missing (the message says how to get them) or the
   *     server does not start (the message holds its log)
   */
  public static synchronized TestPostgres shared() {
    if (shared == null) {
      shared = start(false);
      TestPostgres s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "stop-test-postgres"));
    }
    return shared;
  }

  /**
   * Starts a server of its own (for the benchmark, with {@code fsync} on as in production). Stop it.
   *
   * @param fsync whether the server forces its write-ahead log at commit
   * @return the server
   */
  public static TestPostgres start(boolean fsync) {
    Path bin = Path.of(System.getProperty("eventretry.pg.bin", DEFAULT_BIN));
    for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
      if (!Files.isExecutable(bin.resolve(tool))) {
        throw new IllegalStateException("the PostgreSQL server binaries are missing: no " + bin.resolve(tool)
            + ". The JDBC tests start a PostgreSQL 15 server themselves; install it with"
            + " `apt-get update && apt-get install -y postgresql-15` (.ci/run does this on a fresh"
            + " machine), or pass -Deventretry.pg.bin=FOLDER naming a folder with initdb, pg_ctl and"
            + " postgres");
      }
    }
    boolean asNobody = "root".equals(System.getProperty("user.name"));
    try {
      Path target = Path.of(System.getProperty("eventretry.pg.dir", "target")).toAbsolutePath();
      Files.createDirectories(target);
      Path data = Files.createTempDirectory(target, "pg-data-");
      // A Unix socket path must stay short (about 100 bytes): the sockets go under /tmp.
      Path sockets = Files.createTempDirectory("pg-sock-");
      Path log = data.resolveSibling(data.getFileName() + ".log");
      if (asNobody) {
        run(List.of("chown", "nobody:", data.toString(), sockets.toString()), 60);
        Files.writeString(log, "");
        run(List.of("chown", "nobody:", log.toString()), 60);
      }
      TestPostgres pg = null;
      List<String> initdb = List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U",
          SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions");
      run(as(asNobody, initdb), 120);
      IOException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        int port = freePort();
        String options = "-h 127.0.0.1 -p " + port + " -k " + sockets + " -c fsync=" + (fsync ? "on" : "off")
            + " -c max_connections=200 -c shared_buffers=32MB";
        try {
          run(as(asNobody, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
              log.toString(), "-w", "-t", "60", "-o", options, "start")), 90);
          pg = new TestPostgres(bin, data, sockets, log, port, asNobody);
          break;
        } catch (IOException e) {
          last = e; // most likely the port was taken meanwhile: another free port
        }
      }
      if (pg == null) {
        throw new IllegalStateException("PostgreSQL did not start: " + last.getMessage() + "\nserver log:\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return pg;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the test PostgreSQL server: " + e.getMessage(), e);
    }
  }

  private static List<String> as(boolean asNobody, List<String> command) {
    if (!asNobody) {
      return command;
    }
    List<String> c = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
    c.addAll(command);
    return c;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void run(List<String> command, long seconds) throws IOException {
    Path out = Files.createTempFile("pg-cmd", ".out");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
          .directory(Path.of("/").toFile()).start();
      boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      if (!done || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + (done ? " exited " + p.exitValue()
            : " did not finish in " + seconds + " s") + ": " + Files.readString(out, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Stops the server and removes its folder. Harmless when already stopped. */
  public void stop() {
    try {
      run(as(asNobody, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
          "-w", "stop")), 60);
    } catch (IOException e) {
      // already stopped
    }
    for (Path p : List.of(data, sockets)) {
      try (Stream<Path> s = Files.walk(p)) {
        for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      } catch (IOException e) {
        // left for mvn clean
      }
    }
  }

  /**
   * Returns the port the server listens on (on 127.0.0.1).
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Returns the server's log file.
   *
   * @return its path
   */
  public Path log() {
    return log;
  }

  /**
   * Creates a new, empty database.
   *
   * @param prefix the start of its name (lowercase letters, digits, underscores)
   * @return its name
   */
  public String newDatabase(String prefix) {
    String name = prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = dataSource("postgres", SUPERUSER).getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return name;
  }

  /**
   * Returns a data source connecting as the superuser.
   *
   * @param database the database
   * @return the data source
   */
  public DataSource dataSource(String database) {
    return dataSource(database, SUPERUSER);
  }

  /**
   * Returns a data source connecting as a user (any password: the server trusts local connections).
   *
   * @param database the database
   * @param user the role
   * @return the data source
   */
  public DataSource dataSource(String database, String user) {
    return urlDataSource(port, database, user);
  }

  /**
   * Returns a data source on a server of this kind started elsewhere (by the JVM that runs the test,
   * for a child JVM).
   *
   * @param port the server's port on 127.0.0.1
   * @param database the database
   * @param user the role
   * @return the data source
   */
  public static DataSource urlDataSource(int port, String database, String user) {
    return new UrlDataSource("jdbc:postgresql://127.0.0.1:" + port + "/" + database, user);
  }

  /**
   * Connections through {@link DriverManager} (the driver's own data source classes need
   * {@code java.naming}, which this module does not read).
   */
  private record UrlDataSource(String url, String user) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      Properties p = new Properties();
      p.setProperty("user", user);
      p.setProperty("connectTimeout", "10");
      return DriverManager.getConnection(url, p);
    }

    @Override
    public Connection getConnection(String u, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("the test data source has one user");
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
      return 10;
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

  /**
   * Returns the URL the command line takes for a database, {@code postgresql://127.0.0.1:PORT/DB}.
   *
   * @param database the database
   * @return the URL
   */
  public String url(String database) {
    return "postgresql://127.0.0.1:" + port + "/" + database;
  }
}
