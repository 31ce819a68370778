package io.github.eventretry.state.rollout;

import java.util.Objects;
import java.util.Optional;

/**
 * How a rollout, resume or rollback ended. Immutable and thread-safe.
 *
 * @param integrationId the integration
 * @param outcome how it ended
 * @param versionId the version rolled out (or, for a manual rollback, the version rolled back from), if
 *     any
 * @param activeVersionId the active version afterwards, if any
 * @param serial the state's serial afterwards
 * @param message one line for a person
 */
public record RolloutResult(
    String integrationId,
    Outcome outcome,
    Optional<String> versionId,
    Optional<String> activeVersionId,
    long serial,
    String message) {

  /** How it ended. */
  public enum Outcome {
    /** Every stage passed; the version is active. */
    COMPLETED,
    /** The rollout (or the active version) was turned back; an earlier version or the baseline is active. */
    ROLLED_BACK,
    /** The rollout was turned back but there was no earlier version to restore. */
    ABORTED,
    /** The rollout was stopped on purpose; it is recorded where it stopped, to resume or roll back. */
    INTERRUPTED,
    /** Resuming found no unfinished rollout. */
    NOTHING_TO_RESUME
  }

  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   */
  public RolloutResult {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(activeVersionId, "activeVersionId");
    Objects.requireNonNull(message, "message");
  }
}
