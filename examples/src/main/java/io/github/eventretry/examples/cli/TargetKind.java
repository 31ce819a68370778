package io.github.eventretry.examples.cli;

import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.eventbridge.EventBridgeTargets;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import java.util.Optional;

/**
 * Where a deployment applies its policy: {@code deploy --target genesys|eventbridge|both}. An
 * integration's state is bound to one of them by its baseline {@code v0}, whose snapshot names the
 * target that read it; a state without a baseline (written before baselines were) is Genesys Cloud's.
 */
enum TargetKind {
  /** The block under {@code advanced} in the integration's configuration. */
  GENESYS("genesys", HttpGenesysClient.SNAPSHOT_TARGET, "Genesys Cloud"),
  /** The {@code RetryPolicy} and {@code DeadLetterConfig} of EventBridge rule targets. */
  EVENTBRIDGE("eventbridge", EventBridgeTargets.TARGET_NAME, "EventBridge"),
  /** Both, as one rollout: EventBridge first, then the block in Genesys Cloud. */
  BOTH("both", CombinedTarget.TARGET_NAME, "EventBridge and Genesys Cloud");

  private final String option;
  private final String snapshotTarget;
  private final String shown;

  TargetKind(String option, String snapshotTarget, String shown) {
    this.option = option;
    this.snapshotTarget = snapshotTarget;
    this.shown = shown;
  }

  /** The word of {@code --target}. */
  String option() {
    return option;
  }

  /** The target as a person reads it, such as {@code EventBridge and Genesys Cloud}. */
  String shown() {
    return shown;
  }

  /** Whether the policy goes to Genesys Cloud. */
  boolean genesys() {
    return this != EVENTBRIDGE;
  }

  /** Whether the policy goes to EventBridge rule targets. */
  boolean eventBridge() {
    return this != GENESYS;
  }

  /**
   * Parses {@code --target}.
   *
   * @throws CliException exit 2 naming the allowed words
   */
  static TargetKind ofOption(String command, String word) {
    for (TargetKind k : values()) {
      if (k.option.equals(word)) {
        return k;
      }
    }
    throw CliException.usage("eventretry " + command + ": --target must be genesys, eventbridge or both"
        + " (rejected: " + SafeText.quote(word) + ")");
  }

  /**
   * Returns the target a state records: that of its baseline's snapshot.
   *
   * @return empty for a state with no versions yet
   * @throws CliException exit 1 when the baseline was read by a target this command line does not know
   */
  static Optional<TargetKind> recordedIn(DeploymentState state) {
    if (state.versions().isEmpty()) {
      return Optional.empty();
    }
    Optional<TargetSnapshot> baseline = state.baseline().flatMap(PolicyVersion::snapshot);
    if (baseline.isEmpty()) {
      return Optional.of(GENESYS);
    }
    String name = baseline.get().target();
    for (TargetKind k : values()) {
      if (k.snapshotTarget.equals(name)) {
        return Optional.of(k);
      }
    }
    throw CliException.failed("eventretry: the baseline v0 of " + state.integrationId() + " was read by"
        + " a target this command line does not know (" + SafeText.quote(name) + ")");
  }
}
