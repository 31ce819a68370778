package io.github.eventretry.simulator;

import java.util.Objects;

/**
 * One thing a simulation found about a policy in a scenario, with a message a person can act on.
 * Immutable and thread-safe.
 *
 * @param severity how serious it is
 * @param code what it is about
 * @param message what was found, with the numbers, and what to change
 */
public record Finding(Severity severity, FindingCode code, String message) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if any value is null
   */
  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return severity.jsonName() + " " + code + ": " + message;
  }
}
