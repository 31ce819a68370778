package io.github.eventretry.core.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.PolicyFingerprint;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.PolicyValidationException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.Violation;
import io.github.eventretry.core.internal.PolicyRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy looks like to Genesys Cloud.
 *
 * <p>Genesys Cloud has no native retry-policy field. The real resource is the integration's
 * configuration, {@code GET/PUT /api/v2/integrations/{id}/config/current}, an
 * {@code IntegrationConfiguration} {@code {name, version, properties, advanced, notes, credentials}}.
 * eventretry keeps its block under {@code advanced} ({@link #mergeIntoConfiguration}) and leaves every
 * other member, {@code version} included, exactly as read. The tutorial's shapes
 * ({@link #seedBlock}, {@link #seedIntegrationConfig}) are here for readers coming from it.
 *
 * <p>Stateless and thread-safe; every method returns a new tree the caller owns.
 */
public final class GenesysPayloads {
  /** The member under {@code advanced} that holds the policy's fingerprint. */
  public static final String FINGERPRINT_FIELD = "policy_fingerprint";
  /** The member under {@code advanced} that holds the traffic split percent. */
  public static final String TRAFFIC_SPLIT_FIELD = "traffic_split";

  private static final List<String> BLOCK_FIELDS = List.of(
      "retry_policy", "dead_letter_queue", "destination_constraints", TRAFFIC_SPLIT_FIELD,
      FINGERPRINT_FIELD);

  private GenesysPayloads() {}

  /**
   * Returns the tutorial's {@code to_genesys_payload} block:
   * {@code {retry_policy{max_retries, backoff_strategy, base_delay_ms, max_delay_ms},
   * dead_letter_queue{arn} or {}, destination_constraints{rate_limit_rps, storage_class}}}.
   *
   * @param policy the policy
   * @return a new tree
   */
  public static ObjectNode seedBlock(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    ObjectNode block = JsonNodeFactory.instance.objectNode();
    ObjectNode retry = block.putObject("retry_policy");
    retry.put("max_retries", policy.maxRetries());
    retry.put("backoff_strategy", policy.backoffStrategy().jsonName());
    retry.put("base_delay_ms", policy.baseDelayMillis());
    retry.put("max_delay_ms", policy.maxDelayMillis());
    ObjectNode dlq = block.putObject("dead_letter_queue");
    policy.deadLetterQueue().ifPresent(q -> dlq.put("arn", q.arn()));
    ObjectNode constraints = block.putObject("destination_constraints");
    constraints.put("rate_limit_rps", policy.destinationRateLimitRps());
    constraints.put("storage_class", policy.storageClass().jsonName());
    return block;
  }

  /**
   * Returns the tutorial's {@code build_integration_config} shape with the traffic split its deploy
   * step adds: {@code {name: "eventbridge-retry-config", integration_type: "aws-eventbridge",
   * config: {...seed block, traffic_split}, enabled: true}}. This is not a shape Genesys Cloud's API
   * accepts; use {@link #mergeIntoConfiguration} for the real one.
   *
   * @param policy the policy
   * @param split the traffic split
   * @return a new tree
   */
  public static ObjectNode seedIntegrationConfig(RetryPolicy policy, TrafficSplit split) {
    Objects.requireNonNull(split, "split");
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.put("name", "eventbridge-retry-config");
    config.put("integration_type", "aws-eventbridge");
    ObjectNode block = seedBlock(policy);
    block.put(TRAFFIC_SPLIT_FIELD, split.percent());
    config.set("config", block);
    config.put("enabled", true);
    return config;
  }

  /**
   * Returns the block eventretry writes under {@code advanced}: the seed block, with the jitter added
   * to {@code retry_policy} so the whole policy travels, plus {@code traffic_split} and
   * {@code policy_fingerprint}.
   *
   * @param policy the policy
   * @param split the traffic split
   * @return a new tree
   */
  public static ObjectNode advancedBlock(RetryPolicy policy, TrafficSplit split) {
    Objects.requireNonNull(split, "split");
    ObjectNode block = seedBlock(policy);
    ((ObjectNode) block.get("retry_policy")).set("jitter", PolicyJson.jitterNode(policy.jitter()));
    block.put(TRAFFIC_SPLIT_FIELD, split.percent());
    block.put(FINGERPRINT_FIELD, policy.fingerprint().value());
    return block;
  }

  /**
   * Merges a policy into an {@code IntegrationConfiguration} as read from
   * {@code GET /api/v2/integrations/{id}/config/current}: the {@link #advancedBlock} members replace
   * their namesakes under {@code advanced}; every other member of {@code advanced} and of the
   * configuration ({@code name}, {@code version}, {@code properties}, {@code notes},
   * {@code credentials}, anything unknown) is copied unchanged. Send the result back with
   * {@code PUT} and the {@code version} it carries.
   *
   * @param currentConfiguration the configuration as read; not modified
   * @param policy the policy
   * @param split the traffic split
   * @return a new tree
   * @throws IllegalArgumentException if the configuration is not an object, or its {@code advanced} is
   *     neither absent, null nor an object
   */
  public static ObjectNode mergeIntoConfiguration(
      JsonNode currentConfiguration, RetryPolicy policy, TrafficSplit split) {
    Objects.requireNonNull(currentConfiguration, "currentConfiguration");
    if (!currentConfiguration.isObject()) {
      throw new IllegalArgumentException(
          "an IntegrationConfiguration must be a JSON object, not " + currentConfiguration.getNodeType());
    }
    ObjectNode merged = ((ObjectNode) currentConfiguration).deepCopy();
    JsonNode advanced = merged.get("advanced");
    ObjectNode target;
    if (advanced == null || advanced.isNull()) {
      target = merged.putObject("advanced");
    } else if (advanced.isObject()) {
      target = (ObjectNode) advanced;
    } else {
      throw new IllegalArgumentException(
          "IntegrationConfiguration.advanced must be an object, not " + advanced.getNodeType());
    }
    target.setAll(advancedBlock(policy, split));
    return merged;
  }

  /**
   * Reads back the policy eventretry wrote into a configuration, if any.
   *
   * @param configuration an {@code IntegrationConfiguration}
   * @return the applied policy, or empty when {@code advanced} holds no eventretry block
   * @throws PolicyValidationException if the block is there but does not describe a valid policy, a
   *     whole-percent {@code traffic_split} from 1 to 100 and, when present, a well-formed
   *     {@code policy_fingerprint}; violation paths point into the configuration, such as
   *     {@code $.advanced.retry_policy.max_retries}
   */
  public static Optional<AppliedPolicy> readApplied(JsonNode configuration) {
    Objects.requireNonNull(configuration, "configuration");
    JsonNode advanced = configuration.path("advanced");
    if (!advanced.isObject() || !advanced.has("retry_policy")) {
      return Optional.empty();
    }
    JsonNode retry = advanced.path("retry_policy");
    JsonNode constraints = advanced.path("destination_constraints");
    ObjectNode policy = JsonNodeFactory.instance.objectNode();
    copy(retry, "max_retries", policy, "max_retries");
    copy(retry, "backoff_strategy", policy, "backoff_strategy");
    copy(retry, "base_delay_ms", policy, "base_delay_ms");
    copy(retry, "max_delay_ms", policy, "max_delay_ms");
    copy(retry, "jitter", policy, "jitter");
    copy(advanced.path("dead_letter_queue"), "arn", policy, "dead_letter_queue_arn");
    copy(constraints, "rate_limit_rps", policy, "destination_rate_limit_rps");
    copy(constraints, "storage_class", policy, "storage_availability_class");

    List<Violation> violations = new ArrayList<>();
    RetryPolicy read = null;
    try {
      read = PolicyJson.read(policy);
    } catch (PolicyValidationException e) {
      for (Violation v : e.violations()) {
        violations.add(new Violation(inConfiguration(v.path()), v.message(), v.rejectedValue()));
      }
    }
    JsonNode split = advanced.path(TRAFFIC_SPLIT_FIELD);
    if (!split.isIntegralNumber() || !split.canConvertToInt()
        || split.intValue() < 1 || split.intValue() > 100) {
      violations.add(new Violation("$.advanced." + TRAFFIC_SPLIT_FIELD,
          split.isMissingNode() ? "is required" : "must be a whole percent between 1 and 100",
          split.isMissingNode() ? Violation.MISSING : PolicyRules.render(split)));
    }
    Optional<PolicyFingerprint> fingerprint = Optional.empty();
    JsonNode recorded = advanced.path(FINGERPRINT_FIELD);
    if (!recorded.isMissingNode()) {
      try {
        fingerprint = Optional.of(PolicyFingerprint.parse(recorded.asText("")));
        if (!recorded.isTextual()) {
          throw new IllegalArgumentException("not a string");
        }
      } catch (IllegalArgumentException e) {
        violations.add(new Violation("$.advanced." + FINGERPRINT_FIELD,
            "must be 'sha256:' and 64 lowercase hex digits", PolicyRules.render(recorded)));
      }
    }
    if (!violations.isEmpty()) {
      throw new PolicyValidationException(violations);
    }
    return Optional.of(new AppliedPolicy(read, TrafficSplit.ofPercent(split.intValue()), fingerprint));
  }

  /** Maps a path of the policy's JSON form to where that field sits in the advanced block. */
  private static String inConfiguration(String policyPath) {
    String[][] moves = {
      {"$.dead_letter_queue_arn", "$.advanced.dead_letter_queue.arn"},
      {"$.destination_rate_limit_rps", "$.advanced.destination_constraints.rate_limit_rps"},
      {"$.storage_availability_class", "$.advanced.destination_constraints.storage_class"},
    };
    for (String[] m : moves) {
      if (policyPath.equals(m[0])) {
        return m[1];
      }
    }
    return policyPath.equals("$") ? "$.advanced.retry_policy"
        : "$.advanced.retry_policy" + policyPath.substring(1);
  }

  /**
   * Returns the names of the members eventretry owns under {@code advanced}.
   *
   * @return {@code retry_policy, dead_letter_queue, destination_constraints, traffic_split,
   *     policy_fingerprint}
   */
  public static List<String> blockFields() {
    return BLOCK_FIELDS;
  }

  private static void copy(JsonNode from, String name, ObjectNode to, String as) {
    JsonNode v = from.get(name);
    if (v != null) {
      to.set(as, v.deepCopy());
    }
  }
}
