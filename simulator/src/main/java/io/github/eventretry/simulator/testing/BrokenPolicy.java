package io.github.eventretry.simulator.testing;

import java.util.Objects;

/**
 * A policy document with exactly one field broken: reading it with
 * {@link io.github.eventretry.core.PolicyJson#read(String)} throws a
 * {@link io.github.eventretry.core.PolicyValidationException} with exactly one violation, at
 * {@link #path()}. Made by {@link PolicyArbitraries#brokenInOneField()}. Immutable and thread-safe.
 *
 * @param path the JSON path of the broken field, such as {@code $.max_retries}
 * @param document the whole policy document, JSON text
 * @param why what is wrong, for a person reading a failed property's report
 */
public record BrokenPolicy(String path, String document, String why) {
  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if any value is null
   */
  public BrokenPolicy {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(why, "why");
  }

  /**
   * Returns the document.
   *
   * @return the JSON text, {@link #document()}
   */
  public String json() {
    return document;
  }

  @Override
  public String toString() {
    return path + " " + why + ": " + document;
  }
}
