package io.github.eventretry.core.payload;

import io.github.eventretry.core.PolicyFingerprint;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy as found in a Genesys Cloud integration configuration. Immutable and thread-safe.
 *
 * @param policy the policy the block describes
 * @param trafficSplit the traffic split recorded with it
 * @param recordedFingerprint the fingerprint written beside it, if any; compare it with
 *     {@code policy.fingerprint()} to detect a hand-edited block
 */
public record AppliedPolicy(
    RetryPolicy policy, TrafficSplit trafficSplit, Optional<PolicyFingerprint> recordedFingerprint) {
  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if any argument is null
   */
  public AppliedPolicy {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(trafficSplit, "trafficSplit");
    Objects.requireNonNull(recordedFingerprint, "recordedFingerprint");
  }

  /**
   * Returns whether the recorded fingerprint is present and matches the policy.
   *
   * @return true when the block is exactly what eventretry wrote
   */
  public boolean fingerprintMatches() {
    return recordedFingerprint.map(f -> f.equals(policy.fingerprint())).orElse(false);
  }
}
