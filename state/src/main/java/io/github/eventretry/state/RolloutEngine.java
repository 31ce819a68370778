package io.github.eventretry.state;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.json.PolicyTrees;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.state.RolloutEvent.Kind;
import io.github.eventretry.state.RolloutProgress.Phase;
import io.github.eventretry.state.spi.AuditLog;
import io.github.eventretry.state.spi.RolloutLease;
import io.github.eventretry.state.spi.StateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls a policy out to an integration in traffic-split stages, and rolls it back when deliveries fail.
 *
 * <p>{@link #deploy} validates the policy, takes the integration's rollout lease (a second rollout of
 * the same integration fails fast with {@link ConcurrentRolloutException}, across processes too when
 * the store is a {@link FileStateStore}), persists the new version as pending, then for each stage of
 * the {@link RolloutPlan}: applies it through the {@link PolicyTarget}, waits its bake time with the
 * {@link Sleeper}, reads the {@link DeliveryMetricsSource} over the bake window, and advances, holds
 * (bakes again) or rolls back. Too few samples, a success rate below the threshold, or unreadable
 * metrics are failed checks; a failed apply rolls back at once. Rollback re-applies the last known good
 * version's own policy (same fingerprint) to 100 % of traffic.
 *
 * <p>Every transition is saved to the {@link StateStore} (compare-and-set on the serial), then recorded
 * in the {@link AuditLog}, then reported to the {@link RolloutListener}, before the next step. A process
 * that dies mid-rollout leaves the rollout recorded in the state; {@link #resume} finishes it or rolls
 * it back.
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
  private final DeliveryMetricsSource metrics;
  private final StateStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final RolloutListener listener;
  private final String owner;

  private RolloutEngine(Builder b) {
    this.target = b.target;
    this.metrics = b.metrics;
    this.store = b.store;
    this.audit = b.audit;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.listener = b.listener;
    this.owner = b.owner;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** One rollout's working copy of the state; confined to the rollout's thread. */
  private final class Run {
    final String id;
    final String actor;
    DeploymentState state;

    Run(String id, String actor, DeploymentState state) {
      this.id = id;
      this.actor = actor;
      this.state = state;
    }

    void save(UnaryOperator<DeploymentState.Builder> change) {
      DeploymentState next = change.apply(state.toBuilder().nextSerial()).build();
      state = store.compareAndSet(state.serial(), next);
    }

    PolicyVersion version(String vid) {
      return state.version(vid).orElseThrow();
    }

    void audit(String action, PolicyVersion v, String... details) {
      AuditEntry e = AuditEntry.of(action, actor).withVersion(v.id(), v.fingerprint())
          .withDetail("integration_id", id);
      for (int i = 0; i + 1 < details.length; i += 2) {
        e = e.withDetail(details[i], details[i + 1]);
      }
      audit.append(e);
    }

    void emit(Kind kind, String vid, int stage, Optional<TrafficSplit> split,
        Optional<DeliveryMetrics> m, String message) {
      RolloutEvent ev = new RolloutEvent(kind, id, vid, stage, split, m, message, clock.instant());
      try {
        listener.onEvent(ev);
      } catch (RuntimeException ex) {
        LOG.warn("rollout listener failed on {}: {}", kind, ex.toString());
      }
    }

    RolloutResult result(RolloutResult.Outcome outcome, String vid, String message) {
      return new RolloutResult(id, outcome, Optional.of(vid), state.activeVersionId(), state.serial(),
          message);
    }
  }

  /**
   * Rolls a policy out by a plan.
   *
   * @param integrationId the integration
   * @param policy the policy
   * @param plan the stages
   * @param actor who deploys (recorded in the version and the audit log)
   * @param reason why (recorded); may be empty
   * @return how it ended: completed, rolled back, or aborted (turned back with no earlier good version)
   * @throws ConcurrentRolloutException if a rollout of the integration is in progress elsewhere
   * @throws RolloutException if an interrupted rollout is recorded (call {@link #resume} first), the
   *     rollback's own apply failed (the state keeps it for {@link #resume}), or the wait was interrupted
   * @throws io.github.eventretry.core.PolicyValidationException if the policy does not survive its JSON
   *     round trip
   * @throws StateStoreException if the state cannot be loaded or saved
   * @throws AuditLogException if the audit log cannot be appended to
   */
  public RolloutResult deploy(
      String integrationId, RetryPolicy policy, RolloutPlan plan, String actor, String reason) {
    DeploymentState.checkIntegrationId(integrationId);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(plan, "plan");
    checkActor(actor);
    Objects.requireNonNull(reason, "reason");
    RetryPolicy stored = PolicyTrees.read(PolicyTrees.toJsonNode(policy));
    if (!stored.fingerprint().equals(policy.fingerprint())) {
      throw new RolloutException("policy " + policy.fingerprint() + " does not survive its JSON round"
          + " trip (read back as " + stored.fingerprint() + "); refusing to deploy what cannot be restored");
    }
    try (RolloutLease lease = store.acquireRolloutLease(integrationId, owner)) {
      LOG.debug("{}: rollout lease taken by {}", integrationId, lease.holder().describe());
      DeploymentState state = store.load(integrationId)
          .orElseGet(() -> DeploymentState.create(integrationId, newLineage()));
      if (state.rollout().isPresent()) {
        RolloutProgress p = state.rollout().get();
        throw new RolloutException("an interrupted rollout of " + p.versionId() + " on " + integrationId
            + " is recorded (stage " + (p.stageIndex() + 1) + ", " + phaseName(p.phase())
            + "); call resume() to finish or roll it back first");
      }
      Run run = new Run(integrationId, actor, state);
      String vid = state.nextVersionId();
      Instant now = clock.instant();
      PolicyVersion v = new PolicyVersion(vid, now, policy, policy.fingerprint(),
          plan.stages().get(0).split(), VersionStatus.PENDING, actor, java.util.OptionalLong.empty(), reason);
      run.save(b -> b.putVersion(v).rollout(Optional.of(new RolloutProgress(vid, plan, 0, Phase.APPLYING,
          0, now))));
      run.audit("deploy_started", v, "plan", describe(plan), "reason", reason);
      run.emit(Kind.STARTED, vid, -1, Optional.empty(), Optional.empty(),
          "deploying " + vid + " (" + v.fingerprint() + ") by " + describe(plan));
      return drive(run);
    }
  }

  /**
   * Finishes or rolls back a rollout that a crash interrupted: re-applies its current stage (applying is
   * idempotent), or continues its bake, or completes its rollback.
   *
   * @param integrationId the integration
   * @param actor who resumes
   * @return how it ended, or {@link RolloutResult.Outcome#NOTHING_TO_RESUME}
   * @throws ConcurrentRolloutException if a rollout of the integration is in progress elsewhere (a dead
   *     process's lease must first be cleared, e.g. {@link FileStateStore#clearStaleLocks})
   * @throws RolloutException if the rollback's apply failed, or the wait was interrupted
   * @throws StateStoreException if the state cannot be loaded or saved
   * @throws AuditLogException if the audit log cannot be appended to
   */
  public RolloutResult resume(String integrationId, String actor) {
    DeploymentState.checkIntegrationId(integrationId);
    checkActor(actor);
    try (RolloutLease lease = store.acquireRolloutLease(integrationId, owner)) {
      LOG.debug("{}: rollout lease taken by {}", integrationId, lease.holder().describe());
      Optional<DeploymentState> state = store.load(integrationId);
      if (state.isEmpty() || state.get().rollout().isEmpty()) {
        return new RolloutResult(integrationId, RolloutResult.Outcome.NOTHING_TO_RESUME, Optional.empty(),
            state.flatMap(DeploymentState::activeVersionId), state.map(DeploymentState::serial).orElse(0L),
            "no unfinished rollout of " + integrationId);
      }
      Run run = new Run(integrationId, actor, state.get());
      RolloutProgress p = run.state.rollout().get();
      PolicyVersion v = run.version(p.versionId());
      run.audit("rollout_resumed", v, "stage", Integer.toString(p.stageIndex() + 1),
          "phase", phaseName(p.phase()));
      run.emit(Kind.RESUMED, v.id(), p.stageIndex(), Optional.of(p.stage().split()), Optional.empty(),
          "resuming " + v.id() + " at stage " + (p.stageIndex() + 1) + " (" + phaseName(p.phase()) + ")");
      return drive(run);
    }
  }

  /**
   * Rolls back by hand. If a rollout is unfinished (interrupted, its lease cleared), it is turned back to
   * the last known good version. Otherwise the active version is turned back to exactly the version
   * that was active before it, as recorded when it became active ({@link
   * DeploymentState#previousActiveVersionId()}): the one it superseded, or, if it was made active by a
   * rollback, the one that rollback turned away from.
   *
   * @param integrationId the integration
   * @param actor who rolls back
   * @param reason why (recorded)
   * @return how it ended
   * @throws ConcurrentRolloutException if a rollout of the integration is in progress elsewhere
   * @throws RolloutException if there is no state or no recorded previous active version to return to
   *     (such as a state file written before it was recorded: use {@link #rollbackTo}), or the apply
   *     failed (the state keeps the rollback for {@link #resume})
   * @throws StateStoreException if the state cannot be loaded or saved
   * @throws AuditLogException if the audit log cannot be appended to
   */
  public RolloutResult rollback(String integrationId, String actor, String reason) {
    DeploymentState.checkIntegrationId(integrationId);
    checkActor(actor);
    Objects.requireNonNull(reason, "reason");
    try (RolloutLease lease = store.acquireRolloutLease(integrationId, owner)) {
      LOG.debug("{}: rollout lease taken by {}", integrationId, lease.holder().describe());
      Run run = new Run(integrationId, actor, loadExisting(integrationId));
      if (run.state.rollout().isPresent()) {
        RolloutProgress p = run.state.rollout().get();
        if (p.phase() != Phase.ROLLING_BACK) {
          startRollback(run, p, VersionStatus.ROLLED_BACK, "manual rollback: " + reason, Optional.empty());
        }
        return drive(run);
      }
      String activeId = run.state.activeVersionId().orElseThrow(() -> new RolloutException(
          "integration " + integrationId + " has no active version to roll back from"));
      // The version active before, as recorded when the active one became active. Version numbers only
      // say when a version was created, not when it was last active (rollbackTo goes back in numbers).
      String previous = run.state.previousActiveVersionId().filter(p -> !p.equals(activeId))
          .orElseThrow(() -> new RolloutException("integration " + integrationId + " has no recorded"
              + " version that was active before the active " + activeId
              + "; name a version with rollbackTo"));
      return rollbackTo(run, previous, reason);
    }
  }

  /**
   * Rolls back by hand to a named version: re-applies its policy exactly, at 100 %, and makes it the
   * active and last known good version.
   *
   * @param integrationId the integration
   * @param versionId the version to return to, such as {@code v3}
   * @param actor who rolls back
   * @param reason why (recorded)
   * @return how it ended
   * @throws ConcurrentRolloutException if a rollout of the integration is in progress elsewhere
   * @throws RolloutException if there is no such version, it is already active, a rollout is unfinished
   *     (resume or roll it back first), or the apply failed (the state keeps the rollback for
   *     {@link #resume})
   * @throws StateStoreException if the state cannot be loaded or saved
   * @throws AuditLogException if the audit log cannot be appended to
   */
  public RolloutResult rollbackTo(String integrationId, String versionId, String actor, String reason) {
    DeploymentState.checkIntegrationId(integrationId);
    Objects.requireNonNull(versionId, "versionId");
    checkActor(actor);
    Objects.requireNonNull(reason, "reason");
    try (RolloutLease lease = store.acquireRolloutLease(integrationId, owner)) {
      LOG.debug("{}: rollout lease taken by {}", integrationId, lease.holder().describe());
      Run run = new Run(integrationId, actor, loadExisting(integrationId));
      if (run.state.rollout().isPresent()) {
        throw new RolloutException("a rollout of " + run.state.rollout().get().versionId() + " on "
            + integrationId + " is unfinished; resume() or rollback() it first");
      }
      return rollbackTo(run, versionId, reason);
    }
  }

  private RolloutResult rollbackTo(Run run, String versionId, String reason) {
    PolicyVersion to = run.state.version(versionId).orElseThrow(() -> new RolloutException("integration "
        + run.id + " has no version " + versionId + " (it has v1..v" + run.state.versions().size() + ")"));
    if (run.state.activeVersionId().equals(Optional.of(versionId))) {
      throw new RolloutException(versionId + " is already the active version of " + run.id);
    }
    String from = run.state.activeVersionId().orElse(versionId);
    Instant now = clock.instant();
    String why = "manual rollback to " + versionId + ": " + reason;
    run.save(b -> {
      if (!from.equals(versionId)) {
        b.putVersion(run.version(from).withStatus(VersionStatus.ROLLED_BACK, why));
      }
      return b.lastKnownGoodVersionId(Optional.of(versionId)).rollout(Optional.of(new RolloutProgress(
          from, RolloutPlan.allAtOnce(), 0, Phase.ROLLING_BACK, 0, now)));
    });
    run.audit("rollback_started", run.version(from), "to_version", to.id(), "reason", why);
    run.emit(Kind.ROLLBACK_STARTED, from, -1, Optional.of(TrafficSplit.FULL), Optional.empty(),
        "rolling back " + from + " to " + versionId + ": " + reason);
    return drive(run);
  }

  private DeploymentState loadExisting(String integrationId) {
    return store.load(integrationId).orElseThrow(() -> new RolloutException(
        "integration " + integrationId + " has no deployment state; nothing to roll back"));
  }

  /** Runs the recorded rollout of {@code run.state} to its end. */
  private RolloutResult drive(Run run) {
    while (true) {
      RolloutProgress p = run.state.rollout().orElseThrow();
      PolicyVersion v = run.version(p.versionId());
      RolloutStage stage = p.stage();
      int idx = p.stageIndex();
      switch (p.phase()) {
        case ROLLING_BACK -> {
          return finishRollback(run, p);
        }
        case APPLYING -> {
          ApplyResult applied;
          try {
            applied = target.apply(run.id, v.policy(), stage.split());
          } catch (EventRetryException e) {
            String why = "apply of stage " + (idx + 1) + " (" + stage.split() + ") failed: " + e.getMessage();
            startRollback(run, p, VersionStatus.FAILED, why, Optional.empty());
            continue;
          }
          if (!applied.fingerprint().equals(v.fingerprint())) {
            // Something else than this version is live on the target: as bad as a failed apply.
            startRollback(run, p, VersionStatus.FAILED, "apply of stage " + (idx + 1) + " ("
                + stage.split() + ") failed: " + mismatch(applied, v), Optional.empty());
            continue;
          }
          Instant now = clock.instant();
          run.save(b -> b.putVersion(v.withApplied(stage.split(), applied.configurationVersion()))
              .rollout(Optional.of(new RolloutProgress(v.id(), p.plan(), idx, Phase.BAKING, 0, now))));
          run.audit("stage_applied", v, "stage", Integer.toString(idx + 1), "traffic_split",
              stage.split().toString(), "configuration_version",
              Long.toString(applied.configurationVersion()));
          run.emit(Kind.STAGE_APPLIED, v.id(), idx, Optional.of(stage.split()), Optional.empty(),
              "stage " + (idx + 1) + "/" + p.plan().stages().size() + ": " + v.id() + " applied to "
                  + stage.split() + " (configuration version " + applied.configurationVersion() + ")");
        }
        case BAKING -> {
          Duration left = Duration.between(clock.instant(), p.since().plus(stage.bakeTime()));
          try {
            sleeper.sleep(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RolloutException("interrupted while baking stage " + (idx + 1) + " of " + v.id()
                + " on " + run.id + "; the rollout is recorded and resume() continues it", e);
          }
          Check check = check(run.id, p.since(), stage);
          if (check.passed) {
            boolean last = idx + 1 == p.plan().stages().size();
            if (last) {
              return complete(run, p, check);
            }
            Instant now = clock.instant();
            run.save(b -> b.rollout(Optional.of(new RolloutProgress(v.id(), p.plan(), idx + 1,
                Phase.APPLYING, 0, now))));
            run.audit("stage_passed", v, "stage", Integer.toString(idx + 1), "check", check.summary);
            run.emit(Kind.STAGE_PASSED, v.id(), idx, Optional.of(stage.split()), check.metrics,
                "stage " + (idx + 1) + " passed: " + check.summary);
          } else if (p.failedChecks() + 1 >= stage.failureLimit()) {
            startRollback(run, p, VersionStatus.ROLLED_BACK, "stage " + (idx + 1) + " ("
                + stage.split() + ") failed its check " + (p.failedChecks() + 1) + " of "
                + stage.failureLimit() + ": " + check.summary, check.metrics);
          } else {
            Instant now = clock.instant();
            run.save(b -> b.rollout(Optional.of(new RolloutProgress(v.id(), p.plan(), idx, Phase.BAKING,
                p.failedChecks() + 1, now))));
            run.audit("stage_held", v, "stage", Integer.toString(idx + 1), "check", check.summary,
                "failed_checks", Integer.toString(p.failedChecks() + 1));
            run.emit(Kind.STAGE_HELD, v.id(), idx, Optional.of(stage.split()), check.metrics,
                "stage " + (idx + 1) + " held (failed check " + (p.failedChecks() + 1) + " of "
                    + stage.failureLimit() + "): " + check.summary);
          }
        }
        default -> throw new IllegalStateException("unknown phase " + p.phase());
      }
    }
  }

  private record Check(boolean passed, String summary, Optional<DeliveryMetrics> metrics) {}

  private Check check(String id, Instant from, RolloutStage stage) {
    Instant to = clock.instant();
    if (!to.isAfter(from)) {
      to = from.plusMillis(1);
    }
    DeliveryMetrics m;
    try {
      m = metrics.fetch(id, from, to);
    } catch (EventRetryException e) {
      return new Check(false, "metrics unavailable: " + e.getMessage(), Optional.empty());
    }
    String rate = String.format(Locale.ROOT, "%.4f", m.successRate());
    String threshold = String.format(Locale.ROOT, "%.4f", stage.successThreshold());
    if (m.sampleSize() < stage.minimumSample()) {
      return new Check(false, "insufficient data: " + m.sampleSize() + " deliveries, at least "
          + stage.minimumSample() + " needed", Optional.of(m));
    }
    if (m.successRate() < stage.successThreshold()) {
      return new Check(false, "success rate " + rate + " below threshold " + threshold + " over "
          + m.sampleSize() + " deliveries", Optional.of(m));
    }
    return new Check(true, "success rate " + rate + " >= " + threshold + " over " + m.sampleSize()
        + " deliveries", Optional.of(m));
  }

  private RolloutResult complete(Run run, RolloutProgress p, Check check) {
    PolicyVersion v = run.version(p.versionId());
    Optional<String> previous = run.state.activeVersionId().filter(a -> !a.equals(v.id()));
    run.save(b -> {
      previous.ifPresent(a -> b.putVersion(
          run.version(a).withStatus(VersionStatus.SUPERSEDED, "superseded by " + v.id()))
          .previousActiveVersionId(Optional.of(a)));
      return b.putVersion(run.version(v.id()).withStatus(VersionStatus.ACTIVE, v.reason()))
          .activeVersionId(Optional.of(v.id()))
          .lastKnownGoodVersionId(Optional.of(v.id()))
          .rollout(Optional.empty());
    });
    run.audit("deploy_completed", v, "traffic_split", run.version(v.id()).split().toString(),
        "check", check.summary, "superseded", previous.orElse("-"));
    run.emit(Kind.COMPLETED, v.id(), p.stageIndex(), Optional.of(run.version(v.id()).split()),
        check.metrics, v.id() + " is active at " + run.version(v.id()).split());
    return run.result(RolloutResult.Outcome.COMPLETED, v.id(), v.id() + " deployed; " + check.summary);
  }

  private void startRollback(Run run, RolloutProgress p, VersionStatus status, String why,
      Optional<DeliveryMetrics> m) {
    PolicyVersion v = run.version(p.versionId());
    Instant now = clock.instant();
    run.save(b -> b.putVersion(v.withStatus(status, why)).rollout(Optional.of(new RolloutProgress(
        v.id(), p.plan(), p.stageIndex(), Phase.ROLLING_BACK, p.failedChecks(), now))));
    String to = run.state.lastKnownGoodVersionId().orElse("-");
    run.audit(status == VersionStatus.FAILED ? "apply_failed" : "rollback_started", v,
        "reason", why, "to_version", to);
    run.emit(Kind.ROLLBACK_STARTED, v.id(), p.stageIndex(), Optional.empty(), m,
        "rolling back " + v.id() + " to " + to + ": " + why);
  }

  private RolloutResult finishRollback(Run run, RolloutProgress p) {
    PolicyVersion from = run.version(p.versionId());
    Optional<PolicyVersion> lkg = run.state.lastKnownGood();
    if (lkg.isEmpty()) {
      run.save(b -> b.rollout(Optional.empty()));
      String msg = from.id() + " was turned back (" + from.reason() + ") but there is no last known good"
          + " version to re-apply; the target may still hold " + from.id() + " at " + from.split();
      run.audit("rollback_skipped", from, "reason", msg);
      run.emit(Kind.ABORTED, from.id(), -1, Optional.empty(), Optional.empty(), msg);
      return run.result(RolloutResult.Outcome.ABORTED, from.id(), msg);
    }
    PolicyVersion good = lkg.get();
    ApplyResult applied;
    try {
      applied = target.apply(run.id, good.policy(), TrafficSplit.FULL);
      checkApplied(applied, good);
    } catch (EventRetryException e) {
      String msg = "rollback of " + from.id() + " to " + good.id() + " failed: " + e.getMessage()
          + "; the rollback is recorded and resume() retries it";
      run.audit("rollback_failed", good, "from_version", from.id(), "reason", e.getMessage());
      run.emit(Kind.ROLLBACK_FAILED, from.id(), -1, Optional.of(TrafficSplit.FULL), Optional.empty(), msg);
      throw new RolloutException(msg, e);
    }
    // A manual rollback changes the active version: remember the one it replaces for rollback().
    Optional<String> replaced = run.state.activeVersionId().filter(a -> !a.equals(good.id()));
    run.save(b -> {
      replaced.ifPresent(a -> b.previousActiveVersionId(Optional.of(a)));
      return b.putVersion(good.withApplied(TrafficSplit.FULL, applied.configurationVersion())
              .withStatus(VersionStatus.ACTIVE, good.id().equals(from.id()) ? good.reason()
                  : "restored by rollback of " + from.id()))
          .activeVersionId(Optional.of(good.id()))
          .rollout(Optional.empty());
    });
    run.audit("rolled_back", good, "from_version", from.id(), "traffic_split", "100%",
        "configuration_version", Long.toString(applied.configurationVersion()), "reason", from.reason());
    String msg = "rolled back " + from.id() + " to " + good.id() + " (" + good.fingerprint() + ") at 100%";
    run.emit(Kind.ROLLED_BACK, from.id(), -1, Optional.of(TrafficSplit.FULL), Optional.empty(), msg);
    return run.result(RolloutResult.Outcome.ROLLED_BACK, from.id(), msg + ": " + from.reason());
  }

  private static void checkApplied(ApplyResult applied, PolicyVersion v) {
    if (!applied.fingerprint().equals(v.fingerprint())) {
      throw new RolloutException(mismatch(applied, v));
    }
  }

  private static String mismatch(ApplyResult applied, PolicyVersion v) {
    return "the target reported applying " + applied.fingerprint() + " where " + v.id() + " is "
        + v.fingerprint();
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

  private static String phaseName(Phase p) {
    return p.name().toLowerCase(Locale.ROOT);
  }

  private static String describe(RolloutPlan plan) {
    StringBuilder sb = new StringBuilder();
    for (RolloutStage s : plan.stages()) {
      if (sb.length() > 0) {
        sb.append(" -> ");
      }
      sb.append(s.split());
    }
    return sb.toString();
  }

  /**
   * Configures a {@link RolloutEngine}. Target, metrics, state store and audit log are required; each
   * setting may be set once. Not thread-safe.
   */
  public static final class Builder {
    private PolicyTarget target;
    private DeliveryMetricsSource metrics;
    private StateStore store;
    private AuditLog audit;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private RandomGenerator random;
    private RolloutListener listener = RolloutListener.NONE;
    private String owner = "eventretry";
    private final Set<String> set = new HashSet<>();

    private Builder() {}

    private void once(String name, Object old) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set to " + old);
      }
    }

    /**
     * Sets where policies are applied.
     *
     * @param t the target
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder target(PolicyTarget t) {
      Objects.requireNonNull(t, "target");
      once("target", target);
      target = t;
      return this;
    }

    /**
     * Sets where delivery metrics come from.
     *
     * @param m the source
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder metrics(DeliveryMetricsSource m) {
      Objects.requireNonNull(m, "metrics");
      once("metrics", metrics);
      metrics = m;
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
      Objects.requireNonNull(s, "stateStore");
      once("stateStore", store);
      store = s;
      return this;
    }

    /**
     * Sets where transitions are audited.
     *
     * @param a the log
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder auditLog(AuditLog a) {
      Objects.requireNonNull(a, "auditLog");
      once("auditLog", audit);
      audit = a;
      return this;
    }

    /**
     * Sets the clock (default: system UTC).
     *
     * @param c the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock c) {
      Objects.requireNonNull(c, "clock");
      once("clock", clock);
      clock = c;
      return this;
    }

    /**
     * Sets how bake times are waited (default: {@link Sleeper#system()}).
     *
     * @param s the sleeper
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder sleeper(Sleeper s) {
      Objects.requireNonNull(s, "sleeper");
      once("sleeper", sleeper);
      sleeper = s;
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
      Objects.requireNonNull(r, "random");
      once("random", random);
      random = r;
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
      Objects.requireNonNull(l, "listener");
      once("listener", listener);
      listener = l;
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
      once("owner", owner);
      owner = name;
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     * @throws IllegalStateException if the target, metrics, state store or audit log is missing
     */
    public RolloutEngine build() {
      if (target == null || metrics == null || store == null || audit == null) {
        throw new IllegalStateException("target, metrics, stateStore and auditLog are required");
      }
      if (random == null) {
        random = new SecureRandom();
      }
      return new RolloutEngine(this);
    }
  }
}
