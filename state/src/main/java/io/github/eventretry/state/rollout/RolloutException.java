package io.github.eventretry.state.rollout;

import io.github.eventretry.state.StateException;
import java.util.Objects;

/**
 * A rollout, rollback or resume could not proceed; {@link #reason()} says why, so a caller can tell bad
 * input from a failure without reading the message. Nothing was changed, except for
 * {@link Reason#ROLLBACK_FAILED}, where the rollback stays recorded for resuming.
 *
 * <p>Thread-confined like any exception.
 */
public final class RolloutException extends StateException {
  private static final long serialVersionUID = 1L;

  /** Why a rollout, rollback or resume could not proceed. */
  public enum Reason {
    /** The integration has no deployment state. */
    NO_STATE,
    /** There is no version before the current one to roll back to (or no current version). */
    NOTHING_TO_ROLL_BACK,
    /** The version named does not exist. */
    NO_SUCH_VERSION,
    /** The version named failed or was rolled back: a rollback to it must be forced, with a reason. */
    REFUSED_VERSION,
    /** The version named is already active. */
    ALREADY_ACTIVE,
    /** An unfinished rollout is recorded: resume it or roll it back first. */
    UNFINISHED_ROLLOUT,
    /** The preflight failed: the target could not be read (credentials, network, no such integration). */
    PREFLIGHT_FAILED,
    /** The rollback's own apply failed; the rollback stays recorded and resuming retries it. */
    ROLLBACK_FAILED
  }

  private final Reason reason;

  /**
   * Creates an exception.
   *
   * @param reason why
   * @param message what went wrong, the value involved and what is allowed
   */
  public RolloutException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates an exception with the cause it wraps.
   *
   * @param reason why
   * @param message what went wrong, the value involved and what is allowed
   * @param cause the underlying failure
   */
  public RolloutException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns why.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
