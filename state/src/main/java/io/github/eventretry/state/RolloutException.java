package io.github.eventretry.state;

import io.github.eventretry.core.EventRetryException;

/**
 * A rollout or rollback could not proceed: nothing to roll back to, an unfinished rollout that must be resumed first, or a rollback whose apply failed (state is kept so that {@link RolloutEngine#resume} can retry it).
 *
 * <p>Thread-confined like any exception.
 */
public class RolloutException extends EventRetryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, the value involved and what is allowed
   */
  public RolloutException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what went wrong, the value involved and what is allowed
   * @param cause the underlying failure
   */
  public RolloutException(String message, Throwable cause) {
    super(message, cause);
  }
}
