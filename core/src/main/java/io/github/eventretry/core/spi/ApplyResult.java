package io.github.eventretry.core.spi;

import io.github.eventretry.core.PolicyFingerprint;
import io.github.eventretry.core.TrafficSplit;
import java.util.Objects;

/**
 * What a {@link PolicyTarget} applied. Immutable and thread-safe.
 *
 * @param integrationId the integration
 * @param fingerprint the fingerprint of the applied policy
 * @param split the share of traffic
 * @param configurationVersion the version of the target's configuration after the change (Genesys
 *     Cloud's {@code IntegrationConfiguration.version}), 0 or more
 */
public record ApplyResult(
    String integrationId, PolicyFingerprint fingerprint, TrafficSplit split, long configurationVersion) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   * @throws IllegalArgumentException if {@code configurationVersion} is negative
   */
  public ApplyResult {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(split, "split");
    if (configurationVersion < 0) {
      throw new IllegalArgumentException(
          "configurationVersion must be 0 or more (rejected: " + configurationVersion + ")");
    }
  }
}
