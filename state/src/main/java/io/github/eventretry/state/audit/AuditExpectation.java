package io.github.eventretry.state.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * What one integration's deployment state says its audit log must hold, checked by
 * {@link io.github.eventretry.state.spi.AuditLog#verify(java.util.Collection)}:
 *
 * <ul>
 *   <li>a state with versions beside an empty log: {@link AuditFault.Kind#TRUNCATED};
 *   <li>a log that does not reach the head the state's last save followed, or holds another record at
 *       that seq: {@link AuditFault.Kind#TRUNCATED};
 *   <li>no record of the state's last change (found by {@code integration_id} and
 *       {@code state_serial}): {@link AuditFault.Kind#UNRECORDED_CHANGE}.
 * </ul>
 *
 * <p>Get one from {@link io.github.eventretry.state.DeploymentState#auditExpectation()}. A state written
 * before checkpoints were recorded has none: only the first rule applies to it. Immutable and
 * thread-safe.
 *
 * @param integrationId the integration
 * @param serial the state's serial
 * @param versionCount how many versions the state holds
 * @param checkpoint what its last save expects, if recorded
 */
public record AuditExpectation(
    String integrationId, long serial, int versionCount, Optional<AuditCheckpoint> checkpoint) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if any is null
   * @throws IllegalArgumentException if the serial or version count is negative
   */
  public AuditExpectation {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (serial < 0 || versionCount < 0) {
      throw new IllegalArgumentException("serial and versionCount must be 0 or more (rejected: "
          + serial + ", " + versionCount + ")");
    }
  }
}
