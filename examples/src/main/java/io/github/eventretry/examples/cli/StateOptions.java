package io.github.eventretry.examples.cli;

import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.StateException;
import io.github.eventretry.state.audit.FileAuditLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a command keeps deployment state and the audit log: {@code --state DIR}, and the audit log's
 * key from {@code EVENTRETRY_AUDIT_KEY}. A picocli mixin.
 */
public final class StateOptions {
  /** The state folder used when none is given. */
  public static final String DEFAULT_FOLDER = "eventretry-state";
  /** The environment variable holding the audit log's HMAC key (at least 16 characters). */
  public static final String AUDIT_KEY = "EVENTRETRY_AUDIT_KEY";

  @Option(names = "--state", paramLabel = "DIR", defaultValue = DEFAULT_FOLDER,
      description = "The state and audit folder (default: ${DEFAULT-VALUE}).")
  Path folder;

  /** The folder as messages show it. */
  String shownFolder() {
    return SafeText.quote(folder.toString(), 200);
  }

  private void checkNotAFile(String command) {
    checkFolder("eventretry " + command + ": --state", folder);
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
   * Opens the state store, creating the folder.
   *
   * @param command the command's name, for messages
   * @return the store
   * @throws CliException exit 2 when {@code --state} names something that is not a folder
   */
  FileStateStore store(String command) {
    checkNotAFile(command);
    try {
      return FileStateStore.open(folder);
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
   * Opens the audit log in the folder, signed with {@code EVENTRETRY_AUDIT_KEY} when it is set.
   *
   * @param command the command's name, for messages
   * @param env the environment
   * @return the log; close it
   * @throws CliException exit 2 for a short key, exit 1 when the log cannot be opened
   */
  FileAuditLog audit(String command, Map<String, String> env) {
    checkNotAFile(command);
    FileAuditLog.Builder b = FileAuditLog.builder(folder);
    auditKey(command, env).ifPresent(b::hmacKey);
    try {
      return b.open();
    } catch (StateException e) {
      throw Deployments.failure(command, e);
    }
  }

  /** The audit log file of the folder. */
  Path auditFile() {
    return folder.resolve(FileAuditLog.DEFAULT_FILE_NAME);
  }

  /**
   * Opens the store of a folder that must already exist.
   *
   * @param command the command's name, for the message
   * @return the store
   * @throws CliException exit 2 when the folder does not exist or is not a folder
   */
  FileStateStore existingStore(String command) {
    checkNotAFile(command);
    if (!Files.isDirectory(folder)) {
      throw CliException.usage("eventretry " + command + ": no state folder " + shownFolder()
          + " (pass --state DIR)");
    }
    return store(command);
  }

  /**
   * Loads the state of one integration from an existing folder, for the read-only commands.
   *
   * @param command the command's name, for messages
   * @param given the {@code --integration} value, or null
   * @param env the environment ({@code GENESYS_INTEGRATION_ID})
   * @return the state
   * @throws CliException exit 2 when the folder, the integration or its state is missing; exit 1 when
   *     the state cannot be read
   */
  DeploymentState load(String command, String given, Map<String, String> env) {
    FileStateStore store = existingStore(command);
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
   * Picks the integration: the one given, or the only one the folder holds.
   *
   * @param store the store
   * @param given the integration named by option or environment
   * @param command the command's name, for the message
   * @return the id
   * @throws CliException exit 2 when none is given and the folder holds none or several
   */
  static String pick(FileStateStore store, Optional<String> given, String command) {
    if (given.isPresent()) {
      return GenesysOptions.checked(given.get());
    }
    List<String> ids;
    try {
      ids = store.integrations();
    } catch (StateException e) {
      throw Deployments.failure(command, e);
    }
    if (ids.size() == 1) {
      return ids.get(0);
    }
    String where = SafeText.quote(store.folder().toString(), 200);
    if (ids.isEmpty()) {
      throw CliException.usage("eventretry " + command + ": " + where + " holds no deployment state"
          + " yet");
    }
    throw CliException.usage("eventretry " + command + ": " + where + " holds " + ids.size()
        + " integrations (" + String.join(", ", ids) + "); pass --integration ID");
  }
}
