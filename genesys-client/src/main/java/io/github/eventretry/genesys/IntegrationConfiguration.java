package io.github.eventretry.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An integration's configuration as {@code GET /api/v2/integrations/{id}/config/current} returns it:
 * Genesys Cloud's {@code IntegrationConfiguration} {@code {name, version, properties, advanced, notes,
 * credentials}}. Send it back with its {@code version} to change it.
 *
 * <p>Immutable and thread-safe: the JSON is copied in and out.
 *
 * @param version the {@code version}, 0 or more; a {@code PUT} must carry it
 * @param json the whole configuration
 */
public record IntegrationConfiguration(long version, ObjectNode json) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if {@code json} is null
   * @throws IllegalArgumentException if {@code version} is negative
   */
  public IntegrationConfiguration {
    json = Objects.requireNonNull(json, "json").deepCopy();
    if (version < 0) {
      throw new IllegalArgumentException("version must be 0 or more (rejected: " + version + ")");
    }
  }

  /**
   * Reads a configuration from its JSON.
   *
   * @param json an {@code IntegrationConfiguration}
   * @return the configuration
   * @throws IllegalArgumentException if it is not an object with a whole, non-negative {@code version}
   */
  public static IntegrationConfiguration fromJson(JsonNode json) {
    Objects.requireNonNull(json, "json");
    JsonNode v = json.path("version");
    if (!json.isObject() || !v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 0) {
      throw new IllegalArgumentException(
          "an IntegrationConfiguration must be a JSON object with a whole, non-negative version");
    }
    return new IntegrationConfiguration(v.longValue(), (ObjectNode) json);
  }

  /**
   * Returns the whole configuration.
   *
   * @return a copy the caller owns
   */
  @Override
  public ObjectNode json() {
    return json.deepCopy();
  }

  /**
   * Returns {@code properties}: for the EventBridge integration {@code awsAccountId},
   * {@code awsAccountRegion}, {@code eventSourceSuffix} and {@code eventFilter}.
   *
   * @return a copy; an empty object when absent
   */
  public ObjectNode properties() {
    JsonNode p = json.get("properties");
    return p != null && p.isObject() ? ((ObjectNode) p).deepCopy() : json.objectNode();
  }
}
