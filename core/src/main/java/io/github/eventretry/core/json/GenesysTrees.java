package io.github.eventretry.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.PolicyFingerprint;
import io.github.eventretry.core.PolicyValidationException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.Violation;
import io.github.eventretry.core.internal.PolicyField;
import io.github.eventretry.core.internal.PolicyRules;
import io.github.eventretry.core.payload.AppliedPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The block eventretry keeps under a Genesys Cloud integration configuration's {@code advanced}, as JSON
 * trees, for eventretry's own modules (exported to them only). Where each policy field sits in the block
 * comes from the field table. Stateless and thread-safe; every method returns a new tree the caller
 * owns. {@link io.github.eventretry.core.payload.GenesysPayloads} is the public, text-based form.
 */
public final class GenesysTrees {
  /** The member under {@code advanced} that holds the policy's fingerprint. */
  public static final String FINGERPRINT_FIELD = "policy_fingerprint";
  /** The member under {@code advanced} that holds the traffic split percent. */
  public static final String TRAFFIC_SPLIT_FIELD = "traffic_split";

  private GenesysTrees() {}

  /**
   * Returns the names of the members eventretry owns under {@code advanced}.
   *
   * @return {@code retry_policy, dead_letter_queue, destination_constraints, traffic_split,
   *     policy_fingerprint}
   */
  public static List<String> blockFields() {
    List<String> out = new ArrayList<>();
    for (PolicyField f : PolicyField.in(null)) {
      String top = f.genesysPath().get(0);
      if (!out.contains(top)) {
        out.add(top);
      }
    }
    out.add(TRAFFIC_SPLIT_FIELD);
    out.add(FINGERPRINT_FIELD);
    return List.copyOf(out);
  }

  /**
   * Returns the tutorial's {@code to_genesys_payload} block: every field but {@code jitter} at its
   * place in {@code retry_policy}, {@code dead_letter_queue} ({@code {}} without a queue) and
   * {@code destination_constraints}.
   *
   * @param policy the policy
   * @return a new tree
   */
  public static ObjectNode seedBlock(RetryPolicy policy) {
    return block(policy, false);
  }

  private static ObjectNode block(RetryPolicy policy, boolean withJitter) {
    Objects.requireNonNull(policy, "policy");
    ObjectNode block = JsonNodeFactory.instance.objectNode();
    for (PolicyField f : PolicyField.in(null)) {
      List<String> at = f.genesysPath();
      ObjectNode parent = block.has(at.get(0)) ? (ObjectNode) block.get(at.get(0))
          : block.putObject(at.get(0));
      if (f == PolicyField.JITTER) {
        if (withJitter) {
          parent.set(at.get(1), PolicyTrees.jitterNode(policy.jitter()));
        }
      } else {
        PolicyTrees.put(parent, at.get(1), f.canonicalValue(policy));
      }
    }
    return block;
  }

  /**
   * Returns the tutorial's {@code build_integration_config} shape with the traffic split its deploy
   * step adds: {@code {name, integration_type, config: {...seed block, traffic_split}, enabled}}.
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
   * Returns the block eventretry writes under {@code advanced}: the seed block with the jitter in
   * {@code retry_policy}, plus {@code traffic_split} and {@code policy_fingerprint}.
   *
   * @param policy the policy
   * @param split the traffic split
   * @return a new tree
   */
  public static ObjectNode advancedBlock(RetryPolicy policy, TrafficSplit split) {
    Objects.requireNonNull(split, "split");
    ObjectNode block = block(policy, true);
    block.put(TRAFFIC_SPLIT_FIELD, split.percent());
    block.put(FINGERPRINT_FIELD, policy.fingerprint().value());
    return block;
  }

  /**
   * Merges a policy into an {@code IntegrationConfiguration} as read from
   * {@code GET /api/v2/integrations/{id}/config/current}: the {@link #advancedBlock} members replace
   * their namesakes under {@code advanced}; every other member is copied unchanged.
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
      throw new IllegalArgumentException("an integration configuration must be a JSON object, not "
          + kind(currentConfiguration));
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
          "the configuration's advanced must be an object, not " + kind(advanced));
    }
    target.setAll(advancedBlock(policy, split));
    return merged;
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
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
    String first = PolicyField.MAX_RETRIES.genesysPath().get(0);
    if (!advanced.isObject() || !advanced.has(first)) {
      return Optional.empty();
    }
    ObjectNode policy = JsonNodeFactory.instance.objectNode();
    for (PolicyField f : PolicyField.in(null)) {
      JsonNode v = advanced.path(f.genesysPath().get(0)).get(f.genesysPath().get(1));
      if (v != null) {
        policy.set(f.jsonName(), v.deepCopy());
      }
    }
    List<Violation> violations = new ArrayList<>();
    RetryPolicy read = null;
    try {
      read = PolicyTrees.read(policy);
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
        if (!recorded.isTextual()) {
          throw new IllegalArgumentException("not a string");
        }
        fingerprint = Optional.of(PolicyFingerprint.parse(recorded.textValue()));
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
    for (PolicyField f : PolicyField.in(null)) {
      String p = f.path();
      if (policyPath.equals(p) || policyPath.startsWith(p + ".") || policyPath.startsWith(p + "[")) {
        return "$.advanced." + String.join(".", f.genesysPath()) + policyPath.substring(p.length());
      }
    }
    // The document itself, or a field the block does not know: the block's retry_policy holds it.
    return "$.advanced." + PolicyField.MAX_RETRIES.genesysPath().get(0) + policyPath.substring(1);
  }
}
