package io.github.eventretry.state.audit;

import io.github.eventretry.state.StateException;

/**
 * An audit log could not be read or appended to: an I/O failure, or a log
 * whose tail must be repaired first (see {@link FileAuditLog#repairTornTail()}).
 *
 * <p>Thread-confined like any exception.
 */
public final class AuditLogException extends StateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, the value involved and what is allowed
   */
  public AuditLogException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what went wrong, the value involved and what is allowed
   * @param cause the underlying failure
   */
  public AuditLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
