package io.github.eventretry.state;

import io.github.eventretry.core.PolicyFingerprint;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One deployed version of an integration's policy. It keeps the whole policy, so a rollback restores
 * exactly what was deployed. Immutable and thread-safe.
 *
 * @param id {@code v1}, {@code v2}, ... in order of creation
 * @param createdAt when the deployment began (from the deployer's clock)
 * @param policy the whole policy
 * @param fingerprint the policy's fingerprint; must equal {@code policy.fingerprint()}
 * @param split the share of traffic it was last applied to
 * @param status where it stands
 * @param actor who deployed it
 * @param configurationVersion the Genesys configuration version its last apply produced, if any
 * @param reason why it was deployed, or why its status last changed; may be empty
 */
public record PolicyVersion(
    String id,
    Instant createdAt,
    RetryPolicy policy,
    PolicyFingerprint fingerprint,
    TrafficSplit split,
    VersionStatus status,
    String actor,
    OptionalLong configurationVersion,
    String reason) {
  private static final Pattern ID = Pattern.compile("v[1-9][0-9]{0,17}");

  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   * @throws IllegalArgumentException if the id is not {@code v} and a positive number, the fingerprint
   *     is not the policy's, the actor is blank, or the configuration version is negative
   */
  public PolicyVersion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(configurationVersion, "configurationVersion");
    Objects.requireNonNull(reason, "reason");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "version id must be 'v' and a positive number, such as v1 (rejected: " + id + ")");
    }
    if (!fingerprint.equals(policy.fingerprint())) {
      throw new IllegalArgumentException("fingerprint " + fingerprint
          + " is not the fingerprint of the policy (" + policy.fingerprint() + ")");
    }
    if (actor.isBlank()) {
      throw new IllegalArgumentException("actor must not be blank");
    }
    if (configurationVersion.isPresent() && configurationVersion.getAsLong() < 0) {
      throw new IllegalArgumentException("configurationVersion must be 0 or more (rejected: "
          + configurationVersion.getAsLong() + ")");
    }
  }

  /**
   * Returns the number of this version: 3 for {@code v3}.
   *
   * @return the number, 1 or more
   */
  public long number() {
    return Long.parseLong(id.substring(1));
  }

  /**
   * Returns a copy with another status and reason.
   *
   * @param newStatus the status
   * @param newReason the reason
   * @return the copy
   */
  public PolicyVersion withStatus(VersionStatus newStatus, String newReason) {
    return new PolicyVersion(id, createdAt, policy, fingerprint, split, newStatus, actor,
        configurationVersion, newReason);
  }

  /**
   * Returns a copy recording an apply: the split and the configuration version it produced.
   *
   * @param newSplit the split applied
   * @param newConfigurationVersion the configuration version, 0 or more
   * @return the copy
   */
  public PolicyVersion withApplied(TrafficSplit newSplit, long newConfigurationVersion) {
    return new PolicyVersion(id, createdAt, policy, fingerprint, newSplit, status, actor,
        OptionalLong.of(newConfigurationVersion), reason);
  }
}
