package io.github.eventretry.state;

import io.github.eventretry.core.EventRetryException;

/**
 * Another rollout (or manual rollback) of the same integration is in progress, in this process or another. The message names the holder: owner, process id, host and since when.
 *
 * <p>Thread-confined like any exception.
 */
public class ConcurrentRolloutException extends EventRetryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, the value involved and what is allowed
   */
  public ConcurrentRolloutException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what went wrong, the value involved and what is allowed
   * @param cause the underlying failure
   */
  public ConcurrentRolloutException(String message, Throwable cause) {
    super(message, cause);
  }
}
