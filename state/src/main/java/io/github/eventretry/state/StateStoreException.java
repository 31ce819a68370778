package io.github.eventretry.state;

import io.github.eventretry.core.EventRetryException;

/**
 * A state store could not load or save deployment state: an I/O failure, named with the file involved.
 *
 * <p>Thread-confined like any exception.
 */
public class StateStoreException extends EventRetryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, the value involved and what is allowed
   */
  public StateStoreException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what went wrong, the value involved and what is allowed
   * @param cause the underlying failure
   */
  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
