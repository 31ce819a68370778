package io.github.eventretry.state.rollout;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.LockHeldException;
import io.github.eventretry.state.LockInfo;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.RolloutProgress;
import io.github.eventretry.state.RolloutProgress.Phase;
import io.github.eventretry.state.VersionStatus;
import io.github.eventretry.state.internal.SetOnce;
import io.github.eventretry.state.spi.AuditLog;
import io.github.eventretry.state.spi.RolloutGate;
import io.github.eventretry.state.spi.RolloutLease;
import io.github.eventretry.state.spi.StateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls a policy out to an integration in traffic-split stages, rolls it back when a stage fails, and
 * recovers what a crash or an interruption left.
 *
 * <p>{@link #deploy} checks the plan against the {@link RolloutGate} and takes the integration's rollout
 * lease (a second rollout fails fast with {@link LockHeldException}, across processes too when the
 * store is a {@code FileStateStore}). Then a preflight, before any version exists: the target must
 * carry the plan's splits and be readable (credentials, network, the integration). The first deploy
 * records what the target held as the baseline {@code v0}. The new version is saved as pending; each
 * stage is applied through the {@link PolicyTarget}, baked (with the {@link Sleeper}), checked by the
 * gate, and advanced, held (baked again) or rolled back. A failed apply rolls back at once.
 *
 * <p>A rollback goes to the most recent earlier version that completed its rollout, or to the
 * baseline; never forward to a failed or rolled-back version unless forced by name
 * ({@link #forceRollbackTo}). A policy version is re-applied exactly (same fingerprint) at 100 %; the
 * baseline is restored verbatim ({@link PolicyTarget#restore}).
 *
 * <p>Every step is saved to the {@link StateStore} (compare-and-set on the serial, with the audit head
 * it follows), then recorded in the {@link AuditLog}, then reported to the {@link RolloutListener},
 * once, before the next step. A deployer that dies mid-rollout leaves the rollout recorded;
 * {@link #resume} finishes it or rolls it back, and first writes the audit record of a change whose
 * append failed. A {@link StopSignal} stops a rollout at its next safe point.
 *
 * <p>Logging goes through SLF4J, each step at DEBUG ({@code deploy_started: deploying v2 ...}). While an
 * operation works on an integration, the SLF4J MDC holds {@code eventretry.integration} (its id); while
 * it applies, bakes, checks or records a step of a version, also {@code eventretry.version} (such as
 * {@code v2}; for a recorded step, the version its event and audit record name). So do the log lines
 * of the target, the gate, the store and the listener, which run on the caller's thread. Each
 * operation puts back what the thread's MDC held before, also when it throws.
 *
 * <p>Thread-safe: one engine may run rollouts of different integrations at once.
 *
 * <pre>{@code
 * RolloutEngine engine = RolloutEngine.builder()
 *     .target(target).metrics(metrics)
 *     .stateStore(FileStateStore.open(folder)).auditLog(FileAuditLog.open(folder))
 *     .build();
 * RolloutResult r = engine.deploy("9f1c...", policy, RolloutPlan.canary(), "alice", "raise retries");
 * }</pre>
 */
public final class RolloutEngine {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutEngine.class);

  private final PolicyTarget target;
  private final RolloutGate gate;
  private final StateStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final RolloutListener listener;
  private final String owner;
  private final StopSignal stop;

  private RolloutEngine(PolicyTarget target, RolloutGate gate, StateStore store, AuditLog audit,
      Clock clock, Sleeper sleeper, RandomGenerator random, RolloutListener listener, String owner,
      StopSignal stop) {
    this.target = target;
    this.gate = gate;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.listener = listener;
    this.owner = owner;
    this.stop = stop;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private RolloutJournal journal(DeploymentState state, String actor) {
    return new RolloutJournal(store, audit, listener, clock, state, actor);
  }

  private RolloutRun run(RolloutJournal journal) {
    return new RolloutRun(target, gate, sleeper, stop, journal);
  }

  private RolloutLease lease(String integrationId) {
    RolloutLease lease = store.acquireRolloutLease(integrationId, owner);
    LOG.debug("{}: rollout lease taken by {}", integrationId, lease.holder().describe());
    return lease;
  }

  /**
   * Rolls a policy out by a plan. Nothing is recorded until the preflight passed: a plan that cannot
   * pass, a target that cannot carry its splits or cannot be read spends no version number. An
   * unfinished rollout left by an interruption is abandoned (its version becomes rolled back) and
   * replaced by this one.
   *
   * @param integrationId the integration
   * @param policy the policy
   * @param plan the stages
   * @param actor who deploys (recorded in the version and the audit log)
   * @param reason why (recorded, never overwritten); may be empty
   * @return how it ended: completed, rolled back, aborted (turned back with no earlier version), or
   *     interrupted by the {@link StopSignal}
   * @throws IllegalArgumentException if the plan can never pass the gate, the target cannot carry its
   *     splits, or the policy does not survive its JSON round trip
   * @throws LockHeldException if a rollout of the integration is in progress elsewhere, or its holder
   *     died holding the lease
   * @throws RolloutException {@link RolloutException.Reason#PREFLIGHT_FAILED} if the target could not be
   *     read; {@link RolloutException.Reason#ROLLBACK_FAILED} if the rollback's own apply failed
   * @throws io.github.eventretry.state.StateException if the state cannot be loaded or saved, or the
   *     audit log cannot be appended to (the step is then recorded in the state for resuming)
   */
  public RolloutResult deploy(
      String integrationId, RetryPolicy policy, RolloutPlan plan, String actor, String reason) {
    DeploymentState.checkIntegrationId(integrationId);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(plan, "plan");
    checkActor(actor);
    Objects.requireNonNull(reason, "reason");
    RetryPolicy stored = PolicyJson.read(PolicyJson.write(policy));
    if (!stored.fingerprint().equals(policy.fingerprint())) {
      throw new IllegalArgumentException("policy " + policy.fingerprint() + " does not survive its JSON"
          + " round trip (read back as " + stored.fingerprint() + "); refusing to deploy what cannot be"
          + " restored");
    }
    gate.checkPlan(plan);
    try (RolloutMdc.Scope mdc = RolloutMdc.integration(integrationId);
        RolloutLease lease = lease(integrationId)) {
      DeploymentState state = store.load(integrationId)
          .orElseGet(() -> DeploymentState.create(integrationId, newLineage()));
      TargetSnapshot now = preflight(integrationId, plan);
      if (stop.stopped()) {
        return new RolloutResult(integrationId, RolloutResult.Outcome.INTERRUPTED, Optional.empty(),
            state.activeVersionId(), state.serial(), "stopped before anything was recorded");
      }
      RolloutJournal journal = journal(state, actor);
      journal.reconcile();
      abandonUnfinished(journal);
      if (journal.state().versions().isEmpty()) {
        PolicyVersion baseline = PolicyVersion.baseline(clock.instant(), now, actor);
        journal.step(RolloutStep.BASELINE_RECORDED).version(baseline)
            .message("recorded what " + integrationId + " holds now as the baseline v0 ("
                + now.digest() + ")")
            .save(b -> b.putVersion(baseline));
      }
      String vid = journal.state().nextVersionId();
      Instant at = clock.instant();
      boolean unchecked = plan.stages().stream().anyMatch(RolloutStage::unchecked);
      PolicyVersion v = PolicyVersion.builder(vid, at, policy, actor).split(plan.stages().get(0).split())
          .reason(reason).unchecked(unchecked).build();
      journal.step(RolloutStep.DEPLOY_STARTED).version(v).detail("plan", plan.describe())
          .detail("reason", reason)
          .message("deploying " + vid + " (" + policy.fingerprint() + ") by " + plan.describe()
              + (unchecked ? ", unchecked" : ""))
          .save(b -> b.putVersion(v).rollout(Optional.of(RolloutProgress.start(vid, plan, at))));
      return run(journal).drive();
    }
  }

  /** Checks the target before anything is recorded; returns what it holds now. */
  private TargetSnapshot preflight(String integrationId, RolloutPlan plan) {
    try {
      target.checkSplits(integrationId, plan.splits());
      return target.read(integrationId);
    } catch (EventRetryException e) {
      throw new RolloutException(RolloutException.Reason.PREFLIGHT_FAILED, "cannot read what "
          + integrationId + " holds now, so nothing was deployed: "
          + SafeText.escape(RolloutRun.firstLine(e)), e);
    }
  }

  private void abandonUnfinished(RolloutJournal journal) {
    Optional<RolloutProgress> unfinished = journal.state().rollout();
    if (unfinished.isEmpty()) {
      return;
    }
    RolloutProgress p = unfinished.get();
    PolicyVersion old = journal.version(p.versionId());
    String next = journal.state().nextVersionId();
    String why = "abandoned: its rollout (stage " + (p.stageIndex() + 1) + " of "
        + p.plan().stages().size() + ", " + p.phase().jsonName() + ") was replaced by " + next;
    Instant now = clock.instant();
    journal.step(RolloutStep.ROLLOUT_ABANDONED).version(old).detail("reason", why)
        .message("the unfinished rollout of " + old.id() + " is abandoned; " + next + " replaces it")
        .save(b -> {
          if (old.status() == VersionStatus.PENDING) {
            b.putVersion(old.withStatus(VersionStatus.ROLLED_BACK, now, journal.actor(), why));
          }
          return b.rollout(Optional.empty());
        });
  }

  /**
   * Finishes or rolls back a rollout that a crash or an interruption left: re-applies its current stage
   * (applying is idempotent), or continues its bake (the window still starts where it did), or
   * completes its rollback. First writes the audit record of the state's last change if its append
   * had failed.
   *
   * @param integrationId the integration
   * @param actor who resumes
   * @return how it ended, or {@link RolloutResult.Outcome#NOTHING_TO_RESUME}
   * @throws LockHeldException if a rollout of the integration is in progress elsewhere, or a dead
   *     deployer's lease must first be cleared ({@link #unlock})
   * @throws RolloutException {@link RolloutException.Reason#ROLLBACK_FAILED} if the rollback's apply
   *     failed
   * @throws io.github.eventretry.state.StateException if the state cannot be loaded or saved, or the
   *     audit log cannot be appended to
   */
  public RolloutResult resume(String integrationId, String actor) {
    DeploymentState.checkIntegrationId(integrationId);
    checkActor(actor);
    try (RolloutMdc.Scope mdc = RolloutMdc.integration(integrationId);
        RolloutLease lease = lease(integrationId)) {
      Optional<DeploymentState> state = store.load(integrationId);
      if (state.isEmpty()) {
        return new RolloutResult(integrationId, RolloutResult.Outcome.NOTHING_TO_RESUME,
            Optional.empty(), Optional.empty(), 0, "no deployment state of " + integrationId);
      }
      RolloutJournal journal = journal(state.get(), actor);
      journal.reconcile();
      if (journal.state().rollout().isEmpty()) {
        DeploymentState s = journal.state();
        return new RolloutResult(integrationId, RolloutResult.Outcome.NOTHING_TO_RESUME,
            Optional.empty(), s.activeVersionId(), s.serial(), "no unfinished rollout of " + integrationId
            + s.activeVersionId().map(a -> "; " + a + " is active").orElse(""));
      }
      RolloutProgress p = journal.state().rollout().get();
      PolicyVersion v = journal.version(p.versionId());
      RolloutJournal.Step step = journal.step(RolloutStep.ROLLOUT_RESUMED).version(v)
          .stage(p.stageIndex(), p.plan()).detail("phase", p.phase().jsonName())
          .message("resuming " + v.id() + " at stage " + (p.stageIndex() + 1) + " of "
              + p.plan().stages().size() + " (" + p.phase().jsonName() + ")");
      if (p.phase() == Phase.BAKING) {
        step.bakeEndsAt(p.since().plus(p.stage().bakeTime()));
      }
      step.save(b -> b.rollout(Optional.of(p.at(p.stageIndex(), p.phase(), p.failedChecks(),
          p.since()))));
      return run(journal).drive();
    }
  }

  /**
   * Rolls back by hand. If a rollout is unfinished (interrupted, or its dead deployer's lease cleared),
   * turns it back. Otherwise turns the active version back to the most recent earlier version that
   * completed its rollout, or to the baseline, skipping failed and rolled-back versions.
   *
   * @param integrationId the integration
   * @param actor who rolls back
   * @param reason why (recorded)
   * @return how it ended
   * @throws LockHeldException if a rollout of the integration is in progress elsewhere
   * @throws RolloutException {@link RolloutException.Reason#NO_STATE} without state,
   *     {@link RolloutException.Reason#NOTHING_TO_ROLL_BACK} when there is no version before the active
   *     one (nothing is changed), {@link RolloutException.Reason#ROLLBACK_FAILED} if the apply failed
   *     (the rollback stays recorded for {@link #resume})
   * @throws io.github.eventretry.state.StateException if the state cannot be loaded or saved, or the
   *     audit log cannot be appended to
   */
  public RolloutResult rollback(String integrationId, String actor, String reason) {
    DeploymentState.checkIntegrationId(integrationId);
    checkActor(actor);
    Objects.requireNonNull(reason, "reason");
    try (RolloutMdc.Scope mdc = RolloutMdc.integration(integrationId);
        RolloutLease lease = lease(integrationId)) {
      RolloutJournal journal = journal(loadExisting(integrationId), actor);
      DeploymentState s = journal.state();
      if (s.rollout().isPresent()) {
        journal.reconcile();
        DeploymentState now0 = journal.state();
        RolloutProgress p = now0.rollout().get();
        if (p.phase() != Phase.ROLLING_BACK) {
          PolicyVersion v = journal.version(p.versionId());
          Optional<PolicyVersion> to = now0.rollbackTarget(v.id());
          String why = "manual rollback: " + reason;
          Instant now = clock.instant();
          journal.step(RolloutStep.ROLLBACK_STARTED).version(v).detail("reason", why)
              .detail("to_version", to.map(PolicyVersion::id).orElse("none"))
              .message(to.map(t -> "rolling back " + v.id() + " to " + t.id()
                  + RolloutRun.describeTarget(t) + ": ").orElse("turning back " + v.id()
                  + " with no earlier version to restore: ") + why)
              .save(b -> b.putVersion(v.withStatus(VersionStatus.ROLLED_BACK, now, actor, why))
                  .rollout(Optional.of(p.rollingBack(to.map(PolicyVersion::id), now))));
        }
        return run(journal).drive();
      }
      PolicyVersion active = s.active().orElseThrow(() -> new RolloutException(
          RolloutException.Reason.NOTHING_TO_ROLL_BACK, "integration " + integrationId
              + " has no active version: nothing to roll back; nothing was changed"));
      PolicyVersion to = s.rollbackTarget(active.id()).orElseThrow(() -> new RolloutException(
          RolloutException.Reason.NOTHING_TO_ROLL_BACK, "there is nothing before " + active.id()
              + (active.isBaseline() ? " (the baseline)" : s.baseline().isEmpty()
                  ? " to roll back to: no earlier version completed, and no baseline was recorded"
                  : "") + " to roll back to; nothing was changed"));
      journal.reconcile();
      return startManualRollback(journal, active, to, false, reason);
    }
  }

  /**
   * Rolls back by hand to a named version: re-applies its policy exactly at 100 % (or restores the
   * baseline {@code v0}) and makes it active. A version that failed or was rolled back is refused; see
   * {@link #forceRollbackTo}.
   *
   * @param integrationId the integration
   * @param versionId the version to return to, such as {@code v3}, or {@code v0}
   * @param actor who rolls back
   * @param reason why (recorded)
   * @return how it ended
   * @throws LockHeldException if a rollout of the integration is in progress elsewhere
   * @throws RolloutException {@link RolloutException.Reason#NO_SUCH_VERSION},
   *     {@link RolloutException.Reason#REFUSED_VERSION} (failed or rolled back),
   *     {@link RolloutException.Reason#ALREADY_ACTIVE}, {@link RolloutException.Reason#UNFINISHED_ROLLOUT}
   *     or {@link RolloutException.Reason#NO_STATE}, changing nothing; or
   *     {@link RolloutException.Reason#ROLLBACK_FAILED} (the rollback stays recorded for {@link #resume})
   * @throws io.github.eventretry.state.StateException if the state cannot be loaded or saved, or the
   *     audit log cannot be appended to
   */
  public RolloutResult rollbackTo(String integrationId, String versionId, String actor, String reason) {
    return rollbackTo(integrationId, versionId, actor, reason, false);
  }

  /**
   * Rolls back by hand to a named version even if it failed or was rolled back: for when a person has
   * decided that it is the lesser evil. The reason is required and recorded with the flag
   * {@code forced}.
   *
   * @param integrationId the integration
   * @param versionId the version to return to
   * @param actor who rolls back
   * @param reason why; not blank
   * @return how it ended
   * @throws IllegalArgumentException if the reason is blank
   * @throws LockHeldException if a rollout of the integration is in progress elsewhere
   * @throws RolloutException as {@link #rollbackTo}, except {@code REFUSED_VERSION}
   * @throws io.github.eventretry.state.StateException if the state cannot be loaded or saved, or the
   *     audit log cannot be appended to
   */
  public RolloutResult forceRollbackTo(String integrationId, String versionId, String actor,
      String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a forced rollback needs a reason");
    }
    return rollbackTo(integrationId, versionId, actor, reason, true);
  }

  private RolloutResult rollbackTo(String integrationId, String versionId, String actor, String reason,
      boolean force) {
    DeploymentState.checkIntegrationId(integrationId);
    Objects.requireNonNull(versionId, "versionId");
    checkActor(actor);
    Objects.requireNonNull(reason, "reason");
    try (RolloutMdc.Scope mdc = RolloutMdc.integration(integrationId);
        RolloutLease lease = lease(integrationId)) {
      RolloutJournal journal = journal(loadExisting(integrationId), actor);
      DeploymentState s = journal.state();
      String shown = SafeText.quote(versionId);
      PolicyVersion to = s.version(versionId).orElseThrow(() -> new RolloutException(
          RolloutException.Reason.NO_SUCH_VERSION, "integration " + integrationId + " has no version "
              + shown + " (it has " + describeIds(s) + "); nothing was changed"));
      if (s.rollout().isPresent()) {
        throw new RolloutException(RolloutException.Reason.UNFINISHED_ROLLOUT, "the rollout of "
            + s.rollout().get().versionId() + " on " + integrationId + " is unfinished: resume it or"
            + " roll it back first; nothing was changed");
      }
      if (s.activeVersionId().equals(Optional.of(versionId))) {
        throw new RolloutException(RolloutException.Reason.ALREADY_ACTIVE, versionId
            + " is already the active version of " + integrationId + "; nothing was changed");
      }
      if (!to.status().isGood() && !force) {
        String why = to.lastChange().map(c -> " (" + SafeText.quote(c.reason(), 200) + ")").orElse("");
        throw new RolloutException(RolloutException.Reason.REFUSED_VERSION, versionId + " "
            + (to.status() == VersionStatus.FAILED ? "failed" : "was rolled back") + why
            + "; a rollback to it must be forced, with a reason; nothing was changed");
      }
      journal.reconcile();
      PolicyVersion from = s.active().orElse(to);
      return startManualRollback(journal, from, to, force, reason);
    }
  }

  private RolloutResult startManualRollback(RolloutJournal journal, PolicyVersion from,
      PolicyVersion to, boolean forced, String reason) {
    String why = (forced ? "forced " : "") + "manual rollback to " + to.id() + ": " + reason;
    Instant now = clock.instant();
    journal.step(RolloutStep.ROLLBACK_STARTED).version(from).detail("to_version", to.id())
        .detail("reason", reason).detail("forced", Boolean.toString(forced))
        .message("rolling back " + from.id() + " to " + to.id() + RolloutRun.describeTarget(to) + ": "
            + reason + (forced ? " (forced)" : ""))
        .save(b -> {
          if (!from.id().equals(to.id()) && !from.isBaseline()) {
            b.putVersion(from.withStatus(VersionStatus.ROLLED_BACK, now, journal.actor(), why));
          }
          return b.rollout(Optional.of(RolloutProgress.start(from.id(), RolloutPlan.allAtOnce(), now)
              .rollingBack(Optional.of(to.id()), now)));
        });
    return run(journal).drive();
  }

  /**
   * Clears the locks of an integration whose holders are gone (a deployer killed with SIGKILL), and
   * records that in the audit log. An unfinished rollout stays recorded: {@link #resume} finishes it,
   * {@link #rollback} turns it back, and {@link #deploy} replaces it.
   *
   * @param integrationId the integration
   * @param actor who clears them
   * @return the locks cleared, possibly none
   * @throws LockHeldException if a holder is still running, or this host cannot tell; nothing is
   *     cleared then
   * @throws io.github.eventretry.state.StateException if a lock cannot be removed or the audit log
   *     cannot be appended to
   */
  public List<LockInfo> unlock(String integrationId, String actor) {
    DeploymentState.checkIntegrationId(integrationId);
    checkActor(actor);
    try (RolloutMdc.Scope mdc = RolloutMdc.integration(integrationId)) {
      List<LockInfo> cleared = store.clearStaleLocks(integrationId);
      RolloutJournal journal = journal(DeploymentState.create(integrationId, new UUID(0, 0)), actor);
      for (LockInfo l : cleared) {
        journal.step(RolloutStep.LOCK_CLEARED).detail("holder", l.owner())
            .detail("holder_pid", Long.toString(l.pid())).detail("holder_host", l.host())
            .detail("held_since", l.acquiredAt().toString())
            .message("cleared the lock of " + integrationId + " held by " + l.describe()
                + ", which is no longer running")
            .record();
      }
      return cleared;
    }
  }

  private static String describeIds(DeploymentState s) {
    List<PolicyVersion> v = s.versions();
    return v.isEmpty() ? "none" : v.get(0).id() + ".." + v.get(v.size() - 1).id();
  }

  private DeploymentState loadExisting(String integrationId) {
    return store.load(integrationId).orElseThrow(() -> new RolloutException(
        RolloutException.Reason.NO_STATE, "integration " + integrationId + " has no deployment state;"
            + " nothing to roll back"));
  }

  private UUID newLineage() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  private static void checkActor(String actor) {
    Objects.requireNonNull(actor, "actor");
    if (actor.isBlank()) {
      throw new IllegalArgumentException("actor must not be blank");
    }
  }

  /**
   * Configures a {@link RolloutEngine}. The target, the gate (or the metrics the default gate reads), the
   * state store and the audit log are required; each setting may be set once; {@link #build()} does not
   * change the builder. Not thread-safe.
   */
  public static final class Builder {
    private final SetOnce<PolicyTarget> target = SetOnce.named("target");
    private final SetOnce<RolloutGate> gate = SetOnce.named("gate");
    private final SetOnce<StateStore> store = SetOnce.named("stateStore");
    private final SetOnce<AuditLog> audit = SetOnce.named("auditLog");
    private final SetOnce<Clock> clock = SetOnce.named("clock");
    private final SetOnce<Sleeper> sleeper = SetOnce.named("sleeper");
    private final SetOnce<RandomGenerator> random = SetOnce.named("random");
    private final SetOnce<RolloutListener> listener = SetOnce.named("listener");
    private final SetOnce<String> owner = SetOnce.named("owner");
    private final SetOnce<StopSignal> stop = SetOnce.named("stopSignal");

    private Builder() {}

    /**
     * Sets where policies are applied, read and restored.
     *
     * @param t the target
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder target(PolicyTarget t) {
      target.set(t);
      return this;
    }

    /**
     * Sets the gate that decides whether a stage may advance.
     *
     * @param g the gate
     * @return this builder
     * @throws IllegalStateException if a gate (or metrics) was already set
     */
    public Builder gate(RolloutGate g) {
      gate.set(g);
      return this;
    }

    /**
     * Sets the default gate, {@link SuccessRateGate}, on a metrics source: the same as
     * {@code gate(SuccessRateGate.of(m))}.
     *
     * @param m the source
     * @return this builder
     * @throws IllegalStateException if a gate (or metrics) was already set
     */
    public Builder metrics(DeliveryMetricsSource m) {
      gate.set(SuccessRateGate.of(m));
      return this;
    }

    /**
     * Sets where state is kept.
     *
     * @param s the store
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder stateStore(StateStore s) {
      store.set(s);
      return this;
    }

    /**
     * Sets where steps are audited.
     *
     * @param a the log
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder auditLog(AuditLog a) {
      audit.set(a);
      return this;
    }

    /**
     * Sets the clock: the wall-clock times recorded in versions, rollouts, events, and the bake windows
     * (default: system UTC).
     *
     * @param c the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock c) {
      clock.set(c);
      return this;
    }

    /**
     * Sets how bake times are waited (default: {@link Sleeper#system()}). A simulation may pass a
     * sleeper that returns at once: the bake window is then the stage's bake time from its start,
     * whatever the clock says.
     *
     * @param s the sleeper
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder sleeper(Sleeper s) {
      sleeper.set(s);
      return this;
    }

    /**
     * Sets the generator of new states' lineage UUIDs (default: a {@link SecureRandom}).
     *
     * @param r the generator
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder random(RandomGenerator r) {
      random.set(r);
      return this;
    }

    /**
     * Sets the listener for rollout events (default: none).
     *
     * @param l the listener
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder listener(RolloutListener l) {
      listener.set(l);
      return this;
    }

    /**
     * Sets the name written into rollout locks, shown to a deployer who is turned away (default {@code
     * eventretry}).
     *
     * @param name such as a user or service name; not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if already set
     */
    public Builder owner(String name) {
      Objects.requireNonNull(name, "owner");
      if (name.isBlank()) {
        throw new IllegalArgumentException("owner must not be blank");
      }
      owner.set(name);
      return this;
    }

    /**
     * Sets the signal that stops rollouts at their next safe point (default: one nobody gives).
     *
     * @param s the signal
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder stopSignal(StopSignal s) {
      stop.set(s);
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     * @throws IllegalStateException if the target, the gate (or metrics), the state store or the audit
     *     log is missing
     */
    public RolloutEngine build() {
      if (!target.isSet() || !gate.isSet() || !store.isSet() || !audit.isSet()) {
        throw new IllegalStateException("target, gate (or metrics), stateStore and auditLog are required"
            + " (missing: " + String.join(", ", missing()) + ")");
      }
      return new RolloutEngine(target.required(), gate.required(), store.required(), audit.required(),
          clock.orElse(Clock.systemUTC()), sleeper.orElse(Sleeper.system()),
          random.get().orElseGet(SecureRandom::new), listener.orElse(RolloutListener.NONE),
          owner.orElse("eventretry"), stop.get().orElseGet(StopSignal::create));
    }

    private List<String> missing() {
      List<String> m = new java.util.ArrayList<>();
      if (!target.isSet()) {
        m.add("target");
      }
      if (!gate.isSet()) {
        m.add("gate");
      }
      if (!store.isSet()) {
        m.add("stateStore");
      }
      if (!audit.isSet()) {
        m.add("auditLog");
      }
      return m;
    }
  }
}
