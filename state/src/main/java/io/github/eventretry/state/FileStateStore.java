package io.github.eventretry.state;

import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.internal.CompareAndSet;
import io.github.eventretry.state.internal.Files2;
import io.github.eventretry.state.internal.Json;
import io.github.eventretry.state.internal.LockFiles;
import io.github.eventretry.state.internal.StateCodec;
import io.github.eventretry.state.spi.RolloutLease;
import io.github.eventretry.state.spi.StateStore;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each integration's {@link DeploymentState} in a JSON file {@code <integrationId>.state.json} in
 * one folder.
 *
 * <p>A change takes the lock file {@code <integrationId>.state.lock} (owner, pid, host, time), reads the
 * stored serial, writes the new state to a temp file in the same folder, forces it, moves it atomically
 * over the state file, forces the folder (skipped on Windows), and releases the lock. A crash at any
 * point leaves the old state or the new one, never a mix. A rollout holds {@code
 * <integrationId>.rollout.lock} for its whole length. A lock left by a dead process is reported
 * ({@link LockHeldException}, status {@code GONE}), and cleared only by {@link #clearStaleLocks(String)}.
 * A state file that is not valid state, or has an unknown schema version, raises
 * {@link CorruptStateException} naming the file and is left as it is.
 *
 * <p>Thread-safe, and safe between processes sharing the folder on one local file system.
 *
 * <pre>{@code
 * FileStateStore store = FileStateStore.open(Path.of("state"));
 * Optional<DeploymentState> state = store.load("9f1c...");
 * }</pre>
 */
public final class FileStateStore implements StateStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileStateStore.class);
  private static final String STATE_SUFFIX = ".state.json";

  private final Path folder;
  private final Clock clock;

  private FileStateStore(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  /**
   * Opens a state folder, with the system UTC clock for lock times. A missing folder is created by the
   * first change, not here (see {@link #open(Path, Clock)}).
   *
   * @param folder the folder
   * @return the store
   * @throws StateStoreException if the path exists and is not a folder
   */
  public static FileStateStore open(Path folder) {
    return open(folder, Clock.systemUTC());
  }

  /**
   * Opens a state folder. A missing folder is not created here but by the first lock a change or a
   * rollout lease takes, and a rollout lease that created it removes it again if it is still empty when
   * the lease ends: a rollout turned away before it recorded anything (its target could not be read)
   * leaves no folder behind.
   *
   * @param folder the folder
   * @param clock the clock for lock times
   * @return the store
   * @throws StateStoreException if the path exists and is not a folder
   */
  public static FileStateStore open(Path folder, Clock clock) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(clock, "clock");
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new StateStoreException("cannot use state folder " + folder + ": it exists and is not a folder");
    }
    return new FileStateStore(folder.toAbsolutePath(), clock);
  }

  /**
   * Returns the folder.
   *
   * @return the absolute folder path
   */
  public Path folder() {
    return folder;
  }

  /**
   * Returns the file an integration's state is kept in.
   *
   * @param integrationId the integration
   * @return {@code <folder>/<integrationId>.state.json}
   * @throws IllegalArgumentException if the id is not a safe file name (see
   *     {@link DeploymentState#checkIntegrationId})
   */
  public Path stateFile(String integrationId) {
    return folder.resolve(DeploymentState.checkIntegrationId(integrationId) + STATE_SUFFIX);
  }

  private Path stateLock(String integrationId) {
    return folder.resolve(DeploymentState.checkIntegrationId(integrationId) + ".state.lock");
  }

  private Path rolloutLock(String integrationId) {
    return folder.resolve(DeploymentState.checkIntegrationId(integrationId) + ".rollout.lock");
  }

  /**
   * Lists the integrations that have a state file in the folder.
   *
   * @return their ids, sorted
   * @throws StateStoreException if the folder cannot be listed
   */
  public List<String> integrations() {
    if (!Files.isDirectory(folder)) {
      return List.of(); // not created yet
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(STATE_SUFFIX))
          .map(n -> n.substring(0, n.length() - STATE_SUFFIX.length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new StateStoreException("cannot list state folder " + folder + ": " + Files2.describe(e), e);
    }
  }

  @Override
  public Optional<DeploymentState> load(String integrationId) {
    Path file = stateFile(integrationId);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StateStoreException("cannot read state file " + file + ": " + Files2.describe(e), e);
    }
    DeploymentState s;
    try {
      s = StateCodec.read(bytes);
    } catch (StateCodec.UnknownSchema e) {
      throw new CorruptStateException("state file " + file + " has schema_version "
          + SafeText.quote(e.version) + "; this version of eventretry reads schema_version 1 and "
          + DeploymentState.SCHEMA_VERSION + " only. The file was left untouched.");
    } catch (Json.Bad e) {
      throw new CorruptStateException("state file " + file + " is not valid deployment state: "
          + SafeText.escape(e.getMessage()) + ". The file was left untouched.");
    }
    if (!s.integrationId().equals(integrationId)) {
      throw new CorruptStateException("state file " + file + " holds the state of integration "
          + SafeText.quote(s.integrationId()) + ", not " + integrationId
          + ". The file was left untouched.");
    }
    return Optional.of(s);
  }

  @Override
  public DeploymentState compareAndSet(long expectedSerial, DeploymentState next) {
    CompareAndSet.checkNext(expectedSerial, next);
    String id = next.integrationId();
    Path lock = stateLock(id);
    LockInfo me = LockFiles.mine("state-change", clock);
    take(id, lock, me);
    try {
      CompareAndSet.checkAgainst(load(id), expectedSerial, next);
      Path file = stateFile(id);
      try {
        Files2.writeAtomically(file, StateCodec.write(next));
      } catch (IOException e) {
        throw new StateStoreException("cannot write state file " + file + ": " + Files2.describe(e), e);
      }
      return next;
    } finally {
      try {
        LockFiles.release(lock, me);
      } catch (IOException e) {
        LOG.warn("could not remove lock file {}: {}", lock, e.toString());
      }
    }
  }

  /**
   * Creates a lock file (and the folder, if missing), or throws LockHeldException naming who holds it.
   * Returns whether it created the folder.
   */
  private boolean take(String integrationId, Path lock, LockInfo me) {
    boolean created = false;
    try {
      for (int attempt = 1; ; attempt++) {
        if (!Files.isDirectory(folder)) {
          Files.createDirectories(folder);
          created = true;
        }
        try {
          if (LockFiles.tryCreate(lock, me)) {
            return created;
          }
          break;
        } catch (NoSuchFileException e) {
          // The folder went between the two steps: an empty folder another lease created was removed
          // as that lease ended. Create it again.
          if (attempt == 3) {
            throw e;
          }
        }
      }
    } catch (IOException e) {
      throw new StateStoreException("cannot create lock file " + lock + ": " + Files2.describe(e), e);
    }
    Optional<LockInfo> holder = LockFiles.read(lock);
    throw new LockHeldException(integrationId, holder, LockFiles.status(holder), "lock file " + lock);
  }

  @Override
  public RolloutLease acquireRolloutLease(String integrationId, String owner) {
    Objects.requireNonNull(owner, "owner");
    Path lock = rolloutLock(integrationId);
    LockInfo me = LockFiles.mine(owner, clock);
    boolean createdFolder = take(integrationId, lock, me);
    AtomicBoolean closed = new AtomicBoolean();
    return new RolloutLease() {
      @Override
      public LockInfo holder() {
        return me;
      }

      @Override
      public void close() {
        if (closed.compareAndSet(false, true)) {
          try {
            if (!LockFiles.release(lock, me)) {
              LOG.warn("rollout lock {} no longer held by this lease (cleared by someone?)", lock);
            }
          } catch (IOException e) {
            throw new StateStoreException("cannot remove lock file " + lock + ": "
                + Files2.describe(e), e);
          }
          if (createdFolder) {
            removeIfEmpty();
          }
        }
      }
    };
  }

  /** Removes the folder if nothing is in it (a rollout that recorded nothing); anything else stays. */
  private void removeIfEmpty() {
    try {
      Files.delete(folder);
      LOG.debug("removed the empty state folder {} this rollout lease created", folder);
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      // something was written, or someone removed it: either way not ours to touch
    } catch (IOException e) {
      LOG.debug("could not remove the empty state folder {}: {}", folder, e.toString());
    }
  }

  @Override
  public List<LockInfo> locks(String integrationId) {
    List<LockInfo> out = new ArrayList<>();
    LockFiles.read(rolloutLock(integrationId)).ifPresent(out::add);
    LockFiles.read(stateLock(integrationId)).ifPresent(out::add);
    return List.copyOf(out);
  }

  /**
   * Clears the locks of an integration left by processes that are no longer running on this host, and
   * their leftover temp files; an unreadable lock file (cut short by a crash) is cleared too. Refuses,
   * clearing nothing, when a lock belongs to a live process here or to another host (whose processes
   * this host cannot see: use {@link #forceClearLocks(String)} when sure).
   *
   * @param integrationId the integration
   * @return the locks cleared (an unreadable lock file is cleared and not listed)
   * @throws LockHeldException if a lock's holder is running, or runs on another host
   * @throws StateStoreException if a lock file cannot be removed
   */
  @Override
  public List<LockInfo> clearStaleLocks(String integrationId) {
    return clear(integrationId, false);
  }

  /**
   * Clears the locks of an integration whoever holds them. Use only when sure no deployer is running.
   *
   * @param integrationId the integration
   * @return the locks cleared
   * @throws StateStoreException if a lock file cannot be removed
   */
  public List<LockInfo> forceClearLocks(String integrationId) {
    return clear(integrationId, true);
  }

  private List<LockInfo> clear(String integrationId, boolean force) {
    List<Path> present = new ArrayList<>();
    for (Path lock : List.of(rolloutLock(integrationId), stateLock(integrationId))) {
      if (!Files.exists(lock)) {
        continue;
      }
      Optional<LockInfo> info = LockFiles.read(lock);
      LockHeldException.HolderStatus status = LockFiles.status(info);
      if (!force && info.isPresent() && status != LockHeldException.HolderStatus.GONE) {
        throw new LockHeldException(integrationId, info, status, "lock file " + lock);
      }
      present.add(lock);
    }
    List<LockInfo> cleared = new ArrayList<>();
    for (Path lock : present) {
      Optional<LockInfo> info = LockFiles.read(lock);
      try {
        Files.deleteIfExists(lock);
      } catch (IOException e) {
        throw new StateStoreException("cannot remove lock file " + lock + ": " + Files2.describe(e), e);
      }
      info.ifPresent(cleared::add);
      LOG.info("cleared lock {} held by {}", lock, info.map(LockInfo::describe).orElse("(unreadable)"));
    }
    // Exact names: ids may contain dots, so "abc." would also match the temp files of "abc.def".
    List<String> prefixes = new ArrayList<>();
    for (Path own : List.of(stateFile(integrationId), stateLock(integrationId), rolloutLock(integrationId))) {
      prefixes.add(own.getFileName() + ".tmp-");
    }
    try (Stream<Path> s = Files.list(folder)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        String prefix = prefixes.stream().filter(n::startsWith).findFirst().orElse(null);
        if (prefix != null) {
          String[] parts = n.substring(prefix.length()).split("-");
          boolean dead = parts.length == 2 && parts[0].matches("[0-9]{1,18}")
              && ProcessHandle.of(Long.parseLong(parts[0])).map(h -> !h.isAlive()).orElse(true);
          if (dead || force) {
            Files.deleteIfExists(p);
          }
        }
      }
      Files2.forceDirectory(folder);
    } catch (IOException e) {
      throw new StateStoreException("cannot clean temp files in " + folder + ": " + Files2.describe(e), e);
    }
    return List.copyOf(cleared);
  }

  /**
   * Returns {@code FileStateStore[folder]}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "FileStateStore[" + folder + "]";
  }
}
