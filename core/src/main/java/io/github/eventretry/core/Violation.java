package io.github.eventretry.core;

import java.util.Objects;

/**
 * One rule a policy document breaks: where, what is wrong, and the value that was rejected.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path the JSON path of the offending field, such as {@code $.max_retries} or
 *     {@code $.jitter.factor}; {@code $} for the document itself
 * @param message what is wrong and what is allowed, such as {@code must be between 1 and 10}
 * @param rejectedValue the rejected value as JSON text (strings quoted, long values shortened), or
 *     {@value #MISSING} when the field is absent
 */
public record Violation(String path, String message, String rejectedValue) {
  /** The {@link #rejectedValue()} of a required field that is absent. */
  public static final String MISSING = "<missing>";

  /**
   * Creates a violation.
   *
   * @throws NullPointerException if any argument is null
   */
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(rejectedValue, "rejectedValue");
  }

  /**
   * Returns the violation as one line: {@code <path>: <message> (rejected: <value>)}.
   *
   * @return the line a person reads
   */
  @Override
  public String toString() {
    return path + ": " + message + " (rejected: " + rejectedValue + ")";
  }
}
