package io.github.eventretry.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventretry.genesys.internal.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * A Genesys Cloud integration as {@code GET /api/v2/integrations/{id}} returns it, with the members
 * eventretry reads pulled out and the whole answer kept as JSON text.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the integration id
 * @param name its name
 * @param integrationTypeId {@code integrationType.id}, such as {@code amazon-eventbridge-source}
 * @param intendedState {@code ENABLED}, {@code DISABLED}, {@code DELETED} or {@code RESTORED}, if given
 * @param json the whole answer, compact JSON text
 */
public record Integration(
    String id, String name, String integrationTypeId, Optional<String> intendedState, String json) {
  /** The integration type id of Genesys Cloud's Amazon EventBridge integration. */
  public static final String EVENTBRIDGE_TYPE = "amazon-eventbridge-source";

  /**
   * Checks the values.
   *
   * @throws NullPointerException if any is null
   */
  public Integration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(integrationTypeId, "integrationTypeId");
    Objects.requireNonNull(intendedState, "intendedState");
    Objects.requireNonNull(json, "json");
  }

  /**
   * Reads an integration from its JSON text.
   *
   * @param json the answer of {@code GET /api/v2/integrations/{id}}
   * @return the integration
   * @throws NullPointerException if {@code json} is null
   * @throws IllegalArgumentException if it is not a JSON object with a string {@code id}
   */
  public static Integration fromJson(String json) {
    Objects.requireNonNull(json, "json");
    return of(Json.parse(json).orElseThrow(
        () -> new IllegalArgumentException("an Integration must be JSON")));
  }

  /** For the client: a tree it has just parsed. */
  static Integration of(JsonNode json) {
    if (!json.isObject() || !json.path("id").isTextual()) {
      throw new IllegalArgumentException("an Integration must be a JSON object with a string id");
    }
    JsonNode state = json.path("intendedState");
    return new Integration(
        json.path("id").textValue(),
        json.path("name").asText(""),
        json.path("integrationType").path("id").asText(""),
        state.isTextual() ? Optional.of(state.textValue()) : Optional.empty(),
        Json.write(json));
  }
}
