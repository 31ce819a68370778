package io.github.eventretry.state;

/**
 * Stored state is not valid deployment state (malformed JSON, missing or unknown members, a fingerprint or digest that does not match its content) or has a schema version this library does not read. The message names the file; the file is left untouched.
 *
 * <p>Thread-confined like any exception.
 */
public final class CorruptStateException extends StateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, the value involved and what is allowed
   */
  public CorruptStateException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what went wrong, the value involved and what is allowed
   * @param cause the underlying failure
   */
  public CorruptStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
