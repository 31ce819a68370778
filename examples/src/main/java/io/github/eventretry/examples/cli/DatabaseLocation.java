package io.github.eventretry.examples.cli;

import io.github.eventretry.core.text.SafeText;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database named by {@code --state postgresql://HOST[:PORT]/DB}. The user and password
 * never come from the URL (a URL is echoed in messages and kept in shell history): they come from
 * {@code EVENTRETRY_DB_USER} and {@code EVENTRETRY_DB_PASSWORD}, else {@code PGUSER} and {@code
 * PGPASSWORD}, and the password is never shown. Immutable and thread-safe.
 *
 * @param host the host name or address
 * @param port the port, 5432 when not given
 * @param database the database name
 */
record DatabaseLocation(String host, int port, String database) {
  /** The scheme the option takes. */
  static final String SCHEME = "postgresql://";
  /** The user variables, in the order they are read. */
  static final String USER = "EVENTRETRY_DB_USER";
  /** The password variables, in the order they are read. */
  static final String PASSWORD = "EVENTRETRY_DB_PASSWORD";

  private static final Pattern FORM = Pattern.compile("postgresql://"
      + "(?<host>[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(?::(?<port>[0-9]{1,5}))?"
      + "/(?<db>[A-Za-z0-9_][A-Za-z0-9_$-]{0,62})");

  /** Whether an option's value names a database rather than a folder. */
  static boolean isUrl(String value) {
    return value.contains("://") || value.startsWith("postgresql:") || value.startsWith("jdbc:");
  }

  /**
   * Parses the option's value.
   *
   * @param option such as {@code eventretry deploy: --state}, for the message
   * @param value the value, a URL ({@link #isUrl})
   * @return the location
   * @throws CliException exit 2 naming what is allowed; a user or password in the URL is not echoed
   */
  static DatabaseLocation parse(String option, String value) {
    String allowed = "; the form is postgresql://HOST[:PORT]/DB, with the user and password in "
        + USER + " and " + PASSWORD + " (or PGUSER and PGPASSWORD)";
    int scheme = value.indexOf("://");
    int at = value.indexOf('@');
    if (scheme >= 0 && at > scheme) {
      throw CliException.usage(option + " names a user or password in the URL (" + redacted(value)
          + "), which would show in messages and shell history: pass them in " + USER + " and " + PASSWORD
          + " (or PGUSER and PGPASSWORD) instead");
    }
    Matcher m = FORM.matcher(value);
    if (!m.matches()) {
      throw CliException.usage(option + " " + SafeText.quote(value, 200) + " is not a PostgreSQL URL"
          + allowed);
    }
    int port = 5432;
    if (m.group("port") != null) {
      port = Integer.parseInt(m.group("port"));
      if (port < 1 || port > 65535) {
        throw CliException.usage(option + " " + SafeText.quote(value, 200) + " has port " + port
            + ", not 1 to 65535" + allowed);
      }
    }
    return new DatabaseLocation(m.group("host"), port, m.group("db"));
  }

  /** The URL with anything between the scheme and an {@code @} left out. */
  private static String redacted(String value) {
    int scheme = value.indexOf("://");
    int at = value.lastIndexOf('@');
    return SafeText.quote(value.substring(0, scheme + 3) + "…" + value.substring(at), 200);
  }

  /**
   * Returns the URL as messages show it.
   *
   * @return {@code postgresql://HOST:PORT/DB}
   */
  String shown() {
    return SCHEME + host + ":" + port + "/" + database;
  }

  /**
   * Returns a data source for the database, with the user and password from the environment.
   *
   * @param command the command's name, for the message
   * @param env the environment
   * @return the data source (each connection is a new one)
   * @throws CliException exit 2 when no user is set
   */
  DataSource dataSource(String command, Map<String, String> env) {
    String user = first(env, USER, "PGUSER").orElseThrow(() -> CliException.usage("eventretry " + command
        + ": --state " + shown() + " needs a database user: set " + USER + " (or PGUSER), and "
        + PASSWORD + " (or PGPASSWORD) when the server asks for a password"));
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {host.startsWith("[") ? host.substring(1, host.length() - 1) : host});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(database);
    ds.setUser(user);
    first(env, PASSWORD, "PGPASSWORD").ifPresent(ds::setPassword);
    ds.setApplicationName("eventretry");
    ds.setConnectTimeout(10);
    ds.setTcpKeepAlive(true);
    return ds;
  }

  private static Optional<String> first(Map<String, String> env, String a, String b) {
    return Optional.ofNullable(env.get(a)).filter(s -> !s.isEmpty())
        .or(() -> Optional.ofNullable(env.get(b)).filter(s -> !s.isEmpty()));
  }
}
