package io.github.eventretry.state;

/**
 * State could not be loaded or saved: an I/O failure, named with the file (or other resource) involved. The stored state is unchanged.
 *
 * <p>Thread-confined like any exception.
 */
public final class StateStoreException extends StateException {
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
