package io.github.eventretry.state;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a version stands. Immutable and thread-safe.
 */
public enum VersionStatus {
  /**
   * Version {@code v0}: what the target held before the first deploy, recorded verbatim. Never
   * changes; a rollback to it restores exactly that.
   */
  BASELINE,
  /** Being rolled out; not yet accepted. */
  PENDING,
  /** Serving: the last rollout that completed, or the version a rollback restored. */
  ACTIVE,
  /** Was active; a later version replaced it. */
  SUPERSEDED,
  /** Its rollout was turned back (a failed check, a manual rollback away from it, or abandoned). */
  ROLLED_BACK,
  /** Could not be applied. */
  FAILED;

  /**
   * Returns the JSON name, such as {@code rolled_back}.
   *
   * @return the lower-case name
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns whether a rollback may return to a version with this status without being forced: the
   * baseline, and versions that completed their rollout (active or superseded).
   *
   * @return true for {@link #BASELINE}, {@link #ACTIVE} and {@link #SUPERSEDED}
   */
  public boolean isGood() {
    return this == BASELINE || this == ACTIVE || this == SUPERSEDED;
  }

  /**
   * Finds a status by its JSON name.
   *
   * @param name such as {@code active}
   * @return the status, or empty if the name is unknown
   */
  public static Optional<VersionStatus> fromJsonName(String name) {
    for (VersionStatus s : values()) {
      if (s.jsonName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
