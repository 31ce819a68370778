package io.github.eventretry.state;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a deployed version stands. Immutable and thread-safe.
 */
public enum VersionStatus {
  /** Being rolled out; not yet accepted. */
  PENDING,
  /** Serving: the last rollout that completed, or the version rolled back to. */
  ACTIVE,
  /** Was active; a later version replaced it. */
  SUPERSEDED,
  /** Its rollout was turned back (bad metrics, or a manual rollback away from it). */
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
