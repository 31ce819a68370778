package io.github.eventretry.genesys.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** JSON text to trees and back, for assertions: the API itself speaks JSON text only. */
public final class Trees {
  public static final ObjectMapper JSON = new ObjectMapper();

  private Trees() {}

  public static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode object(String json) {
    return (ObjectNode) tree(json);
  }

  /** An edit of JSON text that changes the parsed object in place. */
  public static UnaryOperator<String> edit(Consumer<ObjectNode> change) {
    return text -> {
      ObjectNode o = object(text);
      change.accept(o);
      return o.toString();
    };
  }
}
