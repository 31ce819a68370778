package io.github.eventretry.state.rollout;

import java.util.Locale;
import java.util.Optional;

/**
 * Every step a rollout, rollback, resume or unlock records: one vocabulary for the audit log (each
 * step's {@link #auditAction()}) and for {@link RolloutListener}s (each event's
 * {@link RolloutEvent#step()}). A step that changes the state is saved, then audited, then reported,
 * once. Immutable and thread-safe.
 */
public enum RolloutStep {
  /** The first deploy recorded the baseline {@code v0}: what the target held before anything was applied. */
  BASELINE_RECORDED,
  /** A rollout began: its version is saved as pending. */
  DEPLOY_STARTED,
  /** A stage was applied to the target; its bake begins. */
  STAGE_APPLIED,
  /** A stage's check passed (or the stage was unchecked): the next stage is applied. */
  STAGE_PASSED,
  /** A stage's check failed below its failure limit: the stage bakes again. */
  STAGE_HELD,
  /** A stage's apply failed (or the target reported another policy): the version failed, a rollback begins. */
  APPLY_FAILED,
  /** A rollback began: a stage failed its check at its failure limit, or someone rolled back by hand. */
  ROLLBACK_STARTED,
  /** The rollback restored an earlier version (or the baseline), which is active again. */
  ROLLED_BACK,
  /** The rollback's own apply failed; the rollback stays recorded and resuming retries it. */
  ROLLBACK_FAILED,
  /** The rollout was turned back but there was no earlier version to restore (a state without baseline). */
  ROLLOUT_ABORTED,
  /** The rollout finished: its version is active. */
  DEPLOY_COMPLETED,
  /** An interrupted rollout is being continued. */
  ROLLOUT_RESUMED,
  /** The rollout was stopped on purpose (a signal); it is recorded where it stopped and can be resumed. */
  ROLLOUT_INTERRUPTED,
  /** An unfinished rollout was replaced by a new deploy before it finished; its version is rolled back. */
  ROLLOUT_ABANDONED,
  /** A lock left by a deployer that is no longer running was cleared. */
  LOCK_CLEARED,
  /** The audit log was found shorter than the state expected; this notes the gap before going on. */
  AUDIT_GAP_FOUND,
  /** A state change whose audit append had failed is recorded, late, from the state. */
  AUDIT_RECORD_RECOVERED;

  /**
   * Returns the action this step is audited as.
   *
   * @return the lower-case name, such as {@code deploy_started}
   */
  public String auditAction() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Finds a step by its audit action. Version 0.1 audited {@link #ROLLOUT_ABORTED} as
   * {@code rollback_skipped}; that name is found too.
   *
   * @param action such as {@code stage_applied}
   * @return the step, or empty if the action is not a step's
   */
  public static Optional<RolloutStep> fromAuditAction(String action) {
    if ("rollback_skipped".equals(action)) {
      return Optional.of(ROLLOUT_ABORTED);
    }
    for (RolloutStep s : values()) {
      if (s.auditAction().equals(action)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns how a rollout ended, for the steps that end one.
   *
   * @return the outcome of {@link #DEPLOY_COMPLETED}, {@link #ROLLED_BACK}, {@link #ROLLOUT_ABORTED}
   *     and {@link #ROLLOUT_INTERRUPTED}; empty for the others
   */
  public Optional<RolloutResult.Outcome> outcome() {
    return switch (this) {
      case DEPLOY_COMPLETED -> Optional.of(RolloutResult.Outcome.COMPLETED);
      case ROLLED_BACK -> Optional.of(RolloutResult.Outcome.ROLLED_BACK);
      case ROLLOUT_ABORTED -> Optional.of(RolloutResult.Outcome.ABORTED);
      case ROLLOUT_INTERRUPTED -> Optional.of(RolloutResult.Outcome.INTERRUPTED);
      default -> Optional.empty();
    };
  }
}
