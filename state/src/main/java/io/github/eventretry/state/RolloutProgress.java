package io.github.eventretry.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A rollout that has begun and not finished, as persisted in the {@link DeploymentState} so that
 * {@link RolloutEngine#resume} can finish or roll it back after a crash. Immutable and thread-safe.
 *
 * @param versionId the version being rolled out
 * @param plan the plan
 * @param stageIndex the current stage, 0-based
 * @param phase what the rollout was doing
 * @param failedChecks failed checks so far in the current stage, 0 or more
 * @param since when the current phase began (from the engine's clock)
 */
public record RolloutProgress(
    String versionId, RolloutPlan plan, int stageIndex, Phase phase, int failedChecks, Instant since) {

  /** What an unfinished rollout was doing. */
  public enum Phase {
    /** Applying the current stage. */
    APPLYING,
    /** Waiting for the current stage's bake time. */
    BAKING,
    /** Returning to the last known good version. */
    ROLLING_BACK
  }

  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   * @throws IllegalArgumentException if the stage index is outside the plan or the failed-check count is
   *     negative
   */
  public RolloutProgress {
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(since, "since");
    if (stageIndex < 0 || stageIndex >= plan.stages().size()) {
      throw new IllegalArgumentException("stageIndex must be 0.." + (plan.stages().size() - 1)
          + " (rejected: " + stageIndex + ")");
    }
    if (failedChecks < 0) {
      throw new IllegalArgumentException("failedChecks must be 0 or more (rejected: " + failedChecks + ")");
    }
  }

  /**
   * Returns the current stage.
   *
   * @return {@code plan().stages().get(stageIndex())}
   */
  public RolloutStage stage() {
    return plan.stages().get(stageIndex);
  }
}
