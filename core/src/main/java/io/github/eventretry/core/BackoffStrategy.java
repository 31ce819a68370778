package io.github.eventretry.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the nominal delay grows with each retry. {@code n} counts retries from 0 (the first retry).
 *
 * <p>Both are computed in saturating arithmetic and capped at {@code max_delay_ms}; see
 * {@link RetryPolicy#nominalDelayMillis(int)}. Immutable and thread-safe.
 */
public enum BackoffStrategy {
  /** {@code base * 2^n}. */
  EXPONENTIAL("exponential"),
  /** {@code base * (n + 1)}. */
  LINEAR("linear");

  private final String jsonName;

  BackoffStrategy(String jsonName) {
    this.jsonName = jsonName;
  }

  /**
   * Returns the name used in the JSON form.
   *
   * @return {@code exponential} or {@code linear}
   */
  public String jsonName() {
    return jsonName;
  }

  /**
   * Finds the strategy with a JSON name.
   *
   * @param jsonName a name such as {@code exponential}
   * @return the strategy, or empty when the name is not one of them (names are case-sensitive)
   */
  public static Optional<BackoffStrategy> fromJsonName(String jsonName) {
    return Arrays.stream(values()).filter(b -> b.jsonName.equals(jsonName)).findFirst();
  }
}
