package io.github.eventretry.state;

import java.util.Objects;
import java.util.Optional;

/**
 * A lock file is held by someone else: another change of the same state is running, or a process died
 * holding it. A lock left by a dead process is never cleared silently; see
 * {@link FileStateStore#clearStaleLocks(String)}. Thread-confined like any exception.
 */
public class StateLockedException extends StateStoreException {
  private static final long serialVersionUID = 1L;

  private final transient LockInfo holder;

  /**
   * Creates an exception.
   *
   * @param message what is locked and what to do
   * @param holder who holds the lock, if the lock file could be read
   */
  public StateLockedException(String message, Optional<LockInfo> holder) {
    super(message);
    this.holder = Objects.requireNonNull(holder, "holder").orElse(null);
  }

  /**
   * Returns who holds the lock.
   *
   * @return the holder, or empty if the lock file could not be read
   */
  public Optional<LockInfo> holder() {
    return Optional.ofNullable(holder);
  }
}
