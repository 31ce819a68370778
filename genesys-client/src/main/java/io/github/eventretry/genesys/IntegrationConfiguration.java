package io.github.eventretry.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.payload.AppliedPolicy;
import io.github.eventretry.genesys.internal.GenesysApi;
import io.github.eventretry.genesys.internal.Json;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An integration's configuration as {@code GET /api/v2/integrations/{id}/config/current} returns it:
 * Genesys Cloud's {@code IntegrationConfiguration} {@code {name, version, properties, advanced, notes,
 * credentials}}, kept as JSON text. Send it back with its {@code version} to change it:
 * {@link GenesysClient#putConfiguration}.
 *
 * <p>Immutable and thread-safe. Two configurations are equal when their JSON text is.
 */
public final class IntegrationConfiguration {
  private final long version;
  private final String json;

  private IntegrationConfiguration(long version, String json) {
    this.version = version;
    this.json = json;
  }

  /**
   * Reads a configuration from its JSON text, which it keeps in compact form (no insignificant
   * whitespace; members in the order given).
   *
   * @param json an {@code IntegrationConfiguration} object
   * @return the configuration
   * @throws NullPointerException if {@code json} is null
   * @throws IllegalArgumentException if it is not a JSON object with a whole, non-negative
   *     {@code version}
   */
  public static IntegrationConfiguration fromJson(String json) {
    Objects.requireNonNull(json, "json");
    return of(Json.object(json, "an IntegrationConfiguration"));
  }

  /** For the client: a tree it has just parsed. */
  static IntegrationConfiguration of(JsonNode tree) {
    JsonNode v = tree.path(GenesysApi.VERSION);
    if (!tree.isObject() || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw new IllegalArgumentException(
          "an IntegrationConfiguration must be a JSON object with a whole, non-negative version");
    }
    return new IntegrationConfiguration(v.longValue(), Json.write(tree));
  }

  /**
   * Returns the {@code version}: a {@code PUT} must carry the one it read.
   *
   * @return 0 or more
   */
  public long version() {
    return version;
  }

  /**
   * Returns the whole configuration.
   *
   * @return compact JSON text
   */
  public String json() {
    return json;
  }

  /**
   * Returns one top-level member, such as {@code advanced} or {@code properties}.
   *
   * @param name the member's name
   * @return its JSON text, or empty when absent ({@code null} when present as JSON null)
   * @throws NullPointerException if {@code name} is null
   */
  public Optional<String> member(String name) {
    Objects.requireNonNull(name, "name");
    JsonNode m = tree().get(name);
    return m == null ? Optional.empty() : Optional.of(Json.write(m));
  }

  /**
   * Returns {@code properties}, each value as JSON text: for the EventBridge integration
   * {@code awsAccountId}, {@code awsAccountRegion}, {@code eventSourceSuffix} and
   * {@code eventFilter}.
   *
   * @return an unmodifiable map in the configuration's order; empty when {@code properties} is
   *     absent or not an object
   */
  public Map<String, String> properties() {
    JsonNode p = tree().get(GenesysApi.PROPERTIES);
    if (p == null || !p.isObject()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), Json.write(e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns the policy eventretry wrote into {@code advanced}, if any.
   *
   * @return the policy, its traffic split and recorded fingerprint, or empty when {@code advanced}
   *     holds no eventretry block
   * @throws io.github.eventretry.core.PolicyValidationException if the block is there but does not
   *     describe a valid policy and split
   */
  public Optional<AppliedPolicy> appliedPolicy() {
    return ConfigurationEdits.applied(tree());
  }

  /** For the client and the emulator's tests: a fresh tree the caller owns. */
  ObjectNode tree() {
    return Json.object(json, "an IntegrationConfiguration");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntegrationConfiguration c && c.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /**
   * Describes the configuration by its version.
   *
   * @return such as {@code IntegrationConfiguration[version=3]}
   */
  @Override
  public String toString() {
    return "IntegrationConfiguration[version=" + version + "]";
  }
}
