package io.github.eventretry.core.spi;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The outcome of one {@link TelemetrySink#export}. Immutable and thread-safe.
 *
 * @param delivered whether the batch was accepted
 * @param attempts how many attempts were made, 1 or more
 * @param lastStatus the HTTP status of the last answer, if there was one
 * @param detail a short description for a person ({@code accepted}, {@code HTTP 503}, {@code timed
 *     out after 10s}); never a secret
 */
public record TelemetryResult(boolean delivered, int attempts, OptionalInt lastStatus, String detail) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   * @throws IllegalArgumentException if {@code attempts} is less than 1
   */
  public TelemetryResult {
    Objects.requireNonNull(lastStatus, "lastStatus");
    Objects.requireNonNull(detail, "detail");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be 1 or more (rejected: " + attempts + ")");
    }
  }
}
