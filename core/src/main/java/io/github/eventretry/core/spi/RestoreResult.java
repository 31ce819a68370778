package io.github.eventretry.core.spi;

import java.util.Objects;

/**
 * What a {@link PolicyTarget} put back with {@link PolicyTarget#restore}. Immutable and thread-safe.
 *
 * @param integrationId the integration
 * @param restored the snapshot the target now holds
 * @param configurationVersion the version of the target's configuration after the change (Genesys
 *     Cloud's {@code IntegrationConfiguration.version}; 0 for targets without one), 0 or more
 */
public record RestoreResult(String integrationId, TargetSnapshot restored, long configurationVersion) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   * @throws IllegalArgumentException if {@code configurationVersion} is negative
   */
  public RestoreResult {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(restored, "restored");
    if (configurationVersion < 0) {
      throw new IllegalArgumentException(
          "configurationVersion must be 0 or more (rejected: " + configurationVersion + ")");
    }
  }
}
