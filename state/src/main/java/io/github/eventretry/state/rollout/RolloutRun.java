package io.github.eventretry.state.rollout;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.core.spi.RestoreResult;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.RolloutProgress;
import io.github.eventretry.state.RolloutProgress.Phase;
import io.github.eventretry.state.VersionStatus;
import io.github.eventretry.state.spi.RolloutGate;
import io.github.eventretry.state.spi.StageCheck;
import io.github.eventretry.state.spi.StageQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Drives the recorded rollout of one integration to its end: applies stages, bakes, checks, advances,
 * holds, rolls back, completes, or stops when asked. Every transition goes through the
 * {@link RolloutJournal}. Confined to the operation's thread.
 */
final class RolloutRun {
  /** The longest single wait of a bake: a stop is noticed within this. */
  static final Duration SLICE = Duration.ofSeconds(1);

  private final PolicyTarget target;
  private final RolloutGate gate;
  private final Sleeper sleeper;
  private final StopSignal stop;
  private final RolloutJournal journal;
  private boolean interruptedThread;

  RolloutRun(PolicyTarget target, RolloutGate gate, Sleeper sleeper, StopSignal stop,
      RolloutJournal journal) {
    this.target = target;
    this.gate = gate;
    this.sleeper = sleeper;
    this.stop = stop;
    this.journal = journal;
  }

  private DeploymentState state() {
    return journal.state();
  }

  private String id() {
    return journal.integrationId();
  }

  /**
   * Runs the recorded rollout to its end, with its version in the MDC; restores the thread's interrupt
   * if a wait was interrupted.
   */
  RolloutResult drive() {
    try (RolloutMdc.Scope mdc = RolloutMdc.version(state().rollout().orElseThrow().versionId())) {
      return loop();
    } finally {
      if (interruptedThread) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private RolloutResult loop() {
    while (true) {
      RolloutProgress p = state().rollout().orElseThrow();
      PolicyVersion v = journal.version(p.versionId());
      RolloutStage stage = p.stage();
      int idx = p.stageIndex();
      if (p.phase() != Phase.ROLLING_BACK && stop.stopped()) {
        return interrupted(p);
      }
      switch (p.phase()) {
        case ROLLING_BACK -> {
          return finishRollback(p);
        }
        case APPLYING -> {
          ApplyResult applied;
          try {
            applied = target.apply(id(), v.policy().orElseThrow(), stage.split());
          } catch (EventRetryException e) {
            if (stop.stopped()) {
              return interrupted(p.reachedTarget());
            }
            startRollback(p.reachedTarget(), VersionStatus.FAILED, RolloutStep.APPLY_FAILED,
                "apply of stage " + (idx + 1) + " (" + stage.split() + ") failed: " + firstLine(e),
                Optional.empty());
            continue;
          }
          if (!applied.fingerprint().equals(v.fingerprint().orElseThrow())) {
            // Something else than this version is live on the target: as bad as a failed apply.
            startRollback(p.reachedTarget(), VersionStatus.FAILED, RolloutStep.APPLY_FAILED,
                "apply of stage " + (idx + 1) + " (" + stage.split() + ") failed: the target reported"
                    + " applying " + applied.fingerprint() + " where " + v.id() + " is "
                    + v.fingerprint().orElseThrow(), Optional.empty());
            continue;
          }
          Instant now = journal.now();
          journal.step(RolloutStep.STAGE_APPLIED).version(v).stage(idx, p.plan()).split(stage.split())
              .detail("configuration_version", Long.toString(applied.configurationVersion()))
              .bakeEndsAt(now.plus(stage.bakeTime()))
              .message("stage " + (idx + 1) + "/" + p.plan().stages().size() + ": " + v.id()
                  + " applied to " + stage.split() + " (configuration version "
                  + applied.configurationVersion() + ")" + bakeNote(stage))
              .save(b -> b.putVersion(v.withApplied(stage.split(), applied.configurationVersion()))
                  .rollout(Optional.of(p.reachedTarget().at(idx, Phase.BAKING, 0, now))));
        }
        case BAKING -> {
          Instant end = p.since().plus(stage.bakeTime());
          if (!bake(Duration.between(journal.now(), end))) {
            return interrupted(p);
          }
          StageCheck check = check(p, v, stage, end);
          if (check.mayAdvance()) {
            if (idx + 1 == p.plan().stages().size()) {
              return complete(p, check);
            }
            Instant now = journal.now();
            journal.step(RolloutStep.STAGE_PASSED).version(v).stage(idx, p.plan()).split(stage.split())
                .check(check).message("stage " + (idx + 1) + " passed: " + check.summary())
                .save(b -> b.rollout(Optional.of(p.at(idx + 1, Phase.APPLYING, 0, now))));
          } else if (p.failedChecks() + 1 >= stage.failureLimit()) {
            startRollback(p, VersionStatus.ROLLED_BACK, RolloutStep.ROLLBACK_STARTED, "stage " + (idx + 1)
                + " (" + stage.split() + ") failed its check " + (p.failedChecks() + 1) + " of "
                + stage.failureLimit() + ": " + check.summary(), Optional.of(check));
          } else {
            Instant now = journal.now();
            journal.step(RolloutStep.STAGE_HELD).version(v).stage(idx, p.plan()).split(stage.split())
                .check(check).detail("failed_checks", Integer.toString(p.failedChecks() + 1))
                .bakeEndsAt(now.plus(stage.bakeTime()))
                .message("stage " + (idx + 1) + " held (failed check " + (p.failedChecks() + 1) + " of "
                    + stage.failureLimit() + "): " + check.summary() + "; baking again")
                .save(b -> b.rollout(Optional.of(p.at(idx, Phase.BAKING, p.failedChecks() + 1, now))));
          }
        }
        default -> throw new IllegalStateException("unknown phase " + p.phase());
      }
    }
  }

  private static String bakeNote(RolloutStage stage) {
    return stage.unchecked() ? "; unchecked (bake 0 s, minimum sample 0)"
        : "; baking " + describe(stage.bakeTime());
  }

  /** A duration as a person reads it: {@code 5m}, {@code 1h 30m}, {@code 10s}, {@code 250ms}. */
  static String describe(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    StringBuilder b = new StringBuilder();
    long h = d.toHours();
    int m = d.toMinutesPart();
    int s = d.toSecondsPart();
    if (h > 0) {
      b.append(h).append('h');
    }
    if (m > 0) {
      b.append(b.length() > 0 ? " " : "").append(m).append('m');
    }
    if (s > 0 || b.length() == 0) {
      b.append(b.length() > 0 ? " " : "").append(s).append('s');
    }
    return b.toString();
  }

  static String firstLine(Exception e) {
    String m = e.getMessage();
    return m == null ? "no detail" : m.lines().findFirst().orElse("no detail");
  }

  /** Waits a bake in slices, checking the stop signal between them; false if stopped. */
  private boolean bake(Duration left) {
    Duration remaining = left;
    while (!remaining.isNegative() && !remaining.isZero()) {
      if (stop.stopped()) {
        return false;
      }
      Duration slice = remaining.compareTo(SLICE) < 0 ? remaining : SLICE;
      try {
        sleeper.sleep(slice);
      } catch (InterruptedException e) {
        // Record the stop with the interrupt cleared (an interrupt closes file channels); restore after.
        interruptedThread = true;
        stop.stop("interrupted");
        return false;
      }
      remaining = remaining.minus(slice);
    }
    return !stop.stopped();
  }

  private StageCheck check(RolloutProgress p, PolicyVersion v, RolloutStage stage, Instant end) {
    if (stage.unchecked()) {
      return new StageCheck(StageCheck.Verdict.UNCHECKED, "unchecked: bake 0 s and minimum sample 0",
          Optional.empty());
    }
    // The window ends when the bake did, or now if later (a resumed bake, a slow check).
    Instant now = journal.now();
    Instant to = now.isAfter(end) ? now : end;
    if (!to.isAfter(p.since())) {
      to = p.since().plusMillis(1);
    }
    try {
      return gate.check(new StageQuery(id(), v.id(), p.stageIndex(), stage, p.since(), to));
    } catch (EventRetryException e) {
      return StageCheck.failed("metrics unavailable: " + firstLine(e), Optional.empty());
    }
  }

  private RolloutResult complete(RolloutProgress p, StageCheck check) {
    PolicyVersion v = journal.version(p.versionId());
    Optional<PolicyVersion> previous = state().active().filter(a -> !a.id().equals(v.id()));
    Instant now = journal.now();
    String actor = journal.actor();
    journal.step(RolloutStep.DEPLOY_COMPLETED).version(v).stage(p.stageIndex(), p.plan())
        .split(v.split()).check(check)
        .detail("superseded", previous.map(PolicyVersion::id).orElse("none"))
        .message(v.id() + " is active at " + v.split()
            + previous.map(a -> " (it replaces " + a.id() + ")").orElse(""))
        .save(b -> {
          previous.filter(a -> !a.isBaseline()).ifPresent(a -> b.putVersion(
              a.withStatus(VersionStatus.SUPERSEDED, now, actor, "superseded by " + v.id())));
          return b.putVersion(v.withStatus(VersionStatus.ACTIVE, now, actor, "completed its rollout: "
                  + check.summary()))
              .activeVersionId(Optional.of(v.id()))
              .rollout(Optional.empty());
        });
    return result(RolloutResult.Outcome.COMPLETED, v.id(), v.id() + " deployed; " + check.summary());
  }

  /** Records the start of a rollback of the rollout's version (from a failed apply or check). */
  private void startRollback(RolloutProgress p, VersionStatus status, RolloutStep step, String why,
      Optional<StageCheck> check) {
    PolicyVersion v = journal.version(p.versionId());
    Optional<PolicyVersion> to = state().rollbackTarget(v.id());
    Instant now = journal.now();
    journal.step(step).version(v).check(check).detail("reason", why)
        .detail("to_version", to.map(PolicyVersion::id).orElse("none"))
        .message(to.map(t -> "rolling back " + v.id() + " to " + t.id() + describeTarget(t) + ": ")
            .orElse("turning back " + v.id() + " with no earlier version to restore: ") + why)
        .save(b -> b.putVersion(v.withStatus(status, now, journal.actor(), why))
            .rollout(Optional.of(p.rollingBack(to.map(PolicyVersion::id), now))));
  }

  static String describeTarget(PolicyVersion t) {
    return t.isBaseline() ? " (the baseline)" : "";
  }

  private RolloutResult finishRollback(RolloutProgress p) {
    PolicyVersion from = journal.version(p.versionId());
    if (p.rollbackTo().isEmpty()) {
      String why = from.lastChange().map(c -> c.reason()).orElse(from.status().jsonName());
      String msg = from.id() + " was turned back (" + why + ") but there is no earlier version to"
          + " restore" + (p.mayHaveReachedTarget()
              ? "; the target may still hold " + from.id() + " at " + from.split()
              : "; nothing of " + from.id() + " reached the target");
      journal.step(RolloutStep.ROLLOUT_ABORTED).version(from).detail("reason", msg).message(msg)
          .save(b -> b.rollout(Optional.empty()));
      return result(RolloutResult.Outcome.ABORTED, from.id(), msg);
    }
    PolicyVersion to = journal.version(p.rollbackTo().get());
    long configuration;
    try {
      configuration = restore(to);
    } catch (EventRetryException | IllegalArgumentException e) {
      String msg = "rollback of " + from.id() + " to " + to.id() + " failed: " + firstLine(e)
          + "; the rollback is recorded and resuming retries it";
      journal.step(RolloutStep.ROLLBACK_FAILED).version(to).detail("from_version", from.id())
          .detail("reason", firstLine(e)).split(TrafficSplit.FULL).message(msg).record();
      throw new RolloutException(RolloutException.Reason.ROLLBACK_FAILED, SafeText.escape(msg), e);
    }
    Instant now = journal.now();
    String note = "restored by rollback of " + from.id();
    journal.step(RolloutStep.ROLLED_BACK).version(to).detail("from_version", from.id())
        .detail("configuration_version", Long.toString(configuration)).split(TrafficSplit.FULL)
        .message("rolled back " + from.id() + " to " + to.id() + describeTarget(to) + " ("
            + to.digest() + ") at 100%")
        .save(b -> b.putVersion(to.isBaseline()
                ? to.withStatus(VersionStatus.BASELINE, now, journal.actor(), note)
                : to.withApplied(TrafficSplit.FULL, configuration)
                    .withStatus(VersionStatus.ACTIVE, now, journal.actor(), note))
            .activeVersionId(Optional.of(to.id()))
            .rollout(Optional.empty()));
    // Why an automatic rollback happened; a manual one's reason is the person's, shown as it started.
    String why = from.lastChange()
        .filter(c -> c.status() == VersionStatus.ROLLED_BACK || c.status() == VersionStatus.FAILED)
        .map(c -> c.reason())
        .filter(r -> !r.startsWith("manual rollback") && !r.startsWith("forced manual rollback"))
        .map(r -> ": " + r).orElse("");
    return result(RolloutResult.Outcome.ROLLED_BACK, from.id(), "rolled back " + from.id() + " to "
        + to.id() + describeTarget(to) + why);
  }

  /** Puts a version back on the target at 100 %; returns the configuration version. */
  private long restore(PolicyVersion to) {
    try (RolloutMdc.Scope mdc = RolloutMdc.version(to.id())) {
      return restoreNow(to);
    }
  }

  private long restoreNow(PolicyVersion to) {
    if (to.isBaseline()) {
      RestoreResult r = target.restore(id(), to.snapshot().orElseThrow());
      if (!r.restored().digest().equals(to.digest())) {
        throw new RolloutException(RolloutException.Reason.ROLLBACK_FAILED, "the target reported"
            + " restoring " + r.restored().digest() + " where the baseline is " + to.digest());
      }
      return r.configurationVersion();
    }
    ApplyResult r = target.apply(id(), to.policy().orElseThrow(), TrafficSplit.FULL);
    if (!r.fingerprint().equals(to.fingerprint().orElseThrow())) {
      throw new RolloutException(RolloutException.Reason.ROLLBACK_FAILED, "the target reported"
          + " applying " + r.fingerprint() + " where " + to.id() + " is " + to.fingerprint().orElseThrow());
    }
    return r.configurationVersion();
  }

  private RolloutResult interrupted(RolloutProgress p) {
    PolicyVersion v = journal.version(p.versionId());
    Instant now = journal.now();
    String where = "stage " + (p.stageIndex() + 1) + " of " + p.plan().stages().size() + " ("
        + p.stage().split() + ", " + p.phase().jsonName() + ")";
    String msg = "the rollout of " + v.id() + " stopped at " + where + "; it is recorded, to resume or"
        + " roll back" + (p.mayHaveReachedTarget()
            ? "; the target may hold " + v.id() + " at " + v.split() : "");
    journal.step(RolloutStep.ROLLOUT_INTERRUPTED).version(v).stage(p.stageIndex(), p.plan())
        .detail("phase", p.phase().jsonName())
        .detail("signal", stop.reason().orElse("stop"))
        .message(msg)
        .save(b -> b.rollout(Optional.of(p.stopped(now))));
    return result(RolloutResult.Outcome.INTERRUPTED, v.id(), msg);
  }

  /** The result; values in the message may be raw: it is escaped here, once. */
  RolloutResult result(RolloutResult.Outcome outcome, String versionId, String message) {
    return new RolloutResult(id(), outcome, Optional.of(versionId), state().activeVersionId(),
        state().serial(), SafeText.escape(message));
  }
}
