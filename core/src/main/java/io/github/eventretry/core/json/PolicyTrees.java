package io.github.eventretry.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.PolicyValidationException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.internal.PolicyAccess;
import io.github.eventretry.core.internal.PolicyField;
import io.github.eventretry.core.internal.PolicyTreeReader;
import java.util.List;
import java.util.Objects;

/**
 * The JSON trees of the policy, for eventretry's own modules (exported to them only): its canonical form
 * written by walking the field table, a policy read from a tree, and the one pretty form every
 * eventretry JSON output uses. Stateless and thread-safe.
 */
public final class PolicyTrees {
  private static final ObjectWriter PRETTY = JsonMapper.builder().build()
      .writer(new DefaultPrettyPrinter()
          .withSeparators(Separators.createDefaultInstance()
              .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private PolicyTrees() {}

  /**
   * Returns the canonical form of a policy as a new tree: every field in table order with defaults
   * filled in, {@code factor} only for proportional jitter, {@code dead_letter_queue_arn} only when
   * there is one.
   *
   * @param policy the policy
   * @return a new tree the caller owns
   */
  public static ObjectNode toJsonNode(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return object(policy, null);
  }

  private static ObjectNode object(RetryPolicy policy, PolicyField parent) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (PolicyField f : PolicyField.in(parent)) {
      if (f.kind() == PolicyField.Kind.OBJECT) {
        o.set(f.jsonName(), object(policy, f));
      } else {
        put(o, f.jsonName(), f.canonicalValue(policy));
      }
    }
    return o;
  }

  /**
   * Puts a value of the canonical form into an object; null leaves the member out.
   *
   * @param o the object
   * @param name the member
   * @param value a {@link Long}, {@link Double}, {@link String} or null
   */
  public static void put(ObjectNode o, String name, Object value) {
    if (value instanceof Long l) {
      o.put(name, l);
    } else if (value instanceof Double d) {
      o.put(name, d);
    } else if (value instanceof String s) {
      o.put(name, s);
    } else if (value instanceof JsonNode n) {
      o.set(name, n);
    }
  }

  /**
   * Returns the JSON form of a jitter value, such as {@code {"mode":"proportional","factor":0.1}}.
   *
   * @param jitter the jitter
   * @return a new tree the caller owns
   */
  public static ObjectNode jitterNode(Jitter jitter) {
    ObjectNode j = JsonNodeFactory.instance.objectNode();
    j.put(PolicyField.JITTER_MODE.jsonName(), jitter.mode());
    if (jitter instanceof Jitter.Proportional p) {
      j.put(PolicyField.JITTER_FACTOR.jsonName(), p.factor());
    }
    return j;
  }

  /**
   * Reads a policy from a parsed tree, as found inside a larger document.
   *
   * @param node the policy object
   * @return the policy
   * @throws PolicyValidationException listing every problem
   */
  public static RetryPolicy read(JsonNode node) {
    Objects.requireNonNull(node, "node");
    PolicyTreeReader.Result r = PolicyTreeReader.read(node);
    if (!node.isObject()) {
      throw new PolicyValidationException(r.violations());
    }
    return PolicyAccess.build(r.draft(), r.violations());
  }

  /**
   * Writes any plain JSON tree in eventretry's pretty form: two-space indent, {@code \n} line ends,
   * members in their order in the tree, no newline at the end.
   *
   * @param node the tree
   * @return the JSON text
   */
  public static String writePretty(JsonNode node) {
    Objects.requireNonNull(node, "node");
    try {
      return PRETTY.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a plain JSON tree", e);
    }
  }

  /**
   * Returns the violations of reading a tree, without building a policy.
   *
   * @param node the tree
   * @return the violations, empty when the tree is a valid policy
   */
  public static List<io.github.eventretry.core.Violation> violations(JsonNode node) {
    try {
      read(node);
      return List.of();
    } catch (PolicyValidationException e) {
      return e.violations();
    }
  }
}
