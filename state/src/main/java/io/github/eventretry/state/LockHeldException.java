package io.github.eventretry.state;

import java.util.Objects;
import java.util.Optional;

/**
 * Someone else holds an integration's lock: another rollout or rollback is in progress, or a deployer
 * died holding it. Names the holder (owner, host, process id, since when) when its lock can be read,
 * and says whether that holder is still running. A lock whose holder is gone is never cleared silently:
 * {@link io.github.eventretry.state.spi.StateStore#clearStaleLocks} clears it on request.
 *
 * <p>Thread-confined like any exception.
 */
public final class LockHeldException extends StateException {
  private static final long serialVersionUID = 1L;

  /** Whether the holder of a lock is still running, as far as this process can tell. */
  public enum HolderStatus {
    /** The holder is a process that is still running (or a lease that has not expired). */
    RUNNING,
    /** The holder is a process on this host that is no longer running: the lock is stale. */
    GONE,
    /** This process cannot tell: the holder runs on another host, or its lock cannot be read. */
    UNKNOWN
  }

  private final String integrationId;
  private final transient LockInfo holder;
  private final HolderStatus status;

  /**
   * Creates the exception; its message is written from the values.
   *
   * @param integrationId the integration whose lock is held
   * @param holder who holds it, if that could be read
   * @param status whether the holder is still running
   * @param where where the lock is, for the message (such as a lock file's path); may be empty
   * @throws NullPointerException if any is null
   */
  public LockHeldException(String integrationId, Optional<LockInfo> holder, HolderStatus status,
      String where) {
    super(message(integrationId, holder, status, where));
    this.integrationId = integrationId;
    this.holder = holder.orElse(null);
    this.status = status;
  }

  private static String message(String integrationId, Optional<LockInfo> holder, HolderStatus status,
      String where) {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(where, "where");
    String who = holder.map(LockInfo::describe).orElse("a holder whose lock cannot be read");
    String state = switch (status) {
      case RUNNING -> ", which is still running";
      case GONE -> ", which is no longer running: the lock is stale and can be cleared";
      case UNKNOWN -> holder.isPresent()
          ? "; whether it is still running cannot be told from this host" : "";
    };
    return "integration " + integrationId + " is locked by " + who + state
        + (where.isEmpty() ? "" : " (" + where + ")");
  }

  /**
   * Returns the integration whose lock is held.
   *
   * @return the id
   */
  public String integrationId() {
    return integrationId;
  }

  /**
   * Returns who holds the lock.
   *
   * @return the holder, or empty if its lock could not be read
   */
  public Optional<LockInfo> holder() {
    return Optional.ofNullable(holder);
  }

  /**
   * Returns whether the holder is still running.
   *
   * @return running, gone (the lock is stale) or unknown
   */
  public HolderStatus holderStatus() {
    return status;
  }
}
