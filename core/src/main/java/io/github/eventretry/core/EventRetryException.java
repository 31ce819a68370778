package io.github.eventretry.core;

/**
 * The root of the unchecked exceptions that eventretry modules throw for failures a caller is expected
 * to handle: an invalid policy, a refused API call, a conflicting deployment.
 *
 * <p>Messages never contain secrets or tokens. Instances are not shared; they are thread-confined like
 * any exception.
 */
public class EventRetryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, the value involved and what is allowed
   */
  public EventRetryException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what went wrong, the value involved and what is allowed
   * @param cause the underlying failure, kept for diagnosis
   */
  public EventRetryException(String message, Throwable cause) {
    super(message, cause);
  }
}
