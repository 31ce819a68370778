package io.github.eventretry.state;

import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.DeliveryMetrics;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened during a rollout, for a {@link RolloutListener}. Immutable and thread-safe.
 *
 * @param kind what happened
 * @param integrationId the integration
 * @param versionId the version concerned
 * @param stageIndex the 0-based stage, or -1 when not about a stage
 * @param split the split concerned, if any
 * @param metrics the metrics a check read, if any
 * @param message a line for a person
 * @param at when (from the engine's clock)
 */
public record RolloutEvent(
    Kind kind,
    String integrationId,
    String versionId,
    int stageIndex,
    Optional<TrafficSplit> split,
    Optional<DeliveryMetrics> metrics,
    String message,
    Instant at) {

  /** What happened. */
  public enum Kind {
    /** A rollout began (its version persisted as pending). */
    STARTED,
    /** An interrupted rollout is being resumed. */
    RESUMED,
    /** A stage was applied to the target. */
    STAGE_APPLIED,
    /** A stage's check passed. */
    STAGE_PASSED,
    /** A stage's check failed below its failure limit: the stage bakes again. */
    STAGE_HELD,
    /** A rollback began. */
    ROLLBACK_STARTED,
    /** The last known good version was re-applied at 100 %. */
    ROLLED_BACK,
    /** A rollback's apply failed; the state keeps the rollback for {@code resume()}. */
    ROLLBACK_FAILED,
    /** The rollout was turned back but there was no last known good version to restore. */
    ABORTED,
    /** The rollout finished: the version is active. */
    COMPLETED
  }

  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   */
  public RolloutEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }
}
