package io.github.eventretry.state;

import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutStage;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A rollout (or rollback) that has begun and not finished, as persisted in the {@link DeploymentState}
 * so that it can be resumed after a crash or an interruption: which version, which plan, which stage,
 * what it was doing and since when, where a rollback goes, and whether it was stopped on purpose.
 * Immutable and thread-safe; derive changed copies with the {@code with...} methods.
 */
public final class RolloutProgress {

  /** What an unfinished rollout was doing. */
  public enum Phase {
    /** Applying the current stage. */
    APPLYING,
    /** Waiting for the current stage's bake time, then checking it. */
    BAKING,
    /** Returning to the version named by {@link #rollbackTo()}. */
    ROLLING_BACK;

    /**
     * Returns the JSON name, such as {@code rolling_back}.
     *
     * @return the lower-case name
     */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String versionId;
  private final RolloutPlan plan;
  private final int stageIndex;
  private final Phase phase;
  private final int failedChecks;
  private final Instant since;
  private final Optional<String> rollbackTo;
  private final Optional<Instant> stoppedAt;
  private final boolean mayHaveReachedTarget;

  private RolloutProgress(String versionId, RolloutPlan plan, int stageIndex, Phase phase,
      int failedChecks, Instant since, Optional<String> rollbackTo, Optional<Instant> stoppedAt,
      boolean mayHaveReachedTarget) {
    this.versionId = Objects.requireNonNull(versionId, "versionId");
    this.plan = Objects.requireNonNull(plan, "plan");
    this.phase = Objects.requireNonNull(phase, "phase");
    this.since = Objects.requireNonNull(since, "since");
    this.rollbackTo = Objects.requireNonNull(rollbackTo, "rollbackTo");
    this.stoppedAt = Objects.requireNonNull(stoppedAt, "stoppedAt");
    if (stageIndex < 0 || stageIndex >= plan.stages().size()) {
      throw new IllegalArgumentException("stageIndex must be 0.." + (plan.stages().size() - 1)
          + " (rejected: " + stageIndex + ")");
    }
    if (failedChecks < 0) {
      throw new IllegalArgumentException("failedChecks must be 0 or more (rejected: " + failedChecks + ")");
    }
    rollbackTo.ifPresent(PolicyVersion::checkId);
    this.stageIndex = stageIndex;
    this.failedChecks = failedChecks;
    this.mayHaveReachedTarget = mayHaveReachedTarget;
  }

  /**
   * Returns the progress of a rollout that is about to apply its first stage.
   *
   * @param versionId the version being rolled out
   * @param plan its plan
   * @param since when it began
   * @return the progress: stage 0, applying
   */
  public static RolloutProgress start(String versionId, RolloutPlan plan, Instant since) {
    return new RolloutProgress(versionId, plan, 0, Phase.APPLYING, 0, since, Optional.empty(),
        Optional.empty(), false);
  }

  /**
   * Returns progress as read from storage.
   *
   * @param versionId the version being rolled out (or rolled back from)
   * @param plan its plan
   * @param stageIndex the current stage, 0-based
   * @param phase what it was doing
   * @param failedChecks failed checks so far in the current stage
   * @param since when the current phase began
   * @param rollbackTo where a rollback goes, when rolling back
   * @param stoppedAt when it was stopped on purpose, if it was
   * @param mayHaveReachedTarget whether an apply of the version may have reached the target
   * @return the progress
   * @throws IllegalArgumentException if the stage index is outside the plan, the failed-check count is
   *     negative, a rollback has no destination or a destination is not a version id
   */
  public static RolloutProgress of(String versionId, RolloutPlan plan, int stageIndex, Phase phase,
      int failedChecks, Instant since, Optional<String> rollbackTo, Optional<Instant> stoppedAt,
      boolean mayHaveReachedTarget) {
    return new RolloutProgress(versionId, plan, stageIndex, phase, failedChecks, since, rollbackTo,
        stoppedAt, mayHaveReachedTarget);
  }

  /**
   * Returns the version being rolled out (or, for a manual rollback, rolled back from).
   *
   * @return the id
   */
  public String versionId() {
    return versionId;
  }

  /**
   * Returns the plan.
   *
   * @return the plan
   */
  public RolloutPlan plan() {
    return plan;
  }

  /**
   * Returns the current stage, 0-based.
   *
   * @return the index
   */
  public int stageIndex() {
    return stageIndex;
  }

  /**
   * Returns the current stage.
   *
   * @return {@code plan().stages().get(stageIndex())}
   */
  public RolloutStage stage() {
    return plan.stages().get(stageIndex);
  }

  /**
   * Returns what the rollout was doing.
   *
   * @return the phase
   */
  public Phase phase() {
    return phase;
  }

  /**
   * Returns the failed checks so far in the current stage.
   *
   * @return 0 or more
   */
  public int failedChecks() {
    return failedChecks;
  }

  /**
   * Returns when the current phase began (the bake window starts here).
   *
   * @return a wall-clock time
   */
  public Instant since() {
    return since;
  }

  /**
   * Returns where the rollback goes.
   *
   * @return the version id, when the phase is {@link Phase#ROLLING_BACK} and there is an earlier
   *     version to return to
   */
  public Optional<String> rollbackTo() {
    return rollbackTo;
  }

  /**
   * Returns when the rollout was stopped on purpose (a signal, a host shutting down).
   *
   * @return the time, or empty if it was not stopped (it runs, or its deployer died)
   */
  public Optional<Instant> stoppedAt() {
    return stoppedAt;
  }

  /**
   * Returns whether an apply of the version may have reached the target: one completed, or one was
   * cut short by a failure or an interruption.
   *
   * @return true if the target may hold the version
   */
  public boolean mayHaveReachedTarget() {
    return mayHaveReachedTarget;
  }

  /**
   * Returns a copy at another stage and phase, with its failed checks, from a time.
   *
   * @param index the stage
   * @param newPhase the phase
   * @param checks failed checks in that stage
   * @param at when the phase began
   * @return the copy, no longer stopped
   */
  public RolloutProgress at(int index, Phase newPhase, int checks, Instant at) {
    return new RolloutProgress(versionId, plan, index, newPhase, checks, at, rollbackTo,
        Optional.empty(), mayHaveReachedTarget);
  }

  /**
   * Returns a copy that is rolling back.
   *
   * @param to where to, if there is an earlier version
   * @param at when the rollback began
   * @return the copy
   */
  public RolloutProgress rollingBack(Optional<String> to, Instant at) {
    return new RolloutProgress(versionId, plan, stageIndex, Phase.ROLLING_BACK, failedChecks, at, to,
        Optional.empty(), mayHaveReachedTarget);
  }

  /**
   * Returns a copy recording that it was stopped on purpose.
   *
   * @param at when
   * @return the copy
   */
  public RolloutProgress stopped(Instant at) {
    return new RolloutProgress(versionId, plan, stageIndex, phase, failedChecks, since, rollbackTo,
        Optional.of(at), mayHaveReachedTarget);
  }

  /**
   * Returns a copy recording that an apply of the version may have reached the target.
   *
   * @return the copy
   */
  public RolloutProgress reachedTarget() {
    return new RolloutProgress(versionId, plan, stageIndex, phase, failedChecks, since, rollbackTo,
        stoppedAt, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RolloutProgress p && p.versionId.equals(versionId) && p.plan.equals(plan)
        && p.stageIndex == stageIndex && p.phase == phase && p.failedChecks == failedChecks
        && p.since.equals(since) && p.rollbackTo.equals(rollbackTo) && p.stoppedAt.equals(stoppedAt)
        && p.mayHaveReachedTarget == mayHaveReachedTarget;
  }

  @Override
  public int hashCode() {
    return Objects.hash(versionId, plan, stageIndex, phase, failedChecks, since, rollbackTo, stoppedAt,
        mayHaveReachedTarget);
  }

  /**
   * Returns {@code v3 stage 2/3 baking since ...}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return versionId + " stage " + (stageIndex + 1) + "/" + plan.stages().size() + " "
        + phase.jsonName() + " since " + since + rollbackTo.map(t -> " to " + t).orElse("")
        + stoppedAt.map(s -> ", stopped at " + s).orElse("");
  }
}
