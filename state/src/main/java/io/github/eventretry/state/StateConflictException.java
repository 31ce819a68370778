package io.github.eventretry.state;

/**
 * A compare-and-set of deployment state failed: the stored serial or lineage is not the one the change was based on. Load the state again and redo the change.
 *
 * <p>Thread-confined like any exception.
 */
public final class StateConflictException extends StateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, the value involved and what is allowed
   */
  public StateConflictException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what went wrong, the value involved and what is allowed
   * @param cause the underlying failure
   */
  public StateConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
