package io.github.eventretry.examples;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.spi.RolloutGate;
import io.github.eventretry.state.spi.StageCheck;
import io.github.eventretry.state.spi.StageQuery;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.rollout.RolloutEngine;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutResult;
import io.github.eventretry.state.VersionDiff;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Deployment state, the audit log and the rollout engine in code: the snippets of docs/rollout.md and
 * docs/state-and-audit.md come from here, and a test runs both methods against a fake target.
 *
 * <p>Thread-safety: the class holds no state; each call works only on its arguments. Two calls on the
 * same folder and integration at once are what the rollout lease is for: the second fails with
 * {@link io.github.eventretry.state.LockHeldException}.
 */
public final class StateAndRolloutExample {
  private StateAndRolloutExample() {}

  /**
   * Rolls a policy out to an integration by the canary plan (10 %, 50 %, 100 % of traffic), keeping the
   * state and the audit log in one folder, and prints one line per rollout event and how it ended.
   *
   * @param policyTarget where the policy is applied (in production, the Genesys client)
   * @param deliveryMetricsSource where each stage's delivery metrics are read
   * @param folder the state folder: one state file per integration and {@code audit.jsonl}
   * @param clock the time the engine and the audit log record (in production {@code Clock.systemUTC()})
   * @param sleeper how bake times are waited (in production {@code Sleeper.system()})
   * @param integrationId the integration
   * @param policy the policy to roll out
   * @param out where the progress lines go
   * @return how the rollout ended
   * @throws io.github.eventretry.state.LockHeldException if another rollout of the integration holds
   *     its lease, in this process or another
   * @throws io.github.eventretry.state.rollout.RolloutException if the target cannot be read before
   *     anything is deployed, or the rollback's own apply failed
   * @throws io.github.eventretry.state.StateException if the state cannot be read or written, or the
   *     audit log cannot be written
   */
  public static RolloutResult deploy(
      PolicyTarget policyTarget, DeliveryMetricsSource deliveryMetricsSource, Path folder, Clock clock,
      Sleeper sleeper, String integrationId, RetryPolicy policy, PrintStream out) {
    try (FileAuditLog audit = FileAuditLog.builder(folder).clock(clock).open()) {
      RolloutEngine engine = RolloutEngine.builder()
          .target(policyTarget)                    // core's PolicyTarget
          .metrics(deliveryMetricsSource)          // core's DeliveryMetricsSource
          .stateStore(FileStateStore.open(folder))
          .auditLog(audit)
          .clock(clock)                            // default Clock.systemUTC()
          .sleeper(sleeper)                        // default Sleeper.system()
          .listener(event -> out.println(event.message()))
          .owner("ci-deployer")                    // written into the rollout lock
          .build();

      RolloutResult r = engine.deploy(integrationId, policy, RolloutPlan.canary(), "alice", "raise retries");
      String summary = switch (r.outcome()) {
        case COMPLETED -> "active: " + r.activeVersionId().orElseThrow();
        case ROLLED_BACK -> "rolled back; active: " + r.activeVersionId().orElseThrow();
        case ABORTED -> "aborted, no earlier version to restore: " + r.message();
        case INTERRUPTED -> "stopped; resume() continues it: " + r.message();
        case NOTHING_TO_RESUME -> "nothing to resume";  // resume() only
      };
      out.println(summary);
      return r;
    }
  }

  /**
   * Returns a stage check on a signal the host trusts more than delivery counts: a stage fails when the
   * host's delivery alarm fired during its bake. Plug it in with {@code RolloutEngine.builder().gate(...)}
   * in place of {@code metrics(...)}.
   *
   * @param alarmFiring whether the alarm fired; asked once per bake, from the rollout's thread
   * @return the gate
   */
  public static RolloutGate alarmGate(BooleanSupplier alarmFiring) {
    return new RolloutGate() {
      @Override
      public StageCheck check(StageQuery q) {
        return alarmFiring.getAsBoolean()
            ? StageCheck.failed("the delivery alarm fired during stage " + (q.stageIndex() + 1),
                Optional.empty())
            : StageCheck.passed("no alarm during stage " + (q.stageIndex() + 1), Optional.empty());
      }
    };
  }

  /**
   * Prints an integration's versions, the active one and the one a rollback would return to, the
   * differences between {@code v1} and {@code v2}, and whether the audit log is intact, checked against
   * the state (a log shorter than the state recorded is a fault even without the key).
   *
   * @param folder the state folder
   * @param integrationId the integration; its state must exist and hold at least two versions
   * @param keyFromYourSecretStore the audit log's HMAC key, at least 16 bytes
   * @param out where the lines go
   * @return the audit log's verification
   * @throws java.util.NoSuchElementException if the integration has no state
   * @throws IllegalArgumentException if {@code v1} or {@code v2} does not exist, or the key is too short
   * @throws io.github.eventretry.state.CorruptStateException if the state file is damaged
   * @throws io.github.eventretry.state.audit.AuditLogException if the audit log cannot be read
   */
  public static AuditVerification inspect(
      Path folder, String integrationId, byte[] keyFromYourSecretStore, PrintStream out) {
    FileStateStore store = FileStateStore.open(folder);   // one folder, one state file per integration
    try (FileAuditLog audit = FileAuditLog.builder(folder)
        .complianceStandard("SOC2_TYPEII")                  // the default
        .hmacKey(keyFromYourSecretStore)                    // optional, at least 16 bytes
        .open()) {
      DeploymentState state = store.load(integrationId).orElseThrow();
      List<PolicyVersion> history = state.history();       // v0 (the baseline), v1, v2, ...
      Optional<PolicyVersion> active = state.active();
      Optional<PolicyVersion> back = state.rollbackTarget(); // what a rollback returns to
      VersionDiff diff = state.diff("v1", "v2");            // field by field
      AuditVerification verification = audit.verify(List.of(state.auditExpectation()));
      print(history, active, back, diff, verification, out);
      return verification;
    }
  }

  private static void print(List<PolicyVersion> history, Optional<PolicyVersion> active,
      Optional<PolicyVersion> back, VersionDiff diff, AuditVerification verification,
      PrintStream out) {
    for (PolicyVersion v : history) {
      out.println(v.id() + " " + v.status().jsonName() + " " + v.split() + " " + v.digest());
    }
    out.println("active: " + active.map(PolicyVersion::id).orElse("none")
        + ", a rollback returns to: " + back.map(PolicyVersion::id).orElse("none"));
    for (VersionDiff.FieldChange c : diff.changes()) {
      out.println(c.field() + ": " + c.from().orElse("-") + " -> " + c.to().orElse("-"));
    }
    out.println(verification.intact()
        ? "audit intact: " + verification.recordsChecked() + " records"
        : "audit faults: " + verification.faults());
  }
}
