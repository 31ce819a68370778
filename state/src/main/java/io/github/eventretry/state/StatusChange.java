package io.github.eventretry.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a version's status after it was created, kept beside the version's own reason rather
 * than written over it. Immutable and thread-safe.
 *
 * @param at when (wall-clock time of the deployer)
 * @param status the status it changed to
 * @param actor who caused it
 * @param reason why, such as {@code stage 1 (10%) failed its check: success rate 0.5000 below 0.9500}
 */
public record StatusChange(Instant at, VersionStatus status, String actor, String reason) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if any is null
   */
  public StatusChange {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(reason, "reason");
  }
}
