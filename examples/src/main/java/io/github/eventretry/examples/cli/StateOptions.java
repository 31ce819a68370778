package io.github.eventretry.examples.cli;

import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.FileAuditLog;
import io.github.eventretry.state.FileStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a command keeps deployment state and the audit log: {@code --state DIR}. A picocli mixin. */
public final class StateOptions {
  /** The state folder used when none is given. */
  public static final String DEFAULT_FOLDER = "eventretry-state";

  @Option(names = "--state", paramLabel = "DIR", defaultValue = DEFAULT_FOLDER,
      description = "state and audit folder (default: ${DEFAULT-VALUE})")
  Path folder;

  /**
   * Opens the state store, creating the folder.
   *
   * @return the store
   */
  FileStateStore store() {
    checkFolder("eventretry: --state", folder);
    return FileStateStore.open(folder);
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
   * Opens the audit log in the folder.
   *
   * @return the log; close it
   */
  FileAuditLog audit() {
    checkFolder("eventretry: --state", folder);
    return FileAuditLog.open(folder);
  }

  /**
   * Opens the store of a folder that must already exist.
   *
   * @param command the command's name, for the message
   * @return the store
   * @throws CliException exit 2 when the folder does not exist
   */
  FileStateStore existingStore(String command) {
    checkFolder("eventretry " + command + ": --state", folder);
    if (!Files.isDirectory(folder)) {
      throw CliException.usage("eventretry " + command + ": no state folder " + folder
          + " (pass --state DIR)");
    }
    return store();
  }

  /**
   * Loads the state of one integration from an existing folder, for the read-only commands.
   *
   * @param command the command's name, for messages
   * @param given the {@code --integration} value, or null
   * @param env the environment ({@code GENESYS_INTEGRATION_ID})
   * @return the state
   * @throws CliException exit 2 when the folder, the integration or its state is missing
   */
  DeploymentState load(String command, String given, Map<String, String> env) {
    FileStateStore store = existingStore(command);
    String id = pick(store, Optional.ofNullable(given)
        .or(() -> Optional.ofNullable(env.get("GENESYS_INTEGRATION_ID"))), command);
    return store.load(id).orElseThrow(() -> CliException.usage(
        "eventretry " + command + ": no deployment state for " + id + " in " + store.folder()));
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
    List<String> ids = store.integrations();
    if (ids.size() == 1) {
      return ids.get(0);
    }
    if (ids.isEmpty()) {
      throw CliException.usage("eventretry " + command + ": " + store.folder()
          + " holds no deployment state yet");
    }
    throw CliException.usage("eventretry " + command + ": " + store.folder() + " holds "
        + ids.size() + " integrations (" + String.join(", ", ids) + "); pass --integration ID");
  }
}
