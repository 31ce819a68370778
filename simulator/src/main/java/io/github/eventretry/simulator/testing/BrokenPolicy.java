package io.github.eventretry.simulator.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A policy document with exactly one field broken: reading it with
 * {@link io.github.eventretry.core.PolicyJson#read(com.fasterxml.jackson.databind.JsonNode)} throws a
 * {@link io.github.eventretry.core.PolicyValidationException} with exactly one violation, at
 * {@link #path()}. Made by {@link PolicyArbitraries#brokenInOneField()}.
 *
 * <p>Immutable as long as nobody changes the node: {@link #json()} returns a copy.
 *
 * @param path the JSON path of the broken field, such as {@code $.max_retries}
 * @param document the whole policy document
 * @param why what is wrong, for a person reading a failed property's report
 */
public record BrokenPolicy(String path, ObjectNode document, String why) {
  /**
   * Copies the document.
   *
   * @throws NullPointerException if any value is null
   */
  public BrokenPolicy {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(why, "why");
    document = Objects.requireNonNull(document, "document").deepCopy();
  }

  /**
   * Returns a copy of the document.
   *
   * @return a new JSON object
   */
  public ObjectNode json() {
    return document.deepCopy();
  }

  @Override
  public ObjectNode document() {
    return document.deepCopy();
  }

  @Override
  public String toString() {
    return path + " " + why + ": " + document;
  }
}
