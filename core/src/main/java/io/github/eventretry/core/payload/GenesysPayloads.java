package io.github.eventretry.core.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventretry.core.PolicyValidationException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.Violation;
import io.github.eventretry.core.internal.JsonDocuments;
import io.github.eventretry.core.json.GenesysTrees;
import io.github.eventretry.core.json.PolicyTrees;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy looks like to Genesys Cloud, as JSON text.
 *
 * <p>Genesys Cloud has no native retry-policy field. The real resource is the integration's
 * configuration, {@code GET/PUT /api/v2/integrations/{id}/config/current}, an
 * {@code IntegrationConfiguration} {@code {name, version, properties, advanced, notes, credentials}}.
 * eventretry keeps its block under {@code advanced} ({@link #mergeIntoConfiguration}) and leaves every
 * other member, {@code version} included, exactly as read. The tutorial's shapes
 * ({@link #seedBlock}, {@link #seedIntegrationConfig}) are here for readers coming from it.
 *
 * <p>Every method returns JSON in eventretry's pretty form (two-space indent, {@code \n} line ends, no
 * newline at the end). Stateless and thread-safe.
 */
public final class GenesysPayloads {
  /** The member under {@code advanced} that holds the policy's fingerprint. */
  public static final String FINGERPRINT_FIELD = GenesysTrees.FINGERPRINT_FIELD;
  /** The member under {@code advanced} that holds the traffic split percent. */
  public static final String TRAFFIC_SPLIT_FIELD = GenesysTrees.TRAFFIC_SPLIT_FIELD;

  private GenesysPayloads() {}

  /**
   * Returns the tutorial's {@code to_genesys_payload} block:
   * {@code {retry_policy{max_retries, backoff_strategy, base_delay_ms, max_delay_ms},
   * dead_letter_queue{arn} or {}, destination_constraints{rate_limit_rps, storage_class}}}.
   *
   * @param policy the policy
   * @return the JSON text
   */
  public static String seedBlock(RetryPolicy policy) {
    return PolicyTrees.writePretty(GenesysTrees.seedBlock(policy));
  }

  /**
   * Returns the tutorial's {@code build_integration_config} shape with the traffic split its deploy
   * step adds: {@code {name: "eventbridge-retry-config", integration_type: "aws-eventbridge",
   * config: {...seed block, traffic_split}, enabled: true}}. This is not a shape Genesys Cloud's API
   * accepts; use {@link #mergeIntoConfiguration} for the real one.
   *
   * @param policy the policy
   * @param split the traffic split
   * @return the JSON text
   */
  public static String seedIntegrationConfig(RetryPolicy policy, TrafficSplit split) {
    return PolicyTrees.writePretty(GenesysTrees.seedIntegrationConfig(policy, split));
  }

  /**
   * Returns the block eventretry writes under {@code advanced}: the seed block, with the jitter added
   * to {@code retry_policy} so the whole policy travels, plus {@code traffic_split} and
   * {@code policy_fingerprint}.
   *
   * @param policy the policy
   * @param split the traffic split
   * @return the JSON text
   */
  public static String advancedBlock(RetryPolicy policy, TrafficSplit split) {
    return PolicyTrees.writePretty(GenesysTrees.advancedBlock(policy, split));
  }

  /**
   * Merges a policy into an {@code IntegrationConfiguration} as read from
   * {@code GET /api/v2/integrations/{id}/config/current}: the {@link #advancedBlock} members replace
   * their namesakes under {@code advanced}; every other member of {@code advanced} and of the
   * configuration ({@code name}, {@code version}, {@code properties}, {@code notes},
   * {@code credentials}, anything unknown) is copied unchanged. Send the result back with
   * {@code PUT} and the {@code version} it carries.
   *
   * @param currentConfiguration the configuration as read, JSON text
   * @param policy the policy
   * @param split the traffic split
   * @return the merged configuration
   * @throws IllegalArgumentException if the configuration is not one JSON object, or its
   *     {@code advanced} is neither absent, null nor an object
   */
  public static String mergeIntoConfiguration(
      String currentConfiguration, RetryPolicy policy, TrafficSplit split) {
    return PolicyTrees.writePretty(
        GenesysTrees.mergeIntoConfiguration(parse(currentConfiguration), policy, split));
  }

  /**
   * Reads back the policy eventretry wrote into a configuration, if any.
   *
   * @param configuration an {@code IntegrationConfiguration}, JSON text
   * @return the applied policy, or empty when {@code advanced} holds no eventretry block
   * @throws IllegalArgumentException if the configuration is not one JSON value
   * @throws PolicyValidationException if the block is there but does not describe a valid policy, a
   *     whole-percent {@code traffic_split} from 1 to 100 and, when present, a well-formed
   *     {@code policy_fingerprint}; violation paths point into the configuration, such as
   *     {@code $.advanced.retry_policy.max_retries}
   */
  public static Optional<AppliedPolicy> readApplied(String configuration) {
    return GenesysTrees.readApplied(parse(configuration));
  }

  private static JsonNode parse(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return JsonDocuments.parse(json);
    } catch (JsonDocuments.NotJson e) {
      Violation v = e.violation();
      throw new IllegalArgumentException("the configuration is not JSON: " + v.message());
    }
  }

  /**
   * Returns the names of the members eventretry owns under {@code advanced}.
   *
   * @return {@code retry_policy, dead_letter_queue, destination_constraints, traffic_split,
   *     policy_fingerprint}
   */
  public static List<String> blockFields() {
    return GenesysTrees.blockFields();
  }
}
