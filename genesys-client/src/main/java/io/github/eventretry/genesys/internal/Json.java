package io.github.eventretry.genesys.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The module's one Jackson mapper, kept out of every public signature: values cross the API as JSON
 * text. Thread-safe.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * Returns the mapper.
   *
   * @return the shared mapper; do not reconfigure it
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses JSON text.
   *
   * @param text the text
   * @return the tree, or empty when it is not one JSON value
   */
  public static Optional<JsonNode> parse(String text) {
    try {
      JsonNode n = MAPPER.readTree(text);
      return n == null || n.isMissingNode() ? Optional.empty() : Optional.of(n);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a JSON object.
   *
   * @param text the text
   * @param what what it is, for the message, such as {@code an IntegrationConfiguration}
   * @return the object
   * @throws IllegalArgumentException if it is not a JSON object
   */
  public static ObjectNode object(String text, String what) {
    JsonNode n = parse(text).orElseThrow(() -> new IllegalArgumentException(what + " must be JSON"));
    if (!n.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return (ObjectNode) n;
  }

  /**
   * Writes a tree as compact JSON text.
   *
   * @param node the tree
   * @return the text
   */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree can always be written", e);
    }
  }
}
