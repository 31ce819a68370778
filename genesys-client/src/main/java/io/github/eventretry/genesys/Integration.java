package io.github.eventretry.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A Genesys Cloud integration as {@code GET /api/v2/integrations/{id}} returns it, with the members
 * eventretry reads pulled out and the whole answer kept.
 *
 * <p>Immutable and thread-safe: the JSON is copied in and out.
 *
 * @param id the integration id
 * @param name its name
 * @param integrationTypeId {@code integrationType.id}, such as {@code amazon-eventbridge-source}
 * @param intendedState {@code ENABLED}, {@code DISABLED}, {@code DELETED} or {@code RESTORED}, if given
 * @param json the whole answer
 */
public record Integration(
    String id, String name, String integrationTypeId, Optional<String> intendedState, ObjectNode json) {
  /** The integration type id of Genesys Cloud's Amazon EventBridge integration. */
  public static final String EVENTBRIDGE_TYPE = "amazon-eventbridge-source";

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if any is null
   */
  public Integration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(integrationTypeId, "integrationTypeId");
    Objects.requireNonNull(intendedState, "intendedState");
    json = Objects.requireNonNull(json, "json").deepCopy();
  }

  /**
   * Reads an integration from its JSON.
   *
   * @param json the answer of {@code GET /api/v2/integrations/{id}}
   * @return the integration
   * @throws IllegalArgumentException if it is not an object with a textual {@code id}
   */
  public static Integration fromJson(JsonNode json) {
    Objects.requireNonNull(json, "json");
    if (!json.isObject() || !json.path("id").isTextual()) {
      throw new IllegalArgumentException("an Integration must be a JSON object with a string id");
    }
    JsonNode state = json.path("intendedState");
    return new Integration(
        json.path("id").textValue(),
        json.path("name").asText(""),
        json.path("integrationType").path("id").asText(""),
        state.isTextual() ? Optional.of(state.textValue()) : Optional.empty(),
        (ObjectNode) json);
  }

  /**
   * Returns the whole answer.
   *
   * @return a copy the caller owns
   */
  @Override
  public ObjectNode json() {
    return json.deepCopy();
  }
}
