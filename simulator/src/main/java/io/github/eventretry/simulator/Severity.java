package io.github.eventretry.simulator;

import java.util.Locale;

/**
 * How serious a {@link Finding} is. The command line exits 1 when any finding is an error. Immutable
 * and thread-safe.
 */
public enum Severity {
  /** Worth knowing; nothing to change. */
  INFO,
  /** Likely to hurt; review the policy. */
  WARNING,
  /** The policy will lose events or overload the destination in this scenario. */
  ERROR;

  /**
   * Returns the name used in JSON.
   *
   * @return {@code info}, {@code warning} or {@code error}
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
