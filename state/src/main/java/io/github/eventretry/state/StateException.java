package io.github.eventretry.state;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.state.audit.AuditLogException;
import io.github.eventretry.state.rollout.RolloutException;

/**
 * The root of every failure the state module reports for a caller to handle. The set is closed:
 *
 * <ul>
 *   <li>{@link StateStoreException}: state could not be read or written (an I/O failure);
 *   <li>{@link CorruptStateException}: stored state is not valid state, and was left untouched;
 *   <li>{@link StateConflictException}: a compare-and-set found another serial or lineage;
 *   <li>{@link LockHeldException}: someone else holds the integration's lock, named in it;
 *   <li>{@link AuditLogException}: the audit log could not be read or appended to;
 *   <li>{@link RolloutException}: a rollout, rollback or resume could not proceed (its
 *       {@link RolloutException#reason() reason} says why).
 * </ul>
 *
 * <p>Bad arguments are {@link IllegalArgumentException}s, not these. Messages say what was wrong, the
 * value and what is allowed, in a person's words. Thread-confined like any exception.
 */
public abstract sealed class StateException extends EventRetryException
    permits StateStoreException, CorruptStateException, StateConflictException, LockHeldException,
        AuditLogException, RolloutException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, the value involved and what is allowed
   */
  protected StateException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what went wrong, the value involved and what is allowed
   * @param cause the underlying failure, kept for diagnosis
   */
  protected StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
