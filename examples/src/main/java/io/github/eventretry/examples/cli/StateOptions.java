package io.github.eventretry.examples.cli;

import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.StateException;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.jdbc.JdbcAuditLog;
import io.github.eventretry.state.jdbc.JdbcSchema;
import io.github.eventretry.state.jdbc.JdbcStateStore;
import io.github.eventretry.state.spi.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a command keeps deployment state and the audit log: {@code --state DIR} (a folder) or {@code
 * --state postgresql://HOST[:PORT]/DB} (a PostgreSQL database, see {@link DatabaseLocation}), and the
 * folder's audit key from {@code EVENTRETRY_AUDIT_KEY}. A picocli mixin.
 */
public final class StateOptions {
  /** The state folder used when none is given. */
  public static final String DEFAULT_FOLDER = "eventretry-state";
  /** The environment variable holding the audit log's HMAC key (at least 16 characters). */
  public static final String AUDIT_KEY = "EVENTRETRY_AUDIT_KEY";

  @Option(names = "--state", paramLabel = "DIR|URL", defaultValue = DEFAULT_FOLDER,
      description = "The state and audit folder, or a PostgreSQL database postgresql://HOST[:PORT]/DB"
          + " (user and password from EVENTRETRY_DB_USER and EVENTRETRY_DB_PASSWORD, or PGUSER and"
          + " PGPASSWORD) (default: ${DEFAULT-VALUE}).")
  String location;

  /** The command this mixin is part of: its root holds the environment. */
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  /** The environment, for the database's user and password. */
  private Map<String, String> env() {
    Object root = mixee == null ? null : mixee.root().userObject();
    return root instanceof EventRetryCli cli ? cli.env() : Map.of();
  }

  /** The database, when {@code --state} names one. */
  Optional<DatabaseLocation> database(String command) {
    return DatabaseLocation.isUrl(location)
        ? Optional.of(DatabaseLocation.parse("eventretry " + command + ": --state", location))
        : Optional.empty();
  }

  /** The folder, when {@code --state} names one. */
  Path folder() {
    return Path.of(location);
  }

  /** The folder or database as messages show it. */
  String shownFolder() {
    return DatabaseLocation.isUrl(location) ? database("").map(DatabaseLocation::shown).orElseThrow()
        : SafeText.quote(location, 200);
  }

  private void checkNotAFile(String command) {
    checkFolder("eventretry " + command + ": --state", folder());
  }

  /**
   * Refuses a path that exists and is not a folder, before anything is written.
   *
   * @param option the option that named it, for the message
   * @param folder the path
   * @throws CliException exit 2, one line
   */
  static void checkFolder(String option, Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw CliException.usage(option + " " + PolicyFiles.shown(folder)
          + " is a file, not a folder; name a folder (it is created when missing)");
    }
  }

  /**
   * Returns the database's schema, for {@code --state URL}.
   *
   * @param command the command's name, for messages
   * @param db the database
   * @return the schema
   */
  JdbcSchema schema(String command, DatabaseLocation db) {
    return JdbcSchema.of(db.dataSource(command, env()));
  }

  /**
   * Opens the state store: a folder (created when missing) or the database.
   *
   * @param command the command's name, for messages
   * @return the store
   * @throws CliException exit 2 when {@code --state} names something that is not a folder or not a
   *     PostgreSQL URL; exit 1 when the database cannot be reached or has no eventretry tables
   */
  StateStore store(String command) {
    Optional<DatabaseLocation> db = database(command);
    try {
      if (db.isPresent()) {
        return JdbcStateStore.open(schema(command, db.get()));
      }
      checkNotAFile(command);
      return FileStateStore.open(folder());
    } catch (StateException e) {
      throw Deployments.failure(command, e);
    }
  }

  /**
   * Returns the audit log's key from {@code EVENTRETRY_AUDIT_KEY}, if set.
   *
   * @param command the command's name, for messages
   * @param env the environment
   * @return the key's bytes (UTF-8)
   * @throws CliException exit 2 when the key is shorter than 16 characters (the key is never shown)
   */
  static Optional<byte[]> auditKey(String command, Map<String, String> env) {
    String key = env.get(AUDIT_KEY);
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < 16) {
      throw CliException.usage("eventretry " + command + ": " + AUDIT_KEY + " must be at least 16"
          + " bytes long (it has " + bytes.length + ")");
    }
    return Optional.of(bytes);
  }

  /**
   * Opens the audit log: the folder's, signed with {@code EVENTRETRY_AUDIT_KEY} when it is set, or the
   * database's (which warns when the role may change the audit table).
   *
   * @param command the command's name, for messages
   * @param env the environment
   * @return the log; close it
   * @throws CliException exit 2 for a short key, exit 1 when the log cannot be opened
   */
  OpenAuditLog audit(String command, Map<String, String> env) {
    Optional<DatabaseLocation> db = database(command);
    try {
      if (db.isPresent()) {
        return new OpenAuditLog(JdbcAuditLog.builder(schema(command, db.get())).open(),
            "the audit table of " + db.get().shown());
      }
      checkNotAFile(command);
      FileAuditLog.Builder b = FileAuditLog.builder(folder());
      auditKey(command, env).ifPresent(b::hmacKey);
      FileAuditLog log = b.open();
      return new OpenAuditLog(log, SafeText.quote(auditFile().toString(), 200));
    } catch (StateException e) {
      throw Deployments.failure(command, e);
    }
  }

  /** The audit log file of the folder. */
  Path auditFile() {
    return folder().resolve(FileAuditLog.DEFAULT_FILE_NAME);
  }

  /**
   * Opens the store of a folder that must already exist, or of the database.
   *
   * @param command the command's name, for the message
   * @return the store
   * @throws CliException exit 2 when the folder does not exist or is not a folder
   */
  StateStore existingStore(String command) {
    if (database(command).isEmpty()) {
      checkNotAFile(command);
      if (!Files.isDirectory(folder())) {
        throw CliException.usage("eventretry " + command + ": no state folder " + shownFolder()
            + " (pass --state DIR or --state postgresql://HOST[:PORT]/DB)");
      }
    }
    return store(command);
  }

  /**
   * Loads the state of one integration, for the read-only commands.
   *
   * @param command the command's name, for messages
   * @param given the {@code --integration} value, or null
   * @param env the environment ({@code GENESYS_INTEGRATION_ID}, the database's user and password)
   * @return the state
   * @throws CliException exit 2 when the folder, the integration or its state is missing; exit 1 when
   *     the state cannot be read
   */
  DeploymentState load(String command, String given, Map<String, String> env) {
    StateStore store = existingStore(command);
    String id = pick(store, Optional.ofNullable(given)
        .or(() -> Optional.ofNullable(env.get("GENESYS_INTEGRATION_ID")).filter(s -> !s.isBlank())),
        command);
    try {
      return store.load(id).orElseThrow(() -> CliException.usage(
          "eventretry " + command + ": no deployment state for " + id + " in " + shownFolder()));
    } catch (StateException e) {
      throw Deployments.failure(command, e);
    }
  }

  /**
   * Lists the integrations a store holds a state of.
   *
   * @param store a folder's or a database's store
   * @return their ids, sorted
   * @throws StateException if they cannot be read
   */
  static List<String> integrations(StateStore store) {
    if (store instanceof JdbcStateStore j) {
      return j.integrations();
    }
    return ((FileStateStore) store).integrations();
  }

  /**
   * Picks the integration: the one given, or the only one the store holds.
   *
   * @param store the store
   * @param given the integration named by option or environment
   * @param command the command's name, for the message
   * @return the id
   * @throws CliException exit 2 when none is given and the store holds none or several
   */
  static String pick(StateStore store, Optional<String> given, String command) {
    if (given.isPresent()) {
      return GenesysOptions.checked(given.get());
    }
    List<String> ids;
    try {
      ids = integrations(store);
    } catch (StateException e) {
      throw Deployments.failure(command, e);
    }
    if (ids.size() == 1) {
      return ids.get(0);
    }
    String where = store instanceof FileStateStore f ? SafeText.quote(f.folder().toString(), 200)
        : "PostgreSQL schema " + ((JdbcStateStore) store).schema().name();
    if (ids.isEmpty()) {
      throw CliException.usage("eventretry " + command + ": " + where + " holds no deployment state"
          + " yet");
    }
    throw CliException.usage("eventretry " + command + ": " + where + " holds " + ids.size()
        + " integrations (" + String.join(", ", ids) + "); pass --integration ID");
  }
}
