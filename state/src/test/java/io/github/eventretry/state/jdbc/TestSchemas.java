package io.github.eventretry.state.jdbc;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Fresh, migrated schemas for the JDBC tests: one database per JVM on the {@link TestPostgres} server,
 * one schema per test. Thread-safe.
 */
public final class TestSchemas {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static String database;

  private TestSchemas() {}

  /**
   * Returns the database the schemas are made in, creating it the first time.
   *
   * @return its name on {@link TestPostgres#shared()}
   */
  public static synchronized String database() {
    if (database == null) {
      database = TestPostgres.shared().newDatabase("eventretry_test");
    }
    return database;
  }

  /**
   * Returns a superuser data source on the tests' database.
   *
   * @return the data source
   */
  public static DataSource dataSource() {
    return TestPostgres.shared().dataSource(database());
  }

  /**
   * Returns a new schema at the current version.
   *
   * @return the schema
   */
  public static JdbcSchema fresh() {
    JdbcSchema s = JdbcSchema.of(dataSource(), "t" + COUNT.incrementAndGet());
    s.migrate();
    return s;
  }
}
